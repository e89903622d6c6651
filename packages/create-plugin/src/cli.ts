/**
 * `pnpm create-plugin <id> [options]` (scripts/create-plugin.mjs loads this file through tsx and calls `main`):
 * copies packages/plugins/template into packages/plugins/<id>, renamed, and registers it.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createPlugin, nextSteps, type CreateOptions } from './create-plugin.js';
import { UsageError } from './validate.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export const USAGE = `Usage: pnpm create-plugin <id> [options]

Copies the plugin template (packages/plugins/template) into packages/plugins/<id>, renamed: a
permission "<id>.read", a company-owned table with its migration and row-level security,
GET/POST /api/<id>/items, a page with its nav entry, en/zh messages and tests; then registers
it in apps/api and apps/web and links the workspace.

  <id>                 lowercase kebab-case, 2 to 30 characters (e.g. "call-notes")
  --name <text>        English name (default: from the id, "Call notes")
  --name-zh <text>     Chinese name (default: the English name; translate it later)
  --dir <path>         scaffold elsewhere (tests); outside packages/plugins needs --no-register
  --no-register        leave apps/api and apps/web untouched
  --no-install         register, but do not run "pnpm install --offline"
  -h, --help           this text

See docs/plugins.md.`;

/** The options as the command line gives them; a mistake is a UsageError. */
export function parseCommandLine(argv: string[]): CreateOptions & { help: boolean } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        'name-zh': { type: 'string' },
        dir: { type: 'string' },
        'no-register': { type: 'boolean', default: false },
        'no-install': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one id only (got ${positionals.map((p) => `"${p}"`).join(' and ')})`);
  return {
    id: positionals[0],
    name: values.name,
    nameZh: values['name-zh'],
    dir: values.dir,
    register: !values['no-register'],
    install: !values['no-install'],
    help: values.help,
  };
}

/** Runs the command; the exit code: 0 done, 2 a usage mistake, 1 anything else. */
export async function main(argv: string[], root = ROOT): Promise<number> {
  try {
    const opts = parseCommandLine(argv);
    if (opts.help) {
      console.log(USAGE);
      return 0;
    }
    const created = await createPlugin(opts, root);
    console.log(`\nNext steps:\n${nextSteps(created, opts).join('\n')}`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`create-plugin: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`create-plugin: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

