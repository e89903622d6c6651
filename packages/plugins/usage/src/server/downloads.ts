import { accessibleWhere, assertCan, companies, notFound, projects, resellerCompanyIds, type CompanyScope, type Queryable, type ResellerScope } from '@rtc-console/core';
import { usageManifest } from '../shared/manifest.js';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { DAY_MS, isDay } from '../shared/days.js';
import type { UsageObject } from '../shared/rest.js';
import type { RollupTable } from './periods.js';
import { flatten, planOf, USAGE_TABS, type UsageTab } from './reseller-usage.js';
import { ofReseller } from './reseller-scope.js';
import type { Sheet } from './sheet.js';
import { usageByPeriod } from './usage-by-period.js';

/** Column group titles of the sheets, in the reader's language. */
const TAB_LABELS: Record<UsageTab, { en: string; 'zh-CN': string }> = {
  rtc: { en: 'Video & Audio', 'zh-CN': '音视频' },
  recording: { en: 'On-premise Recording', 'zh-CN': '本地录制' },
  cloudRecording: { en: 'Cloud Recording', 'zh-CN': '云端录制' },
  miniapp: { en: 'Mini App', 'zh-CN': '小程序' },
  transcoding: { en: 'Transcoding', 'zh-CN': '转码' },
  concurrentChannel: { en: 'Concurrent Channel', 'zh-CN': '并发频道' },
  rtm: { en: 'RTM', 'zh-CN': '实时消息' },
};
const COLUMN_LABELS = {
  period: { en: 'Period', 'zh-CN': '时间' },
  companyId: { en: 'Company ID', 'zh-CN': '公司 ID' },
  company: { en: 'Company', 'zh-CN': '公司' },
  projectId: { en: 'Project ID', 'zh-CN': '项目 ID' },
  project: { en: 'Project', 'zh-CN': '项目' },
};

const day = (field: string) => z.string({ error: `${field} is required` }).refine(isDay, `${field} must be a date (YYYY-MM-DD)`);
const tabs = Object.keys(USAGE_TABS) as UsageTab[];
const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Seed 001 "Usage > Download": interval, daily or monthly, which columns. */
export const downloadQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    interval: z.enum(['daily', 'monthly'], { error: 'interval must be daily or monthly' }),
    company: boolFlag.default(true),
    project: boolFlag.default(false),
    products: z
      .string()
      .default(tabs.join(','))
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(tabs as [UsageTab, ...UsageTab[]], { error: `products must be a comma-separated list of ${tabs.join(', ')}` })).min(1, 'choose at least one product')),
    locale: z.enum(['en', 'zh-CN']).default('en'),
  })
  .superRefine((q, ctx) => {
    if (isDay(q.from) && isDay(q.to) && (q.from > q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > 366)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to, and the interval may span at most 366 days' });
    }
  });
export type DownloadQuery = z.infer<typeof downloadQuerySchema>;

/** Rows keyed by period and by company or project, for the chosen product tabs; all-zero rows are left out. */
async function usageRows(q: Queryable, products: UsageTab[], range: { fromDay: string; toDay: string; interval: 'daily' | 'monthly' }, where: (t: RollupTable) => SQL, by?: 'project' | 'company') {
  const headers: { tab: UsageTab; field: string }[] = [];
  const cells = new Map<string, Map<string, number>>();
  for (const tab of products) {
    const plan = planOf(tab);
    for (const g of plan.shape.groups) for (const f of g.fields) headers.push({ tab, field: f.field });
    const result = await usageByPeriod(q, plan, range, where, by ? { by } : {});
    for (const [key, periods] of result) {
      for (const [period, usage] of periods as Map<string, UsageObject>) {
        const rowKey = `${period}|${key}`;
        const row = cells.get(rowKey) ?? new Map<string, number>();
        for (const [field, v] of Object.entries(flatten(usage))) row.set(`${tab}.${field}`, v);
        cells.set(rowKey, row);
      }
    }
  }
  const rows = [...cells]
    .filter(([, row]) => [...row.values()].some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, row]) => {
      const [period, id] = key.split('|') as [string, string];
      return { period, id, values: headers.map((h) => row.get(`${h.tab}.${h.field}`) ?? 0) };
    });
  return { headers, rows };
}

