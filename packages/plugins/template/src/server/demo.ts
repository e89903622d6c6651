import { companies, type PluginServicesOf } from '@rtc-console/core';
import { templateItems } from './schema.js';

/** Demo data (first start with DEMO=on): one item per company, written with the system database the plugin declares. */
export async function seedTemplateDemo(services: PluginServicesOf<'systemDb'>): Promise<void> {
  const all = await services.systemDb.select({ id: companies.id }).from(companies);
  if (all.length) await services.systemDb.insert(templateItems).values(all.map((c) => ({ companyId: c.id, name: 'Welcome' })));
}
