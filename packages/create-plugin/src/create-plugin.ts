import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pluginFiles, writeFiles } from './copy.js';
import { defaultName, namesOf, TEMPLATE_ID, type PluginNames } from './names.js';
import { entryNames, registrationEdits } from './register.js';
import { UsageError, validateId, validateName } from './validate.js';

export interface CreateOptions {
  id: string | undefined;
  name?: string | undefined;
  nameZh?: string | undefined;
  /** Where to put it; packages/plugins/<id> when absent. Elsewhere needs `register: false`. */
  dir?: string | undefined;
  /** Add it to both apps' plugin lists and dependencies. */
  register: boolean;
  /** Then run `pnpm install --offline` to link it. */
  install: boolean;
}

export interface Created {
  names: PluginNames;
  name: { en: string; zh: string };
  target: string;
  files: string[];
  /** The apps' files it changed. */
  registered: string[];
  /** Whether `pnpm install --offline` linked it (undefined: not run). */
  installed: boolean | undefined;
}

/** `pnpm` as the caller ran it (npm_execpath under pnpm or npx pnpm), else from the PATH. */
function pnpm(args: string[], cwd: string): boolean {
  const execPath = process.env.npm_execpath;
  const [command, argv] = execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['pnpm', args];
  const r = spawnSync(command, argv, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
}

/**
 * Makes a plugin from the template: checks the id, name and place, copies and renames
 * packages/plugins/template, registers it in the apps, links the workspace. Nothing is written
 * until every check passed and every file and edit is computed.
 */
export async function createPlugin(opts: CreateOptions, root: string, log: (line: string) => void = console.log): Promise<Created> {
  const id = await validateId(opts.id, root);
  validateName('--name', opts.name);
  validateName('--name-zh', opts.nameZh);
  const target = resolve(opts.dir ?? join(root, 'packages/plugins', id));
  if (existsSync(target)) throw new UsageError(`${target} already exists: nothing was written (remove it first to scaffold again)`);
  if (opts.register && target !== resolve(root, 'packages/plugins', id)) throw new UsageError('--dir outside packages/plugins/<id> is not a workspace package: add --no-register');

  const names = namesOf(id);
  const name = { en: opts.name ?? defaultName(id), zh: opts.nameZh ?? opts.name ?? defaultName(id) };
  const files = pluginFiles(join(root, 'packages/plugins', TEMPLATE_ID), target, root, names, name);
  const edits = opts.register ? registrationEdits(root, names) : [];

  writeFiles(target, files);
  log(`Created ${names.pkg} in ${relative(root, target) || '.'}/ (from packages/plugins/${TEMPLATE_ID}):`);
  for (const file of files.keys()) log(`  ${file}`);
  for (const e of edits) if (e.after !== e.before) writeFileSync(join(root, e.file), e.after);
  if (edits.length) log(`Registered it in ${edits.map((e) => e.file).join(', ')}.`);

  let installed: boolean | undefined;
  if (opts.register && opts.install) {
    log('\nLinking the workspace: pnpm install --offline');
    installed = pnpm(['install', '--offline'], root);
    if (!installed) log("pnpm install --offline could not link it (pnpm's cache may lack some metadata): run pnpm install.");
  }
  return { names, name, target, files: [...files.keys()], registered: edits.map((e) => e.file), installed };
}

/** What to do after it, as numbered lines. */
export function nextSteps(c: Created, opts: Pick<CreateOptions, 'register' | 'nameZh'>): string[] {
  const { id, pkg } = c.names;
  const steps: string[] = [];
  if (opts.register) {
    if (!c.installed) steps.push('pnpm install                      # link the new package into the apps');
    steps.push(`pnpm --filter ${pkg} typecheck && pnpm --filter ${pkg} lint && pnpm --filter ${pkg} test`);
    steps.push(`Review the new routes in the API's access tests (they fail until you do):
       apps/api/test/permission-matrix.test.ts, add to \`samples\`:
         'GET /api/${id}/items': { ok: 200 },
         'POST /api/${id}/items': { ok: 201, prepare: () => ({ body: { name: unique('Matrix item') } }) },
       apps/api/test/route-access.test.ts: pnpm --filter @rtc-console/api exec vitest run test/route-access.test.ts -u`);
    steps.push(`pnpm start, sign in as engineer@acme.demo (password rtc-demo-2026) and open "${c.name.en}" in the nav (/${id})`);
  } else {
    const entries = entryNames(c.names);
    steps.push(`Nothing was registered: add ${entries.server} to apps/api/src/plugins.ts and ${entries.web} to apps/web/src/plugins.ts,
       and "${pkg}": "workspace:*" to both apps' dependencies, when it is ready.`);
  }
  if (!opts.nameZh) steps.push('Give it a Chinese name in src/shared/name.ts (it is the English one for now).');
  steps.push('Read docs/plugins.md: services, routes, tables and migrations (pnpm db:generate), pages and slots, tests.');
  return steps.map((s, i) => `  ${i + 1}. ${s}`);
}
