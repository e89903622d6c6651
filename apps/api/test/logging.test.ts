import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '../src/app.js';
import { logSafeUrl } from '../src/http/log-safe.js';
import { createTestStack, type TestStack } from '../src/testing.js';
import { DEMO_PASSWORD } from './harness.js';

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
