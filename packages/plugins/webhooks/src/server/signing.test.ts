import { Webhook } from 'standardwebhooks';
import { expect, test } from 'vitest';
import { generateSecret, messageIdOf, signedHeaders } from './signing.js';

test('a signed attempt verifies with the receiver\'s library, and only with its secret and body', () => {
  const secret = generateSecret();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(generateSecret()).not.toBe(secret);
  const body = JSON.stringify({ type: 'project.created', timestamp: new Date().toISOString(), data: { projectId: 'p1' } });
  const headers = signedHeaders(secret, messageIdOf(41, 7), new Date(), body);
  expect(headers['webhook-id']).toBe('msg_41_7');
  expect(headers['webhook-signature']).toMatch(/^v1,/);
  expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  expect(() => new Webhook(generateSecret()).verify(body, headers)).toThrow();
  expect(() => new Webhook(secret).verify(body.replace('p1', 'p2'), headers)).toThrow();
  // Standard Webhooks receivers refuse stale timestamps (five minutes): each attempt is signed anew.
  const old = signedHeaders(secret, 'msg_41_7', new Date(Date.now() - 10 * 60_000), body);
  expect(() => new Webhook(secret).verify(body, old)).toThrow();
});
