import { z } from 'zod';
import { COMMON_PASSWORDS_TEXT } from './common-passwords.js';

/**
 * The password rules (ASVS v5 6.2), one schema for every form that sets a password: sign-up,
 * invitation, reset, profile change; the web forms validate with it too. At least 8 characters
 * (code points: any Unicode, spaces included), at most 256 (a DoS guard only: argon2 hashes
 * any length), no composition rules, and not one of the common passwords shipped with the app.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** What a password field accepts at sign-in and re-authentication (anything a rule ever let in). */
export const enteredPasswordSchema = z.string().min(1, 'Password is required').max(PASSWORD_MAX, `Password must be at most ${PASSWORD_MAX} characters`);

let common: Set<string> | undefined;

/** True when the password is on the shipped list of common passwords (case does not matter). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n'));
  return common.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = 'This password is too common: it is on a list of passwords that attackers try first; choose another';

export const passwordSchema = z.string().superRefine((value, ctx) => {
  const length = [...value].length;
  if (length < PASSWORD_MIN) {
    ctx.addIssue({ code: 'too_small', origin: 'string', minimum: PASSWORD_MIN, inclusive: true, input: value, message: `Password must be at least ${PASSWORD_MIN} characters` });
  } else if (length > PASSWORD_MAX) {
    ctx.addIssue({ code: 'too_big', origin: 'string', maximum: PASSWORD_MAX, inclusive: true, input: value, message: `Password must be at most ${PASSWORD_MAX} characters` });
  } else if (isCommonPassword(value)) {
    ctx.addIssue({ code: 'custom', input: value, params: { i18n: 'validation.passwordCommon' }, message: COMMON_PASSWORD_MESSAGE });
  }
});

/**
 * The password must not be, nor contain, the account's e-mail address, its local part or the
 * person's name (context words, ASVS 6.2.11); parts shorter than 4 characters are not checked.
 */
export function passwordContextIssue(password: string, context: { email?: string | undefined; name?: string | undefined }): string | null {
  const pw = password.toLowerCase();
  const email = context.email?.trim().toLowerCase() ?? '';
  const words = [email, email.split('@')[0] ?? '', context.name?.trim().toLowerCase() ?? ''].filter((w) => [...w].length >= 4);
  return words.some((w) => pw.includes(w)) ? 'The password must not contain your e-mail address or your name' : null;
}

/** Adds the context-word check to an object schema with `password` and some of `email`/`name`. */
export function checkPasswordContext(value: { password: string; email?: string | undefined; name?: string | undefined }, ctx: z.RefinementCtx): void {
  const message = passwordContextIssue(value.password, value);
  if (message) ctx.addIssue({ code: 'custom', path: ['password'], params: { i18n: 'validation.passwordContext' }, message });
}
