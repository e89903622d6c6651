import { afterAll, beforeAll, expect, test } from 'vitest';
import { companies, companyPlugins, projects } from '../schema/index.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { PROJECT_STATUS } from '../shared/validation/project.js';
import { projectsByAppIds } from './project-lookup.js';

let t: TestDatabase;
let on: number;
let off: number;
const app = (c: string) => c.repeat(32);

beforeAll(async () => {
  t = await createTestDatabase();
  const company = (name: string) => ({ name, email: `${name}@example.com`, firstName: 'A', lastName: 'B', country: 'CN', area: 'CN' as const });
  [{ id: on }, { id: off }] = (await t.db.insert(companies).values([company('on'), company('off')]).returning({ id: companies.id })) as [{ id: number }, { id: number }];
  await t.db.insert(projects).values([
    { id: 'p1', companyId: on, appId: app('a'), name: 'Enabled' },
    { id: 'p2', companyId: on, appId: app('b'), name: 'Disabled', status: PROJECT_STATUS.disabled },
    { id: 'p3', companyId: off, appId: app('c'), name: 'In a company with usage off' },
  ]);
  await t.db.insert(companyPlugins).values({ companyId: off, pluginId: 'usage', enabled: false });
});
afterAll(() => t.destroy());

test('App IDs resolve to their projects, statuses and whether the plugin is on, unknown ones are absent', async () => {
  const found = await projectsByAppIds(t.db, [app('a'), app('b'), app('c'), app('z')], { plugin: 'usage' });
  expect(Object.fromEntries(found)).toEqual({
    [app('a')]: { projectId: 'p1', companyId: on, status: PROJECT_STATUS.enabled, pluginEnabled: true },
    [app('b')]: { projectId: 'p2', companyId: on, status: PROJECT_STATUS.disabled, pluginEnabled: true },
    [app('c')]: { projectId: 'p3', companyId: off, status: PROJECT_STATUS.enabled, pluginEnabled: false },
  });
  // Another plugin's switch is not usage's.
  expect((await projectsByAppIds(t.db, [app('c')], { plugin: 'analytics' })).get(app('c'))?.pluginEnabled).toBe(true);
  expect((await projectsByAppIds(t.db, [app('c')])).get(app('c'))?.pluginEnabled).toBe(true);
  expect(await projectsByAppIds(t.db, [])).toEqual(new Map());
});
