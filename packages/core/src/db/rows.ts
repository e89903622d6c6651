/**
 * `db.execute` answers `{ rows }` on PGlite and a row array on postgres.js; raw SQL goes
 * through this so callers get rows either way.
 */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}