/** The reseller's usage sheet (default name `usage`); companies with no usage are left out. */
export async function resellerSheet(reseller: ResellerScope, q: DownloadQuery): Promise<Sheet> {
  const by = q.project ? 'project' : q.company ? 'company' : undefined;
  const range = { fromDay: q.from, toDay: q.to, interval: q.interval };
  const [{ headers, rows }, names] = await reseller.tx(async (tx) => [await usageRows(tx, q.products, range, ofReseller(reseller), by), await namesFor(tx, reseller)] as const);
  const l = q.locale;
  const head = [COLUMN_LABELS.period[l]];
  if (q.company) head.push(COLUMN_LABELS.companyId[l], COLUMN_LABELS.company[l]);
  if (q.project) head.push(COLUMN_LABELS.projectId[l], COLUMN_LABELS.project[l]);
  return {
    name: 'usage',
    headers: [...head, ...headers.map((h) => `${TAB_LABELS[h.tab][l]} · ${h.field}`)],
    rows: rows.map((r) => {
      const project = q.project ? names.projects.get(r.id) : undefined;
      const companyId = q.project ? project?.companyId : Number(r.id);
      const lead: (string | number)[] = [r.period];
      if (q.company) lead.push(companyId ?? '', names.companies.get(companyId ?? -1) ?? '');
      if (q.project) lead.push(r.id, project?.name ?? '');
      return [...lead, ...r.values];
    }),
  };
}

async function namesFor(db: Queryable, reseller: ResellerScope) {
  const ids = resellerCompanyIds(reseller, { plugin: usageManifest.id });
  const cs = await db.select({ id: companies.id, name: companies.name }).from(companies).where(inArray(companies.id, ids));
  const ps = await db.select({ id: projects.id, name: projects.name, companyId: projects.companyId }).from(projects).where(inArray(projects.companyId, ids));
  return { companies: new Map(cs.map((c) => [c.id, c.name])), projects: new Map(ps.map((p) => [p.id, p])) };
}

export const companyExportQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    projectId: z.string().trim().min(1).max(16).optional(),
    format: z.enum(['csv', 'xlsx'], { error: 'format must be csv or xlsx' }).default('xlsx'),
    locale: z.enum(['en', 'zh-CN']).default('en'),
  })
  .superRefine((q, ctx) => {
    if (isDay(q.from) && isDay(q.to) && (q.from > q.to || (Date.parse(q.to) - Date.parse(q.from)) / DAY_MS > 366)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must not be after to, and the time frame may span at most 366 days' });
    }
  });

/** A company admin's export of their own usage: a row per day and project, the duration products. */
export async function companySheet(ctx: CompanyScope, q: z.infer<typeof companyExportQuerySchema>): Promise<Sheet> {
  assertCan(ctx.ability, 'export', 'Usage');
  const products: UsageTab[] = ['rtc', 'recording', 'cloudRecording', 'miniapp'];
  const where = (t: RollupTable): SQL =>
    and(eq(t.companyId, ctx.companyId), accessibleWhere(ctx.ability, 'export', 'Usage', { companyId: t.companyId, projectId: t.projectId }), q.projectId ? eq(t.projectId, q.projectId) : undefined)!;
  return ctx.tx(async (tx) => {
    const { headers, rows } = await usageRows(tx, products, { fromDay: q.from, toDay: q.to, interval: 'daily' }, where, 'project');
    const ps = await tx.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.companyId, ctx.companyId));
    // A project of another company (or none) is not found, as on the usage page.
    if (q.projectId && !ps.some((p) => p.id === q.projectId)) throw notFound('Project');
    const names = new Map(ps.map((p) => [p.id, p.name]));
    const l = q.locale;
    return {
      name: 'usage',
      headers: [COLUMN_LABELS.period[l], COLUMN_LABELS.projectId[l], COLUMN_LABELS.project[l], ...headers.map((h) => `${TAB_LABELS[h.tab][l]} · ${h.field}`)],
      rows: rows.map((r) => [r.period, r.id, names.get(r.id) ?? '', ...r.values]),
    };
  });
}

