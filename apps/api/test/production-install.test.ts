import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runConsoleCommand } from '@rtc-console/server';
import { createTestApp, type TestApp } from './harness.js';

const execFileAsync = promisify(execFile);
const apiDir = fileURLToPath(new URL('..', import.meta.url));

// A real install: DEMO off (the default), no SMTP. Nothing of the demo may be reachable.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

test('with the demo off and no SMTP there is no mailbox: a reset link cannot be read over HTTP', async () => {
  expect(t.config).toMatchObject({ demo: false, devMailbox: false });
  const anon = t.anonymous();
  expect((await anon.post('/api/auth/forgot-password', { email: 'someone@example.com' })).status).toBe(202);
  const res = await anon.get('/api/dev/mailbox');
  expect(res.status).toBe(404);
  expect(JSON.stringify(res.body)).not.toMatch(/token=/);
});

/** The link a console command printed: the token is its last query value. */
function tokenOf(out: string): string {
  const match = out.match(/reset-password\?token=([A-Za-z0-9_%-]+)/);
  if (!match) throw new Error(`no link in: ${out}`);
  return decodeURIComponent(match[1]!);
}

test('the first operator: the command prints a one-time link, which sets the password; then they sign in', async () => {
  const first = await runConsoleCommand(['create-operator', '--email', 'Chief@Example.com', '--name', 'Chief'], t.core);
  expect(first.code).toBe(0);
  expect(first.out).toMatch(/^Created the platform operator: Chief@Example.com/);
  const token = tokenOf(first.out);
  // No password yet: nobody can sign in before the link is used.
  expect((await t.anonymous().post('/api/auth/sign-in', { email: 'chief@example.com', password: 'a-long-passphrase-1' })).status).toBe(401);
  // The link is mailed too (kept in the outbox without SMTP).
  const [mail] = await t.mail('chief@example.com', 'account-setup');
  expect(mail?.text).toContain(first.out.split('\n')[2]!.trim());

  const anon = t.anonymous();
  expect((await anon.post('/api/auth/reset-password', { token, password: 'a-long-passphrase-1' })).status).toBe(204);
  expect((await anon.post('/api/auth/reset-password', { token, password: 'second-lantern-phrase-2' })).status).toBe(400);
  const operator = await t.signIn('chief@example.com', 'a-long-passphrase-1');
  expect(operator.me).toMatchObject({ user: { email: 'Chief@Example.com', platformRole: 'admin' } });
  expect((await operator.get('/api/operator/companies')).status).toBe(200);
});

test('an existing account is promoted, not duplicated; bad input is refused without a change', async () => {
  const again = await runConsoleCommand(['create-operator', '--email', 'chief@example.com'], t.core);
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/^Made the existing account a platform operator/);
  expect(await runConsoleCommand(['create-operator'], t.core)).toMatchObject({ code: 2, out: expect.stringMatching(/--email is required/) });
  expect(await runConsoleCommand(['create-operator', '--email', 'not-an-address'], t.core)).toMatchObject({ code: 1, out: expect.stringMatching(/not an e-mail address/) });
  expect(await runConsoleCommand(['create-operator', '--email', 'a@b.co', '--bogus'], t.core)).toMatchObject({ code: 2 });
  expect(await runConsoleCommand(['make-coffee'], t.core)).toMatchObject({ code: 2, out: expect.stringMatching(/Unknown command "make-coffee"/) });
  expect(await t.mail('not-an-address')).toEqual([]);
});

test('reseller staff: found by name or created on request, one reseller per person, then the reseller console', async () => {
  const missing = await runConsoleCommand(['create-reseller-staff', '--email', 'sales@north.example', '--reseller', 'North Media'], t.core);
  expect(missing).toMatchObject({ code: 1, out: expect.stringMatching(/No reseller is named "North Media"/) });
  const made = await runConsoleCommand(['create-reseller-staff', '--email', 'sales@north.example', '--reseller', 'North Media', '--create-reseller'], t.core);
  expect(made.code).toBe(0);
  expect(made.out).toMatch(/^Created sales@north.example as staff of the new reseller "North Media"/);
  const second = await runConsoleCommand(['create-reseller-staff', '--email', 'desk@north.example', '--reseller', 'north media'], t.core);
  expect(second.out).toMatch(/staff of the reseller "North Media"/);

  const anon = t.anonymous();
  expect((await anon.post('/api/auth/reset-password', { token: tokenOf(made.out), password: 'north-passphrase-1' })).status).toBe(204);
  const staff = await t.signIn('sales@north.example', 'north-passphrase-1');
  expect(staff.me).toMatchObject({ reseller: { name: 'North Media' } });
  expect((await staff.get('/api/reseller/companies')).status).toBe(200);

  // Staff of North cannot also be staff of another reseller.
  await runConsoleCommand(['create-reseller-staff', '--email', 'other@south.example', '--reseller', 'South', '--create-reseller'], t.core);
  const twice = await runConsoleCommand(['create-reseller-staff', '--email', 'sales@north.example', '--reseller', 'South'], t.core);
  expect(twice).toMatchObject({ code: 1, out: expect.stringMatching(/already works for the reseller "North Media"/) });
  expect((await t.signIn('sales@north.example', 'north-passphrase-1')).me).toMatchObject({ reseller: { name: 'North Media' } });
});

test('`pnpm console` itself: the CLI runs on the embedded database, migrates it, and its account persists', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rtc-cli-'));
  try {
    // The same environment as a real install on PGlite, whatever database this suite runs on.
    const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' } as Record<string, string | undefined>;
    for (const name of ['DATABASE_URL', 'DEMO', 'PUBLIC_URL', 'PORT', 'SMTP_URL']) delete env[name];
    const cli = (...args: string[]) => execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: apiDir, env }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
    );
    const first = await cli('create-operator', '--email', 'root@example.com');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Created the platform operator: root@example.com\nOpen this link within 60 minutes[^\n]*\n {2}http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9_-]{20,}/);
    // A second run finds the account made by the first: it was stored in DATA_DIR.
    expect((await cli('create-operator', '--email', 'ROOT@example.com')).out).toMatch(/^Made the existing account a platform operator/);
    expect(await cli('create-operator')).toMatchObject({ code: 2, out: expect.stringMatching(/--email is required/) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
