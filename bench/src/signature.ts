/**
 * Issue #4: signature verification throughput (packages/signer `verify`, seed mode, with the
 * in-memory replay store) beside a bare WebCrypto HMAC-SHA256 of the same string to sign, in
 * the same run. The baseline is the primitive alone: the key imported once, then one HMAC per
 * string (verify keeps imported keys too). The ratio is what parsing, the date and skew checks,
 * the key lookup, the replay store and the constant-time comparison cost on top. Target:
 * verify ≥ 70% of the bare HMAC's rate. For information, an HMAC that imports the key every
 * time (what verify did before it kept keys) is measured as well.
 */
import { createMemoryReplayStore, sign, stringToSign, verify } from '@rtc-console/signer';
import { now } from './stats.js';

export interface SignatureResult {
  requests: number;
  verifyPerSecond: number;
  /** The baseline: one HMAC per string with a key imported once. */
  hmacPerSecond: number;
  /** For information: importing the key for every HMAC. */
  hmacWithImportPerSecond: number;
  ratio: number;
}

const SECRET = 'abcdefghijABCDEFGHIJ0123456789abcdefghij';
const KEY_ID = 'benchKeyId0123456789abcdefghijABCDEFGHIJ';

/** Signs `n` distinct requests (fresh request ids, as real traffic has) before timing anything. */
async function signedRequests(n: number) {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < n; i++) out.push(await sign({ accessKeyId: KEY_ID, secret: SECRET }));
  return out;
}

const enc = new TextEncoder();
const importKey = () => crypto.subtle.importKey('raw', enc.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);

async function timeHmacs(texts: string[], key: CryptoKey | null): Promise<number> {
  const t = now();
  for (const text of texts) await crypto.subtle.sign('HMAC', key ?? (await importKey()), enc.encode(text));
  return now() - t;
}

export async function runSignatureBench(n = Number(process.env.BENCH_SIGNATURES ?? 50_000), rounds = 5): Promise<SignatureResult> {
  const requests = await signedRequests(n);
  const texts = requests.map((h) => stringToSign({ date: h['x-date']!, requestId: h['x-request-id']! }));
  const key = await importKey();
  let bestVerify = Infinity;
  let bestHmac = Infinity;
  let bestHmacWithImport = Infinity;
  // Alternate the two in each round, so drift on a shared machine hits both alike; keep each one's best.
  for (let round = 0; round < rounds; round++) {
    const replayStore = createMemoryReplayStore();
    const t = now();
    for (const h of requests) {
      const r = await verify(h, (id) => (id === KEY_ID ? SECRET : null), { replayStore });
      if (!r.ok) throw new Error(`verify refused a good request: ${r.reason}`);
    }
    bestVerify = Math.min(bestVerify, now() - t);
    bestHmac = Math.min(bestHmac, await timeHmacs(texts, key));
    bestHmacWithImport = Math.min(bestHmacWithImport, await timeHmacs(texts, null));
  }
  const verifyPerSecond = (n / bestVerify) * 1000;
  const hmacPerSecond = (n / bestHmac) * 1000;
  const hmacWithImportPerSecond = (n / bestHmacWithImport) * 1000;
  return { requests: n, verifyPerSecond, hmacPerSecond, hmacWithImportPerSecond, ratio: verifyPerSecond / hmacPerSecond };
}

// Run alone: `pnpm --filter @rtc-console/bench exec tsx src/signature.ts`
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runSignatureBench();
  console.log(`verify: ${Math.round(r.verifyPerSecond)}/s, bare HMAC: ${Math.round(r.hmacPerSecond)}/s (importing the key each time: ${Math.round(r.hmacWithImportPerSecond)}/s), ratio ${(r.ratio * 100).toFixed(0)}%`);
}
