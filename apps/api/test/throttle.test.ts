// Sign-in and reset-mail throttling: per account across addresses (strict), per address across
// accounts (loose), stored in Postgres so that every API instance counts the same attempts.
import request from 'supertest';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createApp } from '@rtc-console/server';
import { createTestApp, DEMO_PASSWORD, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  // TRUST_PROXY: the tests speak for many client addresses through X-Forwarded-For.
  t = await createTestApp({ env: { SIGN_IN_RATE_LIMIT: '3', SIGN_IN_IP_RATE_LIMIT: '6', TRUST_PROXY: 'loopback' } });
});
afterAll(() => t.close());

let nextAddress = 1;
const address = () => `203.0.113.${nextAddress++}`;
const signIn = (email: string, password: string, from: string, app = t.app) =>
  request(app).post('/api/auth/sign-in').set('x-forwarded-for', from).send({ email, password });

test('one account tried from many addresses is throttled after its limit, then for everyone', async () => {
  for (let i = 0; i < 3; i++) expect((await signIn('engineer@acme.demo', 'wrong', address())).status).toBe(401);
  const fourth = await signIn('engineer@acme.demo', 'wrong', address());
  expect(fourth.status).toBe(429);
  expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
  // The right password from a fresh address waits too: the count is the account's.
  expect((await signIn('engineer@acme.demo', DEMO_PASSWORD, address())).status).toBe(429);
});

test('one address trying many accounts is throttled after its (looser) limit; other addresses are not', async () => {
  const from = address();
  const accounts = ['a1@x.example', 'a2@x.example', 'a3@x.example', 'a4@x.example', 'a5@x.example', 'a6@x.example'];
  for (const email of accounts) expect((await signIn(email, 'wrong', from)).status).toBe(401);
  expect((await signIn('a7@x.example', 'wrong', from)).status).toBe(429);
  expect((await signIn('admin@galaxy.demo', DEMO_PASSWORD, from)).status).toBe(429);
  expect((await signIn('admin@galaxy.demo', DEMO_PASSWORD, address())).status).toBe(200);
});

test('a successful sign-in clears the account count', async () => {
  const from = address();
  for (let i = 0; i < 2; i++) expect((await signIn('support@acme.demo', 'wrong', from)).status).toBe(401);
  expect((await signIn('support@acme.demo', DEMO_PASSWORD, from)).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await signIn('support@acme.demo', 'wrong', address())).status).toBe(401);
});

test('every API instance counts the same attempts (the count is in the database)', async () => {
  const other = createApp({ core: t.core, config: t.config, logger: t.core.logger, plugins: t.plugins });
  expect((await signIn('ops@galaxy.demo', 'wrong', address(), t.app)).status).toBe(401);
  expect((await signIn('ops@galaxy.demo', 'wrong', address(), other)).status).toBe(401);
  expect((await signIn('ops@galaxy.demo', 'wrong', address(), t.app)).status).toBe(401);
  expect((await signIn('ops@galaxy.demo', 'wrong', address(), other)).status).toBe(429);
});

test('forgot-password cannot flood one inbox from many addresses, nor many inboxes from one address', async () => {
  const forgot = (email: string, from: string) => request(t.app).post('/api/auth/forgot-password').set('x-forwarded-for', from).send({ email });
  for (let i = 0; i < 3; i++) expect((await forgot('viewer@acme.demo', address())).status).toBe(202);
  expect((await forgot('viewer@acme.demo', address())).status).toBe(429);
  expect(await t.mail('viewer@acme.demo', 'password-reset')).toHaveLength(3);

  const from = address();
  for (let i = 0; i < 6; i++) expect((await forgot(`inbox${i}@x.example`, from)).status).toBe(202);
  expect((await forgot('engineer@galaxy.demo', from)).status).toBe(429);
  expect(await t.mail('engineer@galaxy.demo', 'password-reset')).toHaveLength(0);
});
