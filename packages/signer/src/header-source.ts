// Reading request headers from whatever the server has: a Fetch Headers object (Hono, Request,
// Cloudflare-style handlers) or a plain record such as Node's IncomingHttpHeaders.

/** Anything with a case-insensitive get(), like Fetch's Headers. */
export interface HeadersLike {
  get(name: string): string | null;
}

/** Node's IncomingHttpHeaders or any record of header values (keys in any case). */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | number | undefined>>;

export type HeaderSource = HeadersLike | HeaderRecord;

export type HeaderRead =
  | { kind: 'missing' }
  | { kind: 'invalid'; message: string }
  | { kind: 'present'; value: string };

function isHeadersLike(source: HeaderSource): source is HeadersLike {
  return typeof (source as { get?: unknown }).get === 'function';
}

/** Every value sent under `name` (lowercase). */
function valuesOf(source: HeaderSource, name: string): unknown[] {
  if (isHeadersLike(source)) {
    const value = source.get(name);
    return value === null ? [] : [value];
  }
  // Node lowercases names already; other records may not, so compare case-insensitively and
  // collect every spelling: the same header under two spellings counts as sent twice.
  const values: unknown[] = [];
  for (const key of Object.keys(source)) {
    // The length first: it rules out nearly every other header without building a lowercase copy.
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const value: unknown = source[key];
    if (Array.isArray(value)) values.push(...(value as unknown[]));
    else if (value !== undefined) values.push(value);
  }
  return values;
}

/**
 * One header's value, trimmed. Repeated headers, values over maxLength and anything but printable
 * ASCII come back as invalid: a signed value is compared byte for byte, so there is nothing to
 * gain from guessing which copy or which decoding the client meant.
 */
export function readHeader(source: HeaderSource, name: string, maxLength: number): HeaderRead {
  const values = valuesOf(source, name);
  if (values.length === 0) return { kind: 'missing' };
  if (values.length > 1) return { kind: 'invalid', message: `${name} was sent more than once` };
  const raw = values[0];
  const value = typeof raw === 'number' ? String(raw) : raw;
  if (typeof value !== 'string') return { kind: 'invalid', message: `${name} is not text` };
  // Length first, so no regular expression ever runs over a huge value.
  if (value.length > maxLength + 64) return { kind: 'invalid', message: `${name} is longer than ${maxLength} characters` };
  const trimmed = value.trim();
  if (trimmed === '') return { kind: 'missing' };
  if (trimmed.length > maxLength) return { kind: 'invalid', message: `${name} is longer than ${maxLength} characters` };
  if (!/^[\x20-\x7E]*$/.test(trimmed)) return { kind: 'invalid', message: `${name} must be printable ASCII` };
  return { kind: 'present', value: trimmed };
}
