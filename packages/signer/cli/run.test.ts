// The CLI: prints the seed's cURL sample layout, and sends a signed request a verifier accepts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryReplayStore, verify } from '../src/index';
import { runCli, type CliIo } from './run';

const SECRET = 'abcdefghijABCDEFGHIJ0123456789abcdefghij';
const JAVA_SIGNATURE = 'BMSiySIGl92Pjyf5HaDZzEV6mpsSbcdtNrGQpzUr9Dc=';
const SEED_DATE = 'Wed, 11 Sep 2019 16:21:09 GMT';
const SEED_REQUEST_ID = '70a0a14b-f38c-4aaf-aa46-04d8fae3e38c';

function io(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { env, out: (l) => out.push(l), err: (l) => err.push(l), fetch: globalThis.fetch };
  return { io: value, out, err };
}

let server: Server;
let base: string;
const seen: { method: string; url: string; body: string; ok: boolean }[] = [];
beforeAll(async () => {
  const replayStore = createMemoryReplayStore();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      void verify(req.headers, (id) => (id === 'ccc' ? SECRET : null), { replayStore, method: req.method, target: req.url, body }).then((r) => {
        seen.push({ method: req.method!, url: req.url!, body, ok: r.ok });
        res.writeHead(r.ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(r.ok ? { rows: [], count: 0 } : { error: { code: 'UNAUTHENTICATED', message: r.message } }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('rtc-reseller-api', () => {
  it('prints the seed cURL sample layout, signed like the Java sample', async () => {
    const { io: cli, out } = io();
    const code = await runCli(['--curl', '--key-id', 'ccc', '--secret', SECRET, '--date', SEED_DATE, '--request-id', SEED_REQUEST_ID, 'GET', 'https://localhost:8443/benchmark'], cli);
    expect(code).toBe(0);
    expect(out.join('\n')).toBe([
      'curl -i -X GET https://localhost:8443/benchmark \\',
      `-H 'X-Date: ${SEED_DATE}' \\`,
      `-H 'X-Request-ID: ${SEED_REQUEST_ID}' \\`,
      `-H 'Authorization: hmac username="ccc", algorithm="hmac-sha256", headers="x-date x-request-id", signature="${JAVA_SIGNATURE}"'`,
    ].join('\n'));
  });

  it('sends a signed GET the server verifies, with the key from the environment', async () => {
    const { io: cli, out } = io({ RESELLER_ACCESS_KEY_ID: 'ccc', RESELLER_ACCESS_KEY_SECRET: SECRET, RESELLER_API_BASE_URL: base });
    expect(await runCli(['GET', '/v1/resellers/companies?limit=20&offset=0'], cli)).toBe(0);
    expect(out[0]).toBe('HTTP 200 OK');
    expect(JSON.parse(out.slice(1).join('\n'))).toEqual({ rows: [], count: 0 });
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/v1/resellers/companies?limit=20&offset=0', ok: true });
  });

  it('sends a strongly signed POST with its body', async () => {
    const { io: cli } = io();
    const data = JSON.stringify({ name: 'ProjectX' });
    expect(await runCli(['--base-url', base, '--key-id', 'ccc', '--secret', SECRET, '--strong', '-d', data, 'post', '/v1/resellers/companies/1/projects'], cli)).toBe(0);
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: data, ok: true });
  });

  it('exits 1 and prints the error body on a refused request', async () => {
    const { io: cli, out } = io();
    expect(await runCli(['--base-url', base, '--key-id', 'ccc', '--secret', 'wrongSecret0123456789', 'GET', '/v1/resellers/companies'], cli)).toBe(1);
    expect(out[0]).toBe('HTTP 401 Unauthorized');
  });

  it.each([
    [[], 'a METHOD'],
    [['GET', '/x'], '--key-id'],
    [['--key-id', 'a', '--secret', 'b', 'GET', '/x'], '--base-url'],
    [['--key-id', 'a', '--secret', 'b', 'FETCH', 'http://h/x'], 'a METHOD'],
    [['--nope'], "Unknown option '--nope'"],
  ])('refuses %j with exit 2 and says what is missing', async (argv, message) => {
    const { io: cli, err } = io();
    expect(await runCli(argv, cli)).toBe(2);
    expect(err.join('\n')).toContain(message);
  });

  it('refuses a body that is not JSON', async () => {
    const { io: cli, err } = io();
    expect(await runCli(['--base-url', base, '--key-id', 'a', '--secret', 'b', '-d', '{oops', 'POST', '/x'], cli)).toBe(2);
    expect(err[0]).toBe('--data must be JSON');
  });
});
