import { companies, companyId, tenantPolicy } from '@rtc-console/core';
import { index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { ITEM_NAME_MAX } from '../shared/items.js';

/**
 * The plugin's table. Company-owned like every tenant table: `company_id` (rows go when the
 * company does) and row-level security, so a tenant transaction sees and writes its company's
 * rows only, even when a query forgets its filter. Change it, then `pnpm db:generate`.
 */
export const templateItems = pgTable(
  'template_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    name: varchar('name', { length: ITEM_NAME_MAX }).notNull(),
    /** The member who added it (no foreign key: users are outside the tenant's reach). */
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('template_items_company_idx').on(t.companyId, t.id), tenantPolicy('template_items')],
).enableRLS();

export type TemplateItemRow = typeof templateItems.$inferSelect;
