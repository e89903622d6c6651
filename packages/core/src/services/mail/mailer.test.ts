import nodemailer, { type SendMailOptions } from 'nodemailer';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/index.js';
import { createMailer } from './mailer.js';
import { listOutbox } from './outbox.js';

let t: TestDatabase;
const logger = pino({ level: 'silent' });
const mail = { to: 'someone@example.com', subject: 'Hello', text: 'Body https://x.test/a?token=1', kind: 'test' };

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
  await expect(mailer.send({ ...mail, to: 'failed@example.com' })).resolves.toBeUndefined();
  const [row] = (await listOutbox(t.db, { to: 'failed@example.com', limit: 10, offset: 0 })).rows;
  expect(row).toMatchObject({ status: 'failed', error: 'SMTP said no', text: mail.text });
});
