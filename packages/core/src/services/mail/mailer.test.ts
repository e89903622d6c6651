import nodemailer, { type SendMailOptions } from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { createMailer, purgeExpiredMail, REMOVED_TOKEN } from './mailer.js';
import { listOutbox } from './outbox.js';
import { updatePlatformSettings } from '../platform-settings.js';

let t: TestDatabase;
const logger = pino({ level: 'silent' });
const mail = { to: 'someone@example.com', subject: 'Hello', text: 'Body https://x.test/a?token=1', kind: 'test' };

/** A JSON transport that also keeps what it was given. */
function capturingTransport() {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const delivered: SendMailOptions[] = [];
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (m: SendMailOptions) => {
    delivered.push(m);
    return original(m);
  }) as typeof transport.sendMail;
  return { transport, delivered };
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

test('without SMTP, mail is kept in the outbox', async () => {
  const mailer = createMailer({ db: t.db, logger, from: 'console@example.com' });
  expect(mailer.outboxOnly).toBe(true);
  await mailer.send({ ...mail, to: 'kept@example.com' });
  const [row] = (await listOutbox(t.db, { to: 'kept@example.com', limit: 10, offset: 0 })).rows;
  expect(row).toMatchObject({ status: 'kept', subject: 'Hello', kind: 'test' });
});

test('with a transport, mail is delivered through nodemailer and marked sent', async () => {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const sent: string[] = [];
  const original = transport.sendMail.bind(transport);
  transport.sendMail = (async (m: SendMailOptions) => {
    sent.push(String(m.to));
    return original(m);
  }) as typeof transport.sendMail;
  const mailer = createMailer({ db: t.db, logger, from: 'console@example.com', transport });
  await mailer.send({ ...mail, to: 'sent@example.com' });
  expect(sent).toEqual(['sent@example.com']);
  const [row] = (await listOutbox(t.db, { to: 'sent@example.com', limit: 10, offset: 0 })).rows;
  expect(row?.status).toBe('sent');
  expect(row?.sentAt).toBeInstanceOf(Date);
});

test('a delivery failure is recorded, not thrown, and the mail is kept', async () => {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  transport.sendMail = (async () => {
    throw new Error('SMTP said no');
  }) as typeof transport.sendMail;
  const mailer = createMailer({ db: t.db, logger, from: 'console@example.com', transport });
  await expect(mailer.send({ ...mail, to: 'failed@example.com' })).resolves.toMatchObject({ status: 'failed', from: 'console@example.com' });
  const [row] = (await listOutbox(t.db, { to: 'failed@example.com', limit: 10, offset: 0 })).rows;
  expect(row).toMatchObject({ status: 'failed', error: 'SMTP said no', text: mail.text });
});

test('the sender is the platform settings’ address when set, else the configured one, delivered and stored alike', async () => {
  const { transport, delivered } = capturingTransport();
  const mailer = createMailer({ db: t.db, logger, from: 'Console <console@example.com>', transport });
  await updatePlatformSettings(t.db, { mailFrom: 'ops@example.com' });
  await expect(mailer.send({ ...mail, to: 'from-1@example.com' })).resolves.toMatchObject({ status: 'sent', from: 'ops@example.com' });
  await updatePlatformSettings(t.db, { mailFrom: null });
  await mailer.send({ ...mail, to: 'from-2@example.com' });
  expect(delivered.map((m) => m.from)).toEqual(['ops@example.com', 'Console <console@example.com>']);
  expect((await listOutbox(t.db, { to: 'from-1@example.com', limit: 1, offset: 0 })).rows[0]?.from).toBe('ops@example.com');
  expect((await listOutbox(t.db, { to: 'from-2@example.com', limit: 1, offset: 0 })).rows[0]?.from).toBe('Console <console@example.com>');
});

test('once sent, the stored copy keeps no usable link: the token is blanked in text and html', async () => {
  const { transport, delivered } = capturingTransport();
  const token = 'tok/en+with=odd&chars';
  const link = `https://console.example.com/reset-password?token=${encodeURIComponent(token)}`;
  const mailer = createMailer({ db: t.db, logger, from: 'console@example.com', transport });
  await mailer.send({ to: 'blank@example.com', kind: 'password-reset', subject: 'Reset', text: `Open ${link}`, html: `<a href="${link}">${token}</a>`, secret: { token, expiresAt: new Date(Date.now() + 60_000) } });
  // The recipient got the live link; the outbox did not keep it.
  expect(delivered[0]?.text).toContain(link);
  const [row] = (await listOutbox(t.db, { to: 'blank@example.com', limit: 10, offset: 0 })).rows;
  expect(row?.status).toBe('sent');
  expect(row?.text).toBe(`Open https://console.example.com/reset-password?token=${REMOVED_TOKEN}`);
  expect(row?.html).toBe(`<a href="https://console.example.com/reset-password?token=${REMOVED_TOKEN}">${REMOVED_TOKEN}</a>`);
  expect(JSON.stringify(row)).not.toContain(encodeURIComponent(token));
});

test('kept mail is purged once its link has expired; other mail stays', async () => {
  const mailer = createMailer({ db: t.db, logger, from: 'console@example.com' });
  const now = Date.now();
  await mailer.send({ ...mail, to: 'expired@example.com', secret: { token: '1', expiresAt: new Date(now - 1000) } });
  await mailer.send({ ...mail, to: 'live@example.com', secret: { token: '1', expiresAt: new Date(now + 3_600_000) } });
  await mailer.send({ ...mail, to: 'tokenless@example.com' });
  expect(await purgeExpiredMail(t.db, new Date(now))).toBe(1);
  const left = async (to: string) => (await listOutbox(t.db, { to, limit: 10, offset: 0 })).count;
  expect(await left('expired@example.com')).toBe(0);
  expect(await left('live@example.com')).toBe(1);
  expect(await left('tokenless@example.com')).toBe(1);
  // An hour on, the live one has expired too.
  expect(await purgeExpiredMail(t.db, new Date(now + 3_600_001))).toBe(1);
  expect(await left('live@example.com')).toBe(0);
});
