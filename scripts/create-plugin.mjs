#!/usr/bin/env node
/**
 * `pnpm create-plugin <id>`: scaffolds a working console plugin in packages/plugins/<id> — a
 * permission, a table with its migration and row-level security, a route, a page with its nav
 * entry, messages in English and Chinese, a test — and registers it in apps/api and apps/web
 * (one line each, plus the workspace dependency). docs/plugins.md explains every file.
 *
 * Plain Node, no dependencies: it runs before anything is installed or built.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rootPath = (...parts) => join(ROOT, ...parts);

const USAGE = `Usage: pnpm create-plugin <id> [options]

Scaffolds packages/plugins/<id>: a permission "<id>.read", a company-owned table with its
migration and row-level security, GET/POST /api/<id>/items, a page with its nav entry, en/zh
messages and a test; then registers it in apps/api and apps/web and links the workspace.

  <id>                 lowercase kebab-case, 2 to 30 characters (e.g. "call-notes")
  --name <text>        English name (default: from the id, "Call notes")
  --name-zh <text>     Chinese name (default: the English name; translate it later)
  --area <key>         the permission's area (default: analytics); a core area reaches the
                       built-in roles that use it, another key adds a new area (admins only)
  --dir <path>         scaffold elsewhere (tests); outside packages/plugins needs --no-register
  --no-register        leave apps/api and apps/web untouched
  --no-install         register, but do not run "pnpm install --offline"
  -h, --help           this text

See docs/plugins.md.`;

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { id: undefined, name: undefined, nameZh: undefined, area: 'analytics', dir: undefined, register: true, install: true, help: false };
  const valueOf = (i, flag) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '-h': case '--help': opts.help = true; break;
      case '--no-register': opts.register = false; break;
      case '--no-install': opts.install = false; break;
      case '--name': opts.name = valueOf(i++, a); break;
      case '--name-zh': opts.nameZh = valueOf(i++, a); break;
      case '--area': opts.area = valueOf(i++, a); break;
      case '--dir': opts.dir = valueOf(i++, a); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        if (opts.id !== undefined) throw new UsageError(`one id only (got "${opts.id}" and "${a}")`);
        opts.id = a;
    }
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Names

/** Names a plugin may not take: they are core's API prefixes, page paths, i18n namespaces or files. */
const RESERVED = new Set([
  'api', 'app', 'assets', 'core', 'dev', 'favicon', 'index', 'ingest', 'v1', 'node-modules', 'plugin', 'plugins', 'public', 'static',
  'shared', 'server', 'web', 'test', 'tests', 'all', 'admin', 'console', 'operator', 'reseller', 'resellers', 'system', 'sign-in', 'sign-out',
  'forgot-password', 'reset-password', 'accept-invitation', 'not-found', 'overview', 'profile', 'company', 'companies', 'members', 'member',
  'team', 'roles', 'role', 'projects', 'project', 'audit', 'auth', 'invitations', 'invite', 'mailbox', 'certificate', 'common', 'nav', 'layout',
  'reauth', 'validation', 'errors', 'user', 'users',
]);

const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function namesOf(id, opts) {
  const words = id.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const camel = pascal[0].toLowerCase() + pascal.slice(1);
  const snake = words.join('_');
  const name = opts.name ?? `${words[0][0].toUpperCase()}${words[0].slice(1)}${words.length > 1 ? ' ' + words.slice(1).join(' ') : ''}`;
  return {
    id,
    name,
    nameZh: opts.nameZh ?? name,
    pkg: `@rtc-console/plugin-${id}`,
    camel,
    pascal,
    subject: pascal,
    table: `${snake}_items`,
    tableConst: `${camel}Items`,
    manifest: `${camel}Manifest`,
    readConst: `${camel}Read`,
    server: `${camel}ServerPlugin`,
    web: `${camel}WebPlugin`,
    routes: `${camel}Routes`,
    seed: `seed${pascal}Demo`,
    routeName: `${id}-items`,
    /** The nav entry's key as the overview's shortcuts name it (`call-notes` → `callNotes`). */
    shortcut: id.replace(/-([a-z])/g, (_, c) => c.toUpperCase()),
    tag: `0000_${snake}`,
    area: opts.area,
  };
}

/** Every `subject: 'X'` in a tree of TypeScript sources (core's catalogue, other plugins' manifests). */
function subjectsIn(path) {
  const found = new Set();
  const walk = (p) => {
    if (!existsSync(p)) return;
    for (const entry of readdirSync(p, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const full = join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ts$/.test(entry.name)) for (const m of readFileSync(full, 'utf8').matchAll(/subject: '(\w+)'/g)) found.add(m[1]);
    }
  };
  walk(path);
  return found;
}

