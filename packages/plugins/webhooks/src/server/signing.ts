import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks (standardwebhooks.com), through its reference library: the secret is
 * `whsec_` + 32 random bytes in base64; each attempt is signed over `<id>.<timestamp>.<body>`.
 */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * `webhook-id` is the same on every attempt of one event to one endpoint, so receivers can drop a
 * repeat; the timestamp and signature are of this attempt.
 */
export const messageIdOf = (eventId: number, endpointId: number) => `msg_${eventId}_${endpointId}`;

export function signedHeaders(secret: string, messageId: string, at: Date, payload: string): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, payload),
  };
}
