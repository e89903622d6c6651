import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { decryptSecret, encryptSecret } from './settings-crypto.js';

const key = randomBytes(32);

test('a secret comes back with its key and context, and its ciphertext shows nothing of it', () => {
  const sealed = encryptSecret(key, '{"secretKey":"sk-live-123"}', '1/recording');
  expect(sealed).not.toContain('sk-live');
  expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(decryptSecret(key, sealed, '1/recording')).toBe('{"secretKey":"sk-live-123"}');
  // A fresh IV each time: the same secret never looks the same twice.
  expect(encryptSecret(key, 'x', 'c')).not.toBe(encryptSecret(key, 'x', 'c'));
});

test('another key, another row, or an altered value does not decrypt', () => {
  const sealed = encryptSecret(key, 'secret', '1/recording');
  expect(() => decryptSecret(randomBytes(32), sealed, '1/recording')).toThrow();
  expect(() => decryptSecret(key, sealed, '2/recording')).toThrow();
  expect(() => decryptSecret(key, sealed, '1/webhooks')).toThrow();
  const [v, iv, tag, body] = sealed.split('.');
  const flipped = Buffer.from(body!, 'base64url');
  flipped[0] = flipped[0]! ^ 1;
  expect(() => decryptSecret(key, [v, iv, tag, flipped.toString('base64url')].join('.'), '1/recording')).toThrow();
  expect(() => decryptSecret(key, 'plain text', '1/recording')).toThrow('not an encrypted value');
});
