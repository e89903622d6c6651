/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A case-insensitive "contains" pattern for ILIKE, or undefined for an empty search. */
export function searchTerm(q: string | undefined): string | undefined {
  return q ? `%${escapeLike(q)}%` : undefined;
}
