import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { createApp, createLogger, logSafeUrl } from '@rtc-console/server';
import { createTestStack, DEMO_PASSWORD, type TestStack } from './harness.js';

let stack: TestStack;
const lines: string[] = [];

beforeAll(async () => {
  stack = await createTestStack();
});
afterAll(() => stack.db.destroy());

test('request logs carry a request id but no cookies, CSRF tokens, passwords or emailed tokens', async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = createApp({ core: stack.core, config: stack.config, logger: pino({ level: 'info' }, sink), plugins: stack.plugins });
  const agent = request.agent(app);
  const signIn = await agent.post('/api/auth/sign-in').send({ email: 'admin@acme.demo', password: DEMO_PASSWORD });
  expect(signIn.status).toBe(200);
  const cookie = String(signIn.headers['set-cookie']).match(/rtc_sid=([^;]+)/)![1]!;
  await agent.post('/api/projects').set('x-csrf-token', signIn.body.csrfToken).send({ name: 'Logged project' });
  await agent.get('/api/invitations/secret-invitation-token-123');
  await agent.get('/reset-password?token=secret-reset-token-456');

  const log = lines.join('\n');
  expect(lines.length).toBeGreaterThanOrEqual(4);
  expect(JSON.parse(lines[0]!).req.id).toBe(signIn.headers['x-request-id']);
  for (const secret of [cookie, signIn.body.csrfToken, DEMO_PASSWORD, 'secret-invitation-token-123', 'secret-reset-token-456']) {
    expect(log).not.toContain(secret);
  }
  expect(log).toContain('/api/invitations/[token]');
});

test('log-safe URLs mask tokens and keep everything else', () => {
  expect(logSafeUrl('/api/invitations/abc/accept')).toBe('/api/invitations/[token]/accept');
  expect(logSafeUrl('/reset-password?token=abc&x=1')).toBe('/reset-password?token=[redacted]&x=1');
  expect(logSafeUrl('/accept-invitation?lang=en&token=abc')).toBe('/accept-invitation?lang=en&token=[redacted]');
  expect(logSafeUrl('/api/projects?q=token')).toBe('/api/projects?q=token');
});

test('a failed insert is logged with its SQL but none of its parameters; secret keys are censored anywhere', async () => {
  const errorLines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      errorLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  const app = createApp({ core: { ...stack.core, logger }, config: stack.config, logger, plugins: stack.plugins });
  // A constraint the console knows nothing of makes its insert fail as a database fault would.
  await stack.core.db.execute(sql`alter table projects add constraint logging_test_no_boom check (name not like 'boom%')`);
  try {
    const agent = request.agent(app);
    const signIn = await agent.post('/api/auth/sign-in').send({ email: 'admin@acme.demo', password: DEMO_PASSWORD });
    const res = await agent.post('/api/projects').set('x-csrf-token', signIn.body.csrfToken).send({ name: 'boom-7f3a9c-param' });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
  } finally {
    await stack.core.db.execute(sql`alter table projects drop constraint logging_test_no_boom`);
  }
  const failure = errorLines.map((l) => JSON.parse(l) as { msg: string; err?: { message: string; stack: string; params?: unknown } }).find((l) => l.msg === 'unhandled error');
  expect(failure?.err?.message).toMatch(/^Failed query: insert into "projects"/);
  expect(failure?.err?.message).toMatch(/params: \[\d+ redacted\]: new row for relation "projects" violates check constraint/);
  expect(failure?.err?.params).toBeUndefined();
  const log = errorLines.join('\n');
  expect(log).not.toContain('boom-7f3a9c-param');
  expect(log).toContain('logging_test_no_boom');

  logger.info({ password: 'pw-1', user: { token: 'tk-2', profile: { secret: 'sc-3' } }, headers: { authorization: 'hmac x' } }, 'keys');
  const keys = errorLines.at(-1)!;
  for (const secret of ['pw-1', 'tk-2', 'sc-3', 'hmac x']) expect(keys).not.toContain(secret);
  expect(JSON.parse(keys)).toMatchObject({ password: '[redacted]', user: { token: '[redacted]', profile: { secret: '[redacted]' } } });
});
