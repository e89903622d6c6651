// Bulk writes with COPY, on either driver, inside the caller's transaction. An INSERT … SELECT
// of ten thousand rows costs Postgres about twice what COPY of the same rows does (COPY batches
// its heap and index writes), which is what bounds ingest throughput; see docs/benchmarks.md.
import type { Queryable } from './types.js';

/** One value of a row: null becomes SQL NULL, arrays become array literals ('{1,2}'). */
export type CopyValue = string | number | boolean | null | readonly (string | number)[];

// COPY's text format: backslash, tab, newline and carriage return are escaped; \N is NULL.
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : text;
}

// Inside an array literal, elements are double-quoted with " and \ backslash-escaped; the whole
// literal is then escaped once more for COPY.
function arrayLiteral(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

/** One value in COPY's text format (for callers that write their lines themselves). */
export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`copyRows: ${value} cannot be written`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeText(arrayLiteral(value));
}

/** Rows in COPY's text format, one line each. */
export function copyText(rows: Iterable<readonly CopyValue[]>): string {
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i ? '\t' : '') + copyValue(row[i]!);
    out += `${line}\n`;
  }
  return out;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

interface PostgresJsClient {
  unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> };
}
interface PgliteClient {
  query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/**
 * COPY rows into `table` through the transaction (or database) `q`. Table and column names are
 * code, not input (checked to be plain identifiers). postgres.js streams COPY … FROM STDIN on
 * the transaction's own connection; PGlite reads the rows from its /dev/blob device.
 */
export function copyRows(q: Queryable, table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<void> {
  return copyLines(q, table, columns, copyText(rows));
}

/**
 * COPY text already in COPY's text format (one line per row, each value written with copyValue):
 * for hot paths that build their lines in one pass over their own records.
 */
export async function copyLines(q: Queryable, table: string, columns: readonly string[], text: string): Promise<void> {
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new TypeError(`copyRows: ${JSON.stringify(name)} is not a plain identifier`);
  if (text === '') return;
  if (!text.endsWith('\n')) throw new TypeError('copyLines: the text must end with a line break');
  // drizzle keeps the driver's client (postgres.js Sql/TransactionSql or PGlite/Transaction) on its session.
  const client = (q as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client;
  const target = `${table} (${columns.join(', ')})`;
  if ('unsafe' in client) {
    const stream = await client.unsafe(`copy ${target} from stdin`).writable();
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
    return;
  }
  await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([text]) });
}
