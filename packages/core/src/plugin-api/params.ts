/** Input helpers for route handlers, core's and plugins': zod parsing and id path parameters. */
import { AppError } from '../errors.js';
import type { z } from 'zod';

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

/** Parses input with a zod schema or throws 400 VALIDATION_FAILED naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
  const first = details[0];
  const message = first ? (first.path.length ? `${first.path.join('.')}: ${first.message}` : first.message) : 'Invalid input';
  throw new AppError(400, 'VALIDATION_FAILED', message, details);
}

/** A positive integer path parameter, or 404 (an id that cannot exist is simply not found). */
export function intParam(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!value || !/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n) || n <= 0 || n > 2_147_483_647) {
    throw new AppError(404, 'NOT_FOUND', `${what} not found`);
  }
  return n;
}

/** A short string id path parameter (project ids), or 404. */
export function idParam(value: string | undefined, what: string): string {
  if (!value || !/^[A-Za-z0-9_-]{1,32}$/.test(value)) throw new AppError(404, 'NOT_FOUND', `${what} not found`);
  return value;
}
