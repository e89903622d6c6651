// The Authorization header: written in the seed's exact layout, parsed strictly.
import { ALGORITHM, MAX_LENGTH, SIGNABLE_HEADERS, type SignedHeaderName } from './constants';

/**
 * Access key ids are 40 characters of a–z A–Z 0–9 in the seed; we accept any visible ASCII
 * except the characters that would break the header's quoting or list syntax.
 */
const ACCESS_KEY_ID = /^[\x21-\x7E]+$/;
const FORBIDDEN_IN_ID = /["\\,]/;

export function isValidAccessKeyId(id: string): boolean {
  return id.length <= MAX_LENGTH.accessKeyId && ACCESS_KEY_ID.test(id) && !FORBIDDEN_IN_ID.test(id);
}

/** `hmac username="{id}", algorithm="hmac-sha256", headers="{names}", signature="{sig}"`, as in the seed. */
export function formatAuthorization(accessKeyId: string, headerNames: readonly SignedHeaderName[], signature: string): string {
  return `hmac username="${accessKeyId}", algorithm="${ALGORITHM}", headers="${headerNames.join(' ')}", signature="${signature}"`;
}

export interface ParsedAuthorization {
  accessKeyId: string;
  /** As sent, lowercased; compared with ALGORITHM by the verifier so it can say "unsupported". */
  algorithm: string;
  /** The headers="…" list lowercased, or null when the parameter is absent. */
  headerNames: SignedHeaderName[] | null;
  /** As sent: Base64 (the seed) or hex (the seed's prose); decoded by the verifier. */
  signature: string;
}

export type AuthorizationParse =
  | { ok: true; value: ParsedAuthorization }
  | { ok: false; message: string };

const fail = (message: string): AuthorizationParse => ({ ok: false, message });

// One auth-param: name = "quoted value" (no escapes: nothing we sign needs them), then a comma or the end.
const PARAM = /[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*"([^"\\]*)"[ \t]*(,|$)/y;

/** Parses `hmac key="value", …`. Unknown parameters are ignored; duplicates are refused. */
export function parseAuthorization(header: string): AuthorizationParse {
  const scheme = /^hmac[ \t]+/i.exec(header);
  if (!scheme) return fail('Authorization must use the hmac scheme: hmac username="…", algorithm="hmac-sha256", headers="x-date x-request-id", signature="…"');

  const params = new Map<string, string>();
  PARAM.lastIndex = scheme[0].length;
  for (;;) {
    const start = PARAM.lastIndex;
    const match = PARAM.exec(header);
    if (!match || match.index !== start) return fail('Authorization parameters must be name="value" pairs separated by commas');
    const name = (match[1] ?? '').toLowerCase();
    if (params.has(name)) return fail(`Authorization repeats the ${name} parameter`);
    params.set(name, match[2] ?? '');
    if (match[3] !== ',') break; // reached the end
    if (PARAM.lastIndex >= header.length) return fail('Authorization ends with a comma');
  }

  const username = params.get('username');
  const algorithm = params.get('algorithm');
  const signature = params.get('signature');
  const headers = params.get('headers');
  if (!username || !isValidAccessKeyId(username)) return fail('Authorization needs a username (the access key id)');
  if (!algorithm) return fail('Authorization needs an algorithm');
  if (!signature) return fail('Authorization needs a signature');

  let headerNames: SignedHeaderName[] | null = null;
  if (headers !== undefined) {
    headerNames = [];
    const list = headers.trim();
    for (const raw of list === '' ? [] : list.split(/[ \t]+/)) {
      const name = raw.toLowerCase();
      if (!(SIGNABLE_HEADERS as readonly string[]).includes(name)) {
        return fail(`Authorization headers="…" lists ${JSON.stringify(raw)}, which this API does not sign`);
      }
      if (headerNames.includes(name as SignedHeaderName)) return fail(`Authorization headers="…" lists ${name} twice`);
      headerNames.push(name as SignedHeaderName);
    }
  }

  return { ok: true, value: { accessKeyId: username, algorithm: algorithm.toLowerCase(), headerNames, signature } };
}