/** Core's areas, read from its catalogue (the script runs before anything is compiled). */
function coreAreas() {
  const file = rootPath('packages/core/src/shared/permissions/core-catalogue.ts');
  if (!existsSync(file)) return new Set();
  return new Set([...readFileSync(file, 'utf8').matchAll(/\{ key: '([a-z][a-z0-9-]*)', label:/g)].map((m) => m[1]));
}

/** Names already used by core: API prefixes and page paths, read from the apps. */
function coreNames() {
  const names = new Set();
  const read = (file, re) => existsSync(rootPath(file)) && [...readFileSync(rootPath(file), 'utf8').matchAll(re)].forEach((m) => names.add(m[1]));
  read('apps/api/src/routes/index.ts', /prefix: '\/api\/([a-z0-9-]+)/g);
  read('apps/web/src/router/index.ts', /path: '\/?([a-z0-9-]+)/g);
  return names;
}

/** Workspace package names, to refuse an id whose package already exists somewhere. */
function workspacePackageNames() {
  const names = new Set();
  for (const base of ['apps', 'packages', 'packages/plugins']) {
    if (!existsSync(rootPath(base))) continue;
    for (const d of readdirSync(rootPath(base))) {
      const file = rootPath(base, d, 'package.json');
      if (existsSync(file)) names.add(JSON.parse(readFileSync(file, 'utf8')).name);
    }
  }
  return names;
}

function validate(opts) {
  const { id } = opts;
  if (!id) throw new UsageError('give the plugin an id, e.g. pnpm create-plugin call-notes');
  if (!ID_PATTERN.test(id)) throw new UsageError(`"${id}" is not a valid id: lowercase kebab-case (letters, digits, single hyphens), starting with a letter`);
  if (id.length < 2 || id.length > 30) throw new UsageError(`"${id}" must be 2 to 30 characters (it names tables and constraints, which Postgres caps at 63)`);
  if (RESERVED.has(id) || coreNames().has(id)) throw new UsageError(`"${id}" is reserved: core uses it for a route, a page or a message namespace`);
  const n = namesOf(id, opts);
  if (existsSync(rootPath('packages/plugins', id))) throw new UsageError(`"${id}" is taken: packages/plugins/${id} exists`);
  if (workspacePackageNames().has(n.pkg)) throw new UsageError(`"${id}" is taken: a workspace package is already named ${n.pkg}`);
  const subjects = new Set([...subjectsIn(rootPath('packages/core/src/shared/permissions')), ...subjectsIn(rootPath('packages/plugins'))]);
  if (subjects.has(n.subject)) throw new UsageError(`"${id}" is taken: the permission subject "${n.subject}" already exists in the catalogue`);
  if (!/^[a-z][a-z0-9-]{1,30}$/.test(opts.area)) throw new UsageError(`--area "${opts.area}" must be a lowercase key such as analytics`);
  for (const [flag, v] of [['--name', opts.name], ['--name-zh', opts.nameZh]]) {
    if (v !== undefined && (!v.trim() || v.length > 60 || /[{}@$|'"`\\<>]/.test(v))) throw new UsageError(`${flag} must be 1 to 60 characters without quotes, braces or {}@$|<>\\`);
  }
  const target = resolve(opts.dir ?? rootPath('packages/plugins', id));
  if (existsSync(target)) throw new UsageError(`${target} already exists: nothing was written (remove it first to scaffold again)`);
  if (opts.register && target !== resolve(rootPath('packages/plugins', id))) {
    throw new UsageError('--dir outside packages/plugins/<id> is not a workspace package: add --no-register');
  }
  return { names: n, target };
}

// ---------------------------------------------------------------------------------------------
// Versions: the same as the workspace already uses (the usage plugin first), never guessed.

const VERSION_SOURCES = ['packages/plugins/usage/package.json', 'apps/web/package.json', 'apps/api/package.json', 'packages/core/package.json', 'package.json'];

function versionOf(dep) {
  for (const file of VERSION_SOURCES) {
    if (!existsSync(rootPath(file))) continue;
    const pkg = JSON.parse(readFileSync(rootPath(file), 'utf8'));
    const v = pkg.dependencies?.[dep] ?? pkg.devDependencies?.[dep];
    if (v) return v;
  }
  throw new Error(`no workspace package depends on ${dep}: cannot pick its version`);
}

const withVersions = (deps) => Object.fromEntries(deps.sort().map((d) => [d, d.startsWith('@rtc-console/') ? 'workspace:*' : versionOf(d)]));

// ---------------------------------------------------------------------------------------------
// Files

/** `from` → `to` as a POSIX relative path for imports and configs. */
const rel = (from, to) => {
  const r = relative(from, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

function files(n, target) {
  const toRoot = (p) => rel(target, rootPath(p));
  const newArea = !coreAreas().has(n.area);
  const q = (s) => JSON.stringify(s);
  /** A single-quoted JavaScript string (names are validated: no quotes or backslashes in them). */
  const js = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const prop = (key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`);
  const harness = toRoot('apps/api/src/testing.ts');

  const out = {};

  out['package.json'] = JSON.stringify({
    name: n.pkg,
    version: '0.1.0',
    private: true,
    type: 'module',
    description: `${n.name}: a console plugin scaffolded by pnpm create-plugin (see docs/plugins.md).`,
    exports: { './shared': './src/shared/index.ts', './server': './src/server/index.ts', './web': './src/web/index.ts' },
    scripts: { typecheck: 'vue-tsc --noEmit -p tsconfig.json', test: 'vitest run', lint: 'eslint .', 'db:generate': 'drizzle-kit generate' },
    dependencies: withVersions(['@rtc-console/core', '@vicons/ionicons5', 'drizzle-orm', 'naive-ui', 'vue', 'vue-i18n', 'zod']),
    devDependencies: withVersions(['@types/node', 'drizzle-kit', 'typescript', 'vitest', 'vue-tsc']),
  }, null, 2) + '\n';

  out['tsconfig.json'] = `{
  "extends": ${q(toRoot('tsconfig.base.json'))},
  "compilerOptions": {
    "types": ["node"],
    "lib": ["ES2023", "DOM", "DOM.Iterable"],
    // The API's test harness, without a package dependency (apps/api depends on this plugin).
    "paths": { "@rtc-console/api/testing": [${q(harness)}] }
  },
  "include": ["src", "test", "vitest.config.ts", "drizzle.config.ts"]
}
`;

  out['eslint.config.js'] = `// The monorepo's lint rules, plus one for src/shared: it runs in browsers as well as Node.
import root from ${js(toRoot('eslint.config.js'))};

const browserToo = 'src/shared runs in browsers too: no Node modules or globals.';

export default [
  ...root,
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'buffer', 'util', 'stream', 'os', 'child_process'], message: browserToo }] }],
      'no-restricted-globals': ['error', { name: 'Buffer', message: browserToo }, { name: 'process', message: browserToo }, { name: 'require', message: browserToo }],
    },
  },
];
`;

  out['vitest.config.ts'] = `import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The API's test harness (startTestServer), by path: apps/api depends on this plugin, so the
  // plugin cannot depend on apps/api (turbo refuses cycles).
  resolve: { alias: { '@rtc-console/api/testing': fileURLToPath(new URL(${js(harness)}, import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
`;

  out['drizzle.config.ts'] = `import { defineConfig } from 'drizzle-kit';

// This plugin's own migrations, tracked apart from core's (table __migrations_${n.id.replace(/-/g, '_')}).
// After changing src/server/schema.ts: pnpm db:generate, then commit the new SQL file.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/schema.ts',
  out: './migrations',
  entities: { roles: { provider: '', exclude: ['console_tenant'] } },
});
`;

  // ---- shared: plain data, no Node, no Vue --------------------------------------------------

  out['src/shared/messages.ts'] = `/** The plugin's messages, registered under \`${n.id}.…\` in the console's i18n (the plugin's id). */
export const messages = {
  en: {
    nav: ${js(n.name)},
    title: ${js(n.name)},
    subtitle: ${js(`Items of your company. Members whose role holds “View and add ${n.name} items” see this page.`)},
    count: 'No items | One item | {n} items',
    empty: 'No items yet: add the first one above.',
    /** The overview's shortcut to the page, by nav key (\`${n.shortcut}\`). */
    shortcuts: { ${prop(n.shortcut)}: ${js(`Items of your company: list them and add new ones.`)} },
    columns: { name: 'Name', createdAt: 'Added' },
    form: {
      name: 'Name',
      placeholder: 'Name of a new item',
      add: 'Add',
      added: 'Added “{name}”',
      required: 'Enter a name',
      tooLong: 'At most {max} characters',
    },
  },
  'zh-CN': {
    nav: ${js(n.nameZh)},
    title: ${js(n.nameZh)},
    subtitle: ${js(`本公司的条目。角色拥有“查看和添加${n.nameZh}条目”权限的成员可见此页。`)},
    count: '暂无条目 | 共 1 条 | 共 {n} 条',
    empty: '暂无条目：在上方添加第一条。',
    shortcuts: { ${prop(n.shortcut)}: '本公司的条目：查看并添加。' },
    columns: { name: '名称', createdAt: '添加时间' },
    form: {
      name: '名称',
      placeholder: '新条目的名称',
      add: '添加',
      added: '已添加“{name}”',
      required: '请输入名称',
      tooLong: '最多 {max} 个字符',
    },
  },
};
`;

  out['src/shared/manifest.ts'] = `import { definePlugin } from '@rtc-console/core/shared';
import { messages } from './messages.js';

/** The CASL rule that reading (and, here, adding) items needs: \`can: ${n.readConst}\` on routes, pages and nav. */
export const ${n.readConst} = ['read', '${n.subject}'] as const;

/**
 * What the plugin adds to the console: one permission and its messages. Built-in roles get the
 * permission through its area (${newArea ? `"${n.area}", a new area: only admins, until a custom role picks it` : `"${n.area}", a core area: every built-in role that uses it`});
 * custom roles can pick it in the role editor. The id is also the API prefix (/api/${n.id}),
 * the i18n namespace and the name of the migrations table.
 */
export const ${n.manifest} = definePlugin({
  id: '${n.id}',
  name: { en: ${js(n.name)}, 'zh-CN': ${js(n.nameZh)} },
  description: {
    en: ${js(`${n.name}: a list of items per company.`)},
    'zh-CN': ${js(`${n.nameZh}：每个公司的条目列表。`)},
  },${newArea ? `
  areas: [{ key: '${n.area}', label: { en: ${js(n.name)}, 'zh-CN': ${js(n.nameZh)} } }],` : ''}
  permissions: [
    {
      key: '${n.id}.read', action: 'read', subject: '${n.subject}', area: '${n.area}',
      label: { en: ${js(`View and add ${n.name} items`)}, 'zh-CN': ${js(`查看和添加${n.nameZh}条目`)} },
    },
  ],
  messages,
});
`;

  out['src/shared/items.ts'] = `import { pageQuerySchema } from '@rtc-console/core/shared';
import { z } from 'zod';

export const ITEM_NAME_MAX = 120;

/** One item as the API sends it. */
export interface Item {
  id: number;
  name: string;
  createdAt: string;
}

/** POST /api/${n.id}/items: the API parses with it, the page checks with it before sending. */
export const itemInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(ITEM_NAME_MAX, \`name must be at most \${ITEM_NAME_MAX} characters\`),
});
export type ItemInput = z.infer<typeof itemInputSchema>;

/** GET /api/${n.id}/items: limit/offset pages, newest first; the answer is \`{ rows, count }\`. */
export const itemListQuerySchema = pageQuerySchema.pick({ limit: true, offset: true });
`;

  out['src/shared/index.ts'] = `/** Shared by the server and the web app: the manifest, messages and input schemas (no I/O). */
export * from './manifest.js';
export * from './messages.js';
export * from './items.js';
`;

  out['src/shared/manifest.test.ts'] = `import { catalogueWith, validatePluginManifest } from '@rtc-console/core/shared';
import { describe, expect, test } from 'vitest';
import { ${n.manifest} } from './manifest.js';
import { messages } from './messages.js';

type Tree = Record<string, unknown>;
const keys = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v as Tree, \`\${prefix}\${k}.\`) : [\`\${prefix}\${k}\`]));

describe('${n.id} manifest', () => {
  test('follows the plugin rules and joins the catalogue', () => {
    expect(validatePluginManifest(${n.manifest})).toEqual([]);
    expect(catalogueWith([${n.manifest}]).get('${n.id}.read')).toMatchObject({ plugin: '${n.id}', area: '${n.area}' });
  });

  test('has every message in English and Chinese', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort());
  });
});
`;

  // ---- server -------------------------------------------------------------------------------

  out['src/server/schema.ts'] = `import { companies, companyId, tenantPolicy } from '@rtc-console/core';
import { index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { ITEM_NAME_MAX } from '../shared/items.js';

/**
 * The plugin's table. Company-owned like every tenant table: \`company_id\` (rows go when the
 * company does) and row-level security, so a tenant transaction sees and writes its company's
 * rows only, even when a query forgets its filter. Change it, then \`pnpm db:generate\`.
 */
export const ${n.tableConst} = pgTable(
  '${n.table}',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    name: varchar('name', { length: ITEM_NAME_MAX }).notNull(),
    /** The member who added it (no foreign key: users are outside the tenant's reach). */
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('${n.table}_company_idx').on(t.companyId, t.id), tenantPolicy('${n.table}')],
).enableRLS();

export type ${n.pascal}ItemRow = typeof ${n.tableConst}.$inferSelect;
`;

  out['src/server/items.ts'] = `import { accessibleWhere, recordAudit, type CompanyContext } from '@rtc-console/core';
import { count, desc } from 'drizzle-orm';
import type { z } from 'zod';
import type { Item, ItemInput, itemListQuerySchema } from '../shared/items.js';
import { ${n.readConst} } from '../shared/manifest.js';
import { ${n.tableConst}, type ${n.pascal}ItemRow } from './schema.js';

const toItem = (row: Pick<${n.pascal}ItemRow, 'id' | 'name' | 'createdAt'>): Item => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString() });

/**
 * The company's items, newest first. Two walls: the WHERE comes from the member's ability (its
 * rules carry the company), and \`ctx.tx\` runs as the company with row-level security on.
 * Never query \`ctx.db\` while a \`ctx.tx\` is open: PGlite has one connection, it would wait forever.
 */
export function listItems(ctx: CompanyContext, q: z.infer<typeof itemListQuerySchema>): Promise<{ rows: Item[]; count: number }> {
  const allowed = accessibleWhere(ctx.ability, ...${n.readConst}, { companyId: ${n.tableConst}.companyId });
  return ctx.tx(async (tx) => {
    const rows = await tx
      .select({ id: ${n.tableConst}.id, name: ${n.tableConst}.name, createdAt: ${n.tableConst}.createdAt })
      .from(${n.tableConst})
      .where(allowed)
      .orderBy(desc(${n.tableConst}.id))
      .limit(q.limit)
      .offset(q.offset);
    const [total] = await tx.select({ n: count() }).from(${n.tableConst}).where(allowed);
    return { rows: rows.map(toItem), count: Number(total?.n ?? 0) };
  });
}

/** Adds an item, and an entry in the company's audit log in the same transaction. */
export function addItem(ctx: CompanyContext, input: ItemInput): Promise<Item> {
  return ctx.tx(async (tx) => {
    const [row] = await tx.insert(${n.tableConst}).values({ companyId: ctx.companyId, name: input.name, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: '${n.id}.item.create', targetType: '${n.pascal}Item', targetId: row!.id, after: { name: row!.name } });
    return toItem(row!);
  });
}
`;

  out['src/server/routes.ts'] = `import { defineRoutes, parse, type PluginServices, type RouteDef } from '@rtc-console/core';
import { itemInputSchema, itemListQuerySchema } from '../shared/items.js';
import { ${n.readConst} } from '../shared/manifest.js';
import { addItem, listItems } from './items.js';

/**
 * Routes under /api/${n.id}. \`company\` access: signed in, acting in a company that has the plugin
 * switched on, holding the permission in \`can\`; \`req.company\` is then that company's context.
 */
export function ${n.routes}(_services: PluginServices): RouteDef[] {
  return defineRoutes([
    {
      method: 'get', path: '/items', summary: "The company's ${n.name} items, newest first", access: { auth: 'company', can: ${n.readConst} },
      async handler(req, res) {
        res.json(await listItems(req.company!, parse(itemListQuerySchema, req.query)));
      },
    },
    {
      method: 'post', path: '/items', summary: 'Add a ${n.name} item', access: { auth: 'company', can: ${n.readConst} },
      async handler(req, res) {
        res.status(201).json(await addItem(req.company!, parse(itemInputSchema, req.body)));
      },
    },
  ]);
}
`;

  out['src/server/demo.ts'] = `import { companies, type PluginServices } from '@rtc-console/core';
import { ${n.tableConst} } from './schema.js';

/** Demo data (first start with DEMO=on): one item per company, written with the system handle. */
export async function ${n.seed}(services: PluginServices): Promise<void> {
  const all = await services.db.select({ id: companies.id }).from(companies);
  if (all.length) await services.db.insert(${n.tableConst}).values(all.map((c) => ({ companyId: c.id, name: 'Welcome' })));
}
`;

  out['src/server/index.ts'] = `import { fileURLToPath } from 'node:url';
import { defineServerPlugin } from '@rtc-console/core';
import { ${n.manifest} } from '../shared/manifest.js';
import { ${n.seed} } from './demo.js';
import { ${n.routes} } from './routes.js';

/** The server entry: the manifest, the migrations folder, the routes, the demo data. */
export const ${n.server} = defineServerPlugin({
  manifest: ${n.manifest},
  migrations: fileURLToPath(new URL('../../migrations', import.meta.url)),
  routes: ${n.routes},
  seedDemo: ${n.seed},
});

export { ${n.tableConst} } from './schema.js';
`;

  // ---- web ----------------------------------------------------------------------------------

  out['src/web/api.ts'] = `/**
 * The page's HTTP calls: JSON in and out, same-origin cookies, the session's CSRF token on
 * writes, errors as \`PluginApiError\` with the server's code.
 */
export class PluginApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['x-csrf-token'] = (await request<{ csrfToken: string }>('GET', '/api/auth/me')).csrfToken;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new PluginApiError(0, 'NETWORK', 'The console cannot reach the server');
  }
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) {
    const err = new PluginApiError(res.status, data?.error?.code ?? 'INTERNAL', data?.error?.message ?? res.statusText);
    // The session ended on the server: start again at sign-in, back here afterwards.
    if (err.code === 'UNAUTHENTICATED') window.location.assign(\`/sign-in?expired=1&redirect=\${encodeURIComponent(window.location.pathname)}\`);
    throw err;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
};
`;

  out['src/web/views/ItemsView.vue'] = `<script setup lang="ts">
/** The plugin's page: the company's items, and a field to add one. */
import { NButton, NCard, NDataTable, NInput, useMessage, type DataTableColumns } from 'naive-ui';
import { computed, onMounted, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ITEM_NAME_MAX, itemInputSchema, type Item } from '../../shared/items.js';
import { api, PluginApiError } from '../api.js';

const { t, te, d } = useI18n();
const message = useMessage();

const rows = ref<Item[]>([]);
const count = ref(0);
const loading = ref(false);
const name = ref('');
const saving = ref(false);

/** The console's messages for known error codes (\`errors.…\`), else the server's own words. */
function errorText(err: unknown): string {
  if (err instanceof PluginApiError) return te(\`errors.\${err.code}\`) && err.code !== 'VALIDATION_FAILED' ? t(\`errors.\${err.code}\`) : err.message;
  return t('errors.INTERNAL');
}

async function load() {
  loading.value = true;
  try {
    const page = await api.get<{ rows: Item[]; count: number }>('/api/${n.id}/items?limit=100');
    rows.value = page.rows;
    count.value = page.count;
  } catch (err) {
    message.error(errorText(err));
  } finally {
    loading.value = false;
  }
}

async function add() {
  const input = itemInputSchema.safeParse({ name: name.value });
  if (!input.success) {
    message.warning(name.value.trim() ? t('${n.id}.form.tooLong', { max: ITEM_NAME_MAX }) : t('${n.id}.form.required'));
    return;
  }
  saving.value = true;
  try {
    const item = await api.post<Item>('/api/${n.id}/items', input.data);
    message.success(t('${n.id}.form.added', { name: item.name }));
    name.value = '';
    await load();
  } catch (err) {
    message.error(errorText(err));
  } finally {
    saving.value = false;
  }
}

const columns = computed<DataTableColumns<Item>>(() => [
  { title: t('${n.id}.columns.name'), key: 'name', ellipsis: { tooltip: true } },
  { title: t('${n.id}.columns.createdAt'), key: 'createdAt', width: 220, render: (row) => d(new Date(row.createdAt), 'long') },
]);

onMounted(load);
</script>

<template>
  <div data-testid="${n.id}-page">
    <header class="head">
      <h1>{{ t('${n.id}.title') }}</h1>
      <p>{{ t('${n.id}.subtitle') }}</p>
    </header>
    <NCard>
      <form class="add" @submit.prevent="add">
        <NInput v-model:value="name" :placeholder="t('${n.id}.form.placeholder')" :maxlength="ITEM_NAME_MAX" :input-props="{ 'aria-label': t('${n.id}.form.name') }" data-testid="${n.id}-name" />
        <NButton type="primary" attr-type="submit" :loading="saving" data-testid="${n.id}-add">{{ t('${n.id}.form.add') }}</NButton>
      </form>
      <p class="count" data-testid="${n.id}-count">{{ t('${n.id}.count', count) }}</p>
      <NDataTable :columns="columns" :data="rows" :loading="loading" :row-key="(row: Item) => row.id" data-testid="${n.id}-table">
        <template #empty>{{ t('${n.id}.empty') }}</template>
      </NDataTable>
    </NCard>
  </div>
</template>

<style scoped>
.head h1 { font-size: 22px; font-weight: 600; margin: 0; }
.head p { margin: 6px 0 20px; color: #666; font-size: 14px; }
.add { display: flex; gap: 8px; max-width: 560px; }
.count { color: #666; font-size: 13px; margin: 12px 0 8px; }
</style>
`;

  out['src/web/index.ts'] = `import { defineWebPlugin } from '@rtc-console/core/web';
import { ListOutline } from '@vicons/ionicons5';
import { ${n.manifest}, ${n.readConst} } from '../shared/manifest.js';

/**
 * The web entry: a lazy page (a child of the console layout) and its nav entry, both needing the
 * plugin's permission. Members without it see no entry, and "no permission" at the URL.
 */
export const ${n.web} = defineWebPlugin({
  manifest: ${n.manifest},
  routes: [
    { path: '${n.id}', name: '${n.routeName}', component: () => import('./views/ItemsView.vue'), meta: { can: ${n.readConst}, title: '${n.id}.title' } },
  ],
  nav: [{ key: '${n.id}', label: '${n.id}.nav', icon: ListOutline, to: '${n.routeName}', can: ${n.readConst}, order: 50 }],
});
`;

  // ---- test ---------------------------------------------------------------------------------

  out[`test/${n.id}.test.ts`] = `import { BUILTIN_ROLE_KEYS } from '@rtc-console/core/shared';
import { DEMO_COMPANIES, DEMO_PASSWORD, startTestServer } from '@rtc-console/api/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ${n.server} } from '../src/server/index.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  // The whole API on a fresh database with the demo seeded, this plugin installed.
  server = await startTestServer({ plugins: [${n.server}] });
});
afterAll(() => server?.close());

/** Signs a demo member in; \`get\` and \`post\` then carry the session cookie (and the CSRF token). */
async function signIn(email: string) {
  const res = await fetch(\`\${server.url}/api/auth/sign-in\`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  expect(res.status, \`sign-in as \${email}\`).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    get: (path: string) => fetch(server.url + path, { headers: { cookie } }),
    post: (path: string, body: unknown) =>
      fetch(server.url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) }),
  };
}

const [acme, galaxy] = DEMO_COMPANIES;
const emailOf = (role: string) => (role === 'admin' ? acme!.input.email : acme!.members.find((m) => m.role === role)!.email);

describe('/api/${n.id}/items', () => {
  test('answers each built-in role as its areas say: 200 with the permission, 403 without', async () => {
    for (const role of BUILTIN_ROLE_KEYS) {
      const holds = server.core.catalogue.permissionsOf(role).some((p) => p.key === '${n.id}.read');
      const member = await signIn(emailOf(role));
      const res = await member.get('/api/${n.id}/items');
      expect(res.status, role).toBe(holds ? 200 : 403);
      if (holds) expect(await res.json()).toEqual({ rows: expect.any(Array), count: expect.any(Number) });
    }
  });

  test('adds an item, validates the input, and lists the newest first', async () => {
    const admin = await signIn(emailOf('admin'));
    expect((await admin.post('/api/${n.id}/items', { name: '  ' })).status).toBe(400);
    expect((await admin.post('/api/${n.id}/items', { name: 'x'.repeat(121) })).status).toBe(400);
    const created = await admin.post('/api/${n.id}/items', { name: '  First  ' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: expect.any(Number), name: 'First' });
    await admin.post('/api/${n.id}/items', { name: 'Second' });
    const page = (await (await admin.get('/api/${n.id}/items')).json()) as { rows: { name: string }[]; count: number };
    expect(page.rows.map((r) => r.name).slice(0, 2)).toEqual(['Second', 'First']);
    expect(page.count).toBeGreaterThanOrEqual(2);
  });

  test("one company's items are invisible to another", async () => {
    const mine = await signIn(emailOf('admin'));
    await mine.post('/api/${n.id}/items', { name: 'Only for Acme' });
    const theirs = await signIn(galaxy!.input.email);
    const page = (await (await theirs.get('/api/${n.id}/items')).json()) as { rows: { name: string }[] };
    expect(page.rows.map((r) => r.name)).not.toContain('Only for Acme');
  });

  test('refuses signed-out callers', async () => {
    expect((await fetch(\`\${server.url}/api/${n.id}/items\`)).status).toBe(401);
  });
});
`;

  // ---- migration (what \`drizzle-kit generate\` writes for src/server/schema.ts) ----------------

  const tenant = "company_id = nullif(current_setting('app.company_id', true), '')::integer";
  out[`migrations/${n.tag}.sql`] = `CREATE TABLE "${n.table}" (
\t"id" integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY (sequence name "${n.table}_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
\t"company_id" integer NOT NULL,
\t"name" varchar(120) NOT NULL,
\t"created_by" integer,
\t"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "${n.table}" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "${n.table}" ADD CONSTRAINT "${n.table}_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "${n.table}_company_idx" ON "${n.table}" USING btree ("company_id","id");--> statement-breakpoint
CREATE POLICY "${n.table}_tenant_isolation" ON "${n.table}" AS PERMISSIVE FOR ALL TO "console_tenant" USING (${tenant}) WITH CHECK (${tenant});`;

  out['migrations/meta/_journal.json'] = JSON.stringify({
    version: '7',
    dialect: 'postgresql',
    entries: [{ idx: 0, version: '7', when: Date.now(), tag: n.tag, breakpoints: true }],
  }, null, 2);

  const column = (name, type, extra = {}) => ({ name, type, primaryKey: false, notNull: true, ...extra });
  out[`migrations/meta/0000_snapshot.json`] = JSON.stringify({
    id: randomUUID(),
    prevId: '00000000-0000-0000-0000-000000000000',
    version: '7',
    dialect: 'postgresql',
    tables: {
      [`public.${n.table}`]: {
        name: n.table,
        schema: '',
        columns: {
          id: column('id', 'integer', {
            primaryKey: true,
            identity: { type: 'byDefault', name: `${n.table}_id_seq`, schema: 'public', increment: '1', startWith: '1', minValue: '1', maxValue: '2147483647', cache: '1', cycle: false },
          }),
          company_id: column('company_id', 'integer'),
          name: column('name', 'varchar(120)'),
          created_by: column('created_by', 'integer', { notNull: false }),
          created_at: column('created_at', 'timestamp with time zone', { default: 'now()' }),
        },
        indexes: {
          [`${n.table}_company_idx`]: {
            name: `${n.table}_company_idx`,
            columns: ['company_id', 'id'].map((expression) => ({ expression, isExpression: false, asc: true, nulls: 'last' })),
            isUnique: false,
            concurrently: false,
            method: 'btree',
            with: {},
          },
        },
        foreignKeys: {
          [`${n.table}_company_id_companies_id_fk`]: {
            name: `${n.table}_company_id_companies_id_fk`,
            tableFrom: n.table,
            tableTo: 'companies',
            columnsFrom: ['company_id'],
            columnsTo: ['id'],
            onDelete: 'cascade',
            onUpdate: 'no action',
          },
        },
        compositePrimaryKeys: {},
        uniqueConstraints: {},
        policies: {
          [`${n.table}_tenant_isolation`]: { name: `${n.table}_tenant_isolation`, as: 'PERMISSIVE', for: 'ALL', to: ['console_tenant'], using: tenant, withCheck: tenant },
        },
        checkConstraints: {},
        isRLSEnabled: true,
      },
    },
    enums: {},
    schemas: {},
    sequences: {},
    roles: {},
    policies: {},
    views: {},
    _meta: { columns: {}, schemas: {}, tables: {} },
  }, null, 2);

  return out;
}

// ---------------------------------------------------------------------------------------------
// Registration: one line in each app's plugin list, the workspace dependency in each app.

/** Adds an import after the last import and an entry at the end of `export const <list>… = [ … ];`. */
function addToList(source, file, list, importLine, entry) {
  if (source.includes(importLine)) return source;
  const listRe = new RegExp(`(export const ${list}\\b[^=]*=\\s*\\[)([\\s\\S]*?)(\\];)`);
  const m = listRe.exec(source);
  if (!m) throw new Error(`${file}: cannot find "export const ${list} … = [ … ];" — add ${entry} to it by hand`);
  const items = m[2].trim();
  const body = items ? `\n${m[2].replace(/\s*$/, '').replace(/^\n?/, '').replace(/([^,\s])$/, '$1,')}\n  ${entry},\n` : `\n  ${entry},\n`;
  let out = source.slice(0, m.index) + m[1] + body + m[3] + source.slice(m.index + m[0].length);
  const imports = [...out.matchAll(/^import [^;]+;\n/gm)];
  const last = imports.at(-1);
  const at = last ? last.index + last[0].length : 0;
  out = out.slice(0, at) + importLine + '\n' + out.slice(at);
  return out;
}

function addDependency(source, pkg) {
  const json = JSON.parse(source);
  json.dependencies = Object.fromEntries(Object.entries({ ...json.dependencies, [pkg]: 'workspace:*' }).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify(json, null, 2) + '\n';
}

function registrationEdits(n) {
  const edits = [
    ['apps/api/src/plugins.ts', (s, f) => addToList(s, f, 'installedPlugins', `import { ${n.server} } from '${n.pkg}/server';`, n.server)],
    ['apps/web/src/plugins.ts', (s, f) => addToList(s, f, 'webPlugins', `import { ${n.web} } from '${n.pkg}/web';`, n.web)],
    ['apps/api/package.json', (s) => addDependency(s, n.pkg)],
    ['apps/web/package.json', (s) => addDependency(s, n.pkg)],
  ];
  // Every edit is computed before any file is written: all of them, or none.
  return edits.map(([file, edit]) => {
    const path = rootPath(file);
    const before = readFileSync(path, 'utf8');
    return { file, path, before, after: edit(before, file) };
  });
}

// ---------------------------------------------------------------------------------------------

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const { names: n, target } = validate(opts);
  const edits = opts.register ? registrationEdits(n) : [];
  const written = files(n, target);

  mkdirSync(dirname(target), { recursive: true });
  try {
    for (const [file, text] of Object.entries(written)) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      writeFileSync(join(target, file), text);
    }
  } catch (err) {
    rmSync(target, { recursive: true, force: true });
    throw err;
  }
  const shown = rel(ROOT, target).replace(/^\.\//, '');
  console.log(`Created ${n.pkg} in ${shown}/:`);
  for (const file of Object.keys(written)) console.log(`  ${file}`);

  for (const e of edits) if (e.after !== e.before) writeFileSync(e.path, e.after);
  if (edits.length) console.log(`Registered it in ${edits.map((e) => e.file).join(', ')}.`);

  let installed = !opts.register;
  if (opts.register && opts.install) {
    console.log('\nLinking the workspace: pnpm install --offline');
    const r = spawnSync('pnpm', ['install', '--offline'], { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    installed = r.status === 0;
    if (!installed) console.log('pnpm install --offline could not link it (pnpm\'s local cache may lack some metadata): run "pnpm install".');
  }

  const steps = [];
  if (opts.register && !installed) steps.push('pnpm install                      # link the new package into the apps');
  if (opts.register) {
    steps.push(`pnpm --filter ${n.pkg} typecheck && pnpm --filter ${n.pkg} lint && pnpm --filter ${n.pkg} test`);
    steps.push(`Review the new routes in the API's access tests (they fail until you do):
       apps/api/test/permission-matrix.test.ts, add to \`samples\`:
         'GET /api/${n.id}/items': { ok: 200 },
         'POST /api/${n.id}/items': { ok: 201, prepare: () => ({ body: { name: unique('Matrix item') } }) },
       apps/api/test/route-access.test.ts: pnpm --filter @rtc-console/api exec vitest run test/route-access.test.ts -u`);
    const who = { analytics: 'engineer', projects: 'engineer', bans: 'engineer', usage: 'ops', tickets: 'support' }[opts.area] ?? 'admin';
    steps.push(`pnpm start, sign in as ${who}@acme.demo (password rtc-demo-2026) and open "${n.name}" in the nav (/${n.id})`);
  } else {
    steps.push(`Nothing was registered: add ${n.server} to apps/api/src/plugins.ts and ${n.web} to apps/web/src/plugins.ts,
       and "${n.pkg}": "workspace:*" to both apps' dependencies, when it is ready.`);
  }
  if (!opts.nameZh) steps.push(`Translate the Chinese name and labels in src/shared/messages.ts and manifest.ts (they are in English for now).`);
  steps.push('Read docs/plugins.md: permissions and areas, routes, migrations (pnpm db:generate), pages, tests.');
  console.log(`\nNext steps:\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`create-plugin: ${err.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`create-plugin: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}
