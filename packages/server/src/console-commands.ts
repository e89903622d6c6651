import { parseArgs } from 'node:util';
import { AppError, provisionOperator, provisionResellerStaff, type CoreDeps } from '@rtc-console/core';

/**
 * `pnpm console <command>`: what a real install needs before anyone can sign in. Each command
 * prints a one-time set-password link (and mails it; without SMTP it is kept in the outbox).
 */
export const USAGE = `Usage: pnpm console <command> [options]

Commands:
  create-operator --email <address> [--name <name>]
      Create a platform operator, or make an existing account one.
  create-reseller-staff --email <address> --reseller <name> [--create-reseller] [--name <name>]
      Create staff of a reseller (found by name; --create-reseller creates it when missing).

Both print a one-time link to choose the password; it is mailed too when SMTP_URL is set.`;

export interface CommandResult {
  code: 0 | 1 | 2;
  out: string;
}

export async function runConsoleCommand(argv: string[], core: CoreDeps): Promise<CommandResult> {
  const [command, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, reseller: { type: 'string' }, 'create-reseller': { type: 'boolean' } },
    }));
  } catch (err) {
    return { code: 2, out: `${(err as Error).message}\n\n${USAGE}` };
  }
  const email = typeof values.email === 'string' ? values.email : undefined;
  const name = typeof values.name === 'string' ? values.name : undefined;
  if ((command === 'create-operator' || command === 'create-reseller-staff') && !email) return { code: 2, out: `--email is required\n\n${USAGE}` };
  try {
    if (command === 'create-operator') {
      const done = await provisionOperator(core, { email: email!, name });
      return { code: 0, out: report(`${done.created ? 'Created the platform operator' : 'Made the existing account a platform operator'}: ${done.user.email}`, done) };
    }
    if (command === 'create-reseller-staff') {
      if (typeof values.reseller !== 'string') return { code: 2, out: `--reseller is required\n\n${USAGE}` };
      const done = await provisionResellerStaff(core, { email: email!, name, reseller: values.reseller, createReseller: values['create-reseller'] === true });
      const what = `${done.created ? 'Created' : 'Added'} ${done.user.email} as staff of ${done.reseller.created ? 'the new reseller' : 'the reseller'} "${done.reseller.name}"`;
      return { code: 0, out: report(what, done) };
    }
  } catch (err) {
    if (err instanceof AppError) return { code: 1, out: `Refused: ${err.message}` };
    throw err;
  }
  return { code: 2, out: command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE };
}

function report(what: string, done: { link: string; expiresMinutes: number }): string {
  return [
    what,
    `Open this link within ${done.expiresMinutes} minutes to choose the password (it works once):`,
    `  ${done.link}`,
  ].join('\n');
}
