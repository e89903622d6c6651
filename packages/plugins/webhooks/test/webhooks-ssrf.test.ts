// The SSRF guard at delivery time, with the address rules of a real install: host names that
// resolve to loopback, private, link-local or mapped addresses are refused before any
// connection, and the address checked is the address connected to (a DNS answer that changes
// between the check and the connection, DNS rebinding, reaches nothing).
import dns from 'node:dns';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TestApp, TestClient } from '@rtc-console/testing';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Resolver } from '../src/server/index.js';
import { addEndpoint, waitForDeliveries, webhooksApp } from './webhooks-helpers.js';

/** A plain TCP listener on 127.0.0.1: any connection at all means the guard let a request through. */
let trap: Server;
let trapPort: number;
const connections: Socket[] = [];

const ANSWERS: Record<string, string[]> = {
  'loopback.example.test': ['127.0.0.1'],
  'loopback6.example.test': ['::1'],
  'mapped.example.test': ['::ffff:127.0.0.1'],
  'private.example.test': ['10.20.30.40'],
  'metadata.example.test': ['169.254.169.254'],
  'ula.example.test': ['fd00::8'],
  'mixed.example.test': ['93.184.216.34', '192.168.1.20'],
};
/** The rebinding host: a public address for the first question, this machine for every later one. */
let rebindAsked = 0;
const rebinding = () => (++rebindAsked === 1 ? '93.184.216.34' : '127.0.0.1');
const resolve: Resolver = async (host) => {
  const addresses = host === 'rebinding.example.test' ? [rebinding()] : ANSWERS[host];
  if (!addresses) throw Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  trap = createServer((socket) => {
    connections.push(socket);
    socket.destroy();
  });
  await new Promise<void>((r) => trap.listen(0, '127.0.0.1', r));
  trapPort = (trap.address() as AddressInfo).port;
  // A real install's rules (no demo exception for loopback), one attempt, a short timeout.
  t = await webhooksApp({ allowLoopback: false, allowPrivate: false, resolve, retry: { limit: 0 }, timeoutMs: 1500 }, { jobs: true });
  admin = await t.signIn('admin@acme.demo');
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => trap.close(() => r()));
});

async function deliverTo(host: string) {
  const { endpoint } = await addEndpoint(admin, { url: `https://${host}:${trapPort}/hook`, eventTypes: ['project.created'] });
  expect((await admin.post(`/api/webhooks/endpoints/${endpoint.id}/test`)).status).toBe(202);
  const [delivery] = await waitForDeliveries(admin, endpoint.id, (rows) => rows[0]?.status === 'failed');
  return delivery!;
}

describe('refused before connecting', () => {
  test.each([
    ['loopback.example.test', '127.0.0.1', 'loopback'],
    ['loopback6.example.test', '::1', 'loopback'],
    ['mapped.example.test', '::ffff:127.0.0.1', 'loopback'],
    ['private.example.test', '10.20.30.40', 'private'],
    ['metadata.example.test', '169.254.169.254', 'linkLocal'],
    ['ula.example.test', 'fd00::8', 'uniqueLocal'],
    ['mixed.example.test', '192.168.1.20', 'private'],
  ])('a name resolving to %s (%s) is refused as %s', async (host, address, range) => {
    const delivery = await deliverTo(host);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null });
    expect(delivery.lastError).toBe(`refused: ${host} resolves to ${address}, a ${range} address, which webhooks may not reach`);
    expect(connections).toHaveLength(0);
  });
});

describe('DNS rebinding', () => {
  test('the request goes to the address that was checked: a second answer pointing at this machine is never asked for', async () => {
    // Whatever the console's HTTP client would look up itself would get this machine too.
    const lookup = vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, options: unknown, callback?: unknown) => {
      const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
      const all = typeof options === 'object' && (options as { all?: boolean }).all;
      const address = hostname === 'rebinding.example.test' ? rebinding() : '127.0.0.1';
      if (all) cb(null, [{ address, family: 4 }]);
      else cb(null, address, 4);
    }) as typeof dns.lookup);
    try {
      const delivery = await deliverTo('rebinding.example.test');
      expect(rebindAsked).toBe(1);
      expect(lookup.mock.calls.filter(([host]) => host === 'rebinding.example.test')).toEqual([]);
      // It went to the public address (unreachable from this sandbox): an error or a timeout, never this machine.
      expect(delivery).toMatchObject({ status: 'failed', responseStatus: null });
      expect(delivery.lastError).toMatch(/93\.184\.216\.34|no answer within/);
      expect(connections).toHaveLength(0);
    } finally {
      lookup.mockRestore();
    }
  });
});
