import { ApiError } from '../api/api-error';

/**
 * Splits an API failure's field details (`details: [{ path, message }]` of a 400
 * VALIDATION_FAILED, or a 409 naming its field) into those the form shows on its own fields
 * (`fields`) and whether anything was left over (then the form shows the whole error as well).
 * A detail lands on the longest field its path starts with: `['values', 'days']` on a field
 * `values.days` when the form has one, else on `values`.
 */
export function fieldErrorsFor(err: unknown, fields: readonly string[]): { onFields: Record<string, string>; leftOver: boolean } {
  if (!(err instanceof ApiError)) return { onFields: {}, leftOver: true };
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown[]; message?: string }[]) : [];
  const onFields: Record<string, string> = {};
  let leftOver = !details.some((d) => d.path?.length && d.message);
  for (const d of details) {
    if (!d.path?.length || !d.message) continue;
    const path = d.path.map(String);
    let field: string | undefined;
    for (let n = path.length; n > 0 && !field; n--) {
      const candidate = path.slice(0, n).join('.');
      if (fields.includes(candidate)) field = candidate;
    }
    if (field) onFields[field] ??= d.message;
    else leftOver = true;
  }
  return { onFields, leftOver };
}
