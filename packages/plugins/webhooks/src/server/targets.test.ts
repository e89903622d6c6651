import { describe, expect, test } from 'vitest';
import { rangeOf, resolveTarget, TargetRefused, urlProblem, type Resolver, type TargetPolicy } from './targets.js';

const STRICT: TargetPolicy = { allowPrivate: false, allowLoopback: false };
const DEMO: TargetPolicy = { allowPrivate: false, allowLoopback: true };
const OPEN: TargetPolicy = { allowPrivate: true, allowLoopback: true };
const resolvingTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('address ranges', () => {
  test.each([
    ['93.184.216.34', 'unicast'], ['2606:2800:220:1:248:1893:25c8:1946', 'unicast'],
    ['127.0.0.1', 'loopback'], ['127.8.9.1', 'loopback'], ['::1', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['192.168.1.1', 'private'], ['::ffff:10.0.0.1', 'private'],
    ['169.254.169.254', 'linkLocal'], ['fe80::1', 'linkLocal'], ['fd00::1', 'uniqueLocal'], ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'], ['0.0.0.0', 'unspecified'], ['::', 'unspecified'], ['255.255.255.255', 'broadcast'],
    ['2002:7f00:1::', '6to4'], ['64:ff9b::a00:1', 'rfc6052'],
  ])('%s is %s', (address, range) => expect(rangeOf(address)).toBe(range));
});

describe('an endpoint URL, judged by itself', () => {
  test.each([
    ['https://hooks.example.com/in', STRICT, null],
    ['http://hooks.example.com/in', STRICT, 'The URL must start with https://'],
    ['http://127.0.0.1:4000/in', STRICT, 'The URL must start with https://'],
    ['http://127.0.0.1:4000/in', DEMO, null],
    ['http://localhost:4000/in', DEMO, null],
    ['http://[::1]:4000/in', DEMO, null],
    ['http://10.0.0.5/in', DEMO, expect.stringMatching(/reaches only this machine/)],
    ['http://10.0.0.5/in', OPEN, expect.stringMatching(/reaches only this machine/)],
    ['https://10.0.0.5/in', STRICT, '10.0.0.5 is a private address, which webhooks may not reach'],
    ['https://10.0.0.5/in', OPEN, null],
    ['https://[fd00::1]/in', STRICT, 'fd00::1 is a uniqueLocal address, which webhooks may not reach'],
    ['https://169.254.169.254/latest/meta-data', STRICT, expect.stringMatching(/linkLocal/)],
    ['https://localhost/in', STRICT, 'localhost is this machine, which webhooks may not reach'],
    ['https://user:pw@hooks.example.com/in', STRICT, expect.stringMatching(/no user name or password/)],
    ['ftp://hooks.example.com/in', OPEN, 'The URL must start with https://'],
    ['hooks.example.com/in', STRICT, expect.stringMatching(/absolute URL/)],
  ])('%s → %s', (url, policy, problem) => expect(urlProblem(url, policy)).toEqual(problem));
});

describe('a target, judged by the addresses its host resolves to', () => {
  test('a public host is delivered to the address checked', async () => {
    expect(await resolveTarget('https://hooks.example.com/x', STRICT, resolvingTo('93.184.216.34'))).toMatchObject({ address: '93.184.216.34', family: 4 });
  });

  test.each([
    ['loopback', ['127.0.0.1']], ['private', ['10.0.0.7']], ['linkLocal', ['169.254.169.254']], ['uniqueLocal', ['fd12::1']],
    ['a mapped loopback', ['::ffff:127.0.0.1']], ['one bad address among good ones', ['93.184.216.34', '192.168.0.10']],
  ])('a name resolving to %s is refused', async (_what, addresses) => {
    await expect(resolveTarget('https://innocent.example.com/x', STRICT, resolvingTo(...addresses))).rejects.toThrow(TargetRefused);
  });

  test('with private targets allowed, a name resolving to a private address passes', async () => {
    expect((await resolveTarget('https://intranet.example/x', OPEN, resolvingTo('10.0.0.7'))).address).toBe('10.0.0.7');
  });

  test('http reaches loopback only, even where private targets are allowed', async () => {
    await expect(resolveTarget('http://localhost:9/x', OPEN, resolvingTo('10.0.0.7'))).rejects.toThrow(/http reaches only this machine/);
    expect((await resolveTarget('http://localhost:9/x', DEMO, resolvingTo('127.0.0.1'))).address).toBe('127.0.0.1');
  });

  test('a name that does not resolve is refused with the resolver\'s reason', async () => {
    const failing: Resolver = async () => { throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' }); };
    await expect(resolveTarget('https://nowhere.invalid/x', STRICT, failing)).rejects.toThrow('nowhere.invalid does not resolve (ENOTFOUND)');
  });
});
