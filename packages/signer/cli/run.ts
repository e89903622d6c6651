// The signer's command line: signs one request to the reseller RESTful API and sends it, or
// prints it as the seed's cURL sample does (--curl). Node only (the library itself is not).
import { parseArgs } from 'node:util';
import { sign } from '../src/sign';

export const USAGE = `Usage: rtc-reseller-api [options] <METHOD> <path or URL>

Signs a request with an Access Key ID and Secret (seed 003 "Signature") and sends it.

Options:
  --base-url <url>      where the API lives (env RESELLER_API_BASE_URL), when the target is a path
  --key-id <id>         Access Key ID (env RESELLER_ACCESS_KEY_ID)
  --secret <secret>     Access Key Secret (env RESELLER_ACCESS_KEY_SECRET)
  -d, --data <json>     JSON body (POST)
  --strong              also sign the method, path, query and body
  --curl                print the signed request as a cURL command instead of sending it
  --date <http-date>    x-date to sign (default: now), to reproduce a known signature
  --request-id <uuid>   x-request-id to sign (default: a new UUID)
  -h, --help            this text

Example:
  rtc-reseller-api --base-url http://localhost:3000 GET '/v1/resellers/companies?limit=20&offset=0'`;

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  fetch: typeof fetch;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI; resolves to the process exit code (0 for a 2xx answer or printed command). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' }, 'key-id': { type: 'string' }, secret: { type: 'string' }, data: { type: 'string', short: 'd' },
        strong: { type: 'boolean' }, curl: { type: 'boolean' }, date: { type: 'string' }, 'request-id': { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    io.out(USAGE);
    return 0;
  }
  const [methodArg, targetArg] = positionals;
  const accessKeyId = o['key-id'] ?? io.env.RESELLER_ACCESS_KEY_ID;
  const secret = o.secret ?? io.env.RESELLER_ACCESS_KEY_SECRET;
  const baseUrl = o['base-url'] ?? io.env.RESELLER_API_BASE_URL;
  const problems = [
    !methodArg || !/^(GET|POST|PUT|PATCH|DELETE)$/i.test(methodArg) ? 'a METHOD (GET, POST, …)' : null,
    !targetArg ? 'a path or URL' : null,
    !accessKeyId ? '--key-id or RESELLER_ACCESS_KEY_ID' : null,
    !secret ? '--secret or RESELLER_ACCESS_KEY_SECRET' : null,
    targetArg && !/^https?:\/\//.test(targetArg) && !baseUrl ? '--base-url (or a full URL)' : null,
  ].filter(Boolean);
  if (problems.length) {
    io.err(`Missing ${problems.join(', ')}.\n\n${USAGE}`);
    return 2;
  }
  if (o.data !== undefined) {
    try {
      JSON.parse(o.data);
    } catch {
      io.err('--data must be JSON');
      return 2;
    }
  }
  const method = methodArg!.toUpperCase();
  const url = new URL(targetArg!, baseUrl);
  const body = o.data ?? null;
  let headers;
  try {
    headers = await sign({ accessKeyId: accessKeyId!, secret: secret!, date: o.date, requestId: o['request-id'], strong: o.strong ?? false, method, target: url.pathname + url.search, body });
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
  // Written as the seed's sample writes them: X-Date, X-Request-ID, Authorization.
  const display: [string, string][] = [['X-Date', headers['x-date']], ['X-Request-ID', headers['x-request-id']], ['Authorization', headers.authorization]];
  if (headers['content-digest']) display.push(['Content-Digest', headers['content-digest']]);
  if (body !== null) display.push(['Content-Type', 'application/json']);
  if (o.curl) {
    const lines = [`curl -i -X ${method} ${url.href}`, ...display.map(([k, v]) => `-H ${quote(`${k}: ${v}`)}`)];
    if (body !== null) lines.push(`--data ${quote(body)}`);
    io.out(lines.join(' \\\n'));
    return 0;
  }
  let res: Response;
  try {
    res = await io.fetch(url, { method, headers: Object.fromEntries(display), body });
  } catch (e) {
    io.err(`Could not reach ${url.origin}: ${(e as Error).message}`);
    return 1;
  }
  io.out(`HTTP ${res.status} ${res.statusText}`);
  const text = await res.text();
  try {
    io.out(JSON.stringify(JSON.parse(text), null, 2));
  } catch {
    if (text) io.out(text);
  }
  return res.ok ? 0 : 1;
}
