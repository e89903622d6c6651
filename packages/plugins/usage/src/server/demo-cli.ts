import { parseArgs } from 'node:util';
import { generateTraffic } from './demo.js';

/**
 * `pnpm demo:generate --companies N --days D --calls N`: realistic traffic through a running
 * console's ingest endpoint. The ingest key comes from --key-id/--secret or INGEST_KEY_ID and
 * INGEST_SECRET (create one as the operator under Platform > Ingest keys).
 */
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CONSOLE_URL ?? 'http://localhost:3000' },
    'key-id': { type: 'string', default: process.env.INGEST_KEY_ID },
    secret: { type: 'string', default: process.env.INGEST_SECRET },
    companies: { type: 'string', default: '2' },
    days: { type: 'string', default: '30' },
    calls: { type: 'string', default: '40' },
    'end-day': { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});

const int = (name: string, v: string | undefined, min: number, max: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};

if (!values['key-id'] || !values.secret) {
  console.error('An ingest key is needed: --key-id and --secret, or INGEST_KEY_ID and INGEST_SECRET.');
  process.exit(2);
}

const started = Date.now();
const result = await generateTraffic({
  baseUrl: values.url,
  accessKeyId: values['key-id'],
  secret: values.secret,
  companies: int('companies', values.companies, 1, 10_000),
  days: int('days', values.days, 1, 366),
  calls: int('calls', values.calls, 1, 1_000_000),
  ...(values['end-day'] ? { endDay: values['end-day'] } : {}),
  seed: int('seed', values.seed, 0, 2 ** 31),
  onProgress: ({ day, records }) => process.stdout.write(`  ${day}: ${records} records\n`),
});
console.log(`Sent ${result.records} records in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.accepted} stored, ${result.duplicates} already there, ${result.rejected} refused.`);
