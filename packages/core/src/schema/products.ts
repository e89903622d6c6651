import { sql } from 'drizzle-orm';
import { check, integer, pgTable, smallint, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { companyId, tenantPolicy } from './_helpers.js';
import { projects } from './projects.js';
import { companies } from './tenancy.js';

/**
 * Products enabled on a project, seed 003 "Enable UAP self-service": typeId 1 mini app,
 * 3 CDN live streaming, 7 cloud recording; region 1 China, 2 outside China; status 1 / 0.
 */
export const projectProducts = pgTable(
  'project_products',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    companyId: companyId(() => companies.id),
    projectId: varchar('project_id', { length: 16 })
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    typeId: smallint('type_id').notNull(),
    region: smallint('region').notNull(),
    status: smallint('status').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_products_project_type_unique').on(t.projectId, t.typeId),
    check('project_products_type', sql`${t.typeId} in (1, 3, 7)`),
    check('project_products_region', sql`${t.region} in (1, 2)`),
    check('project_products_status', sql`${t.status} in (0, 1)`),
    tenantPolicy('project_products'),
  ],
).enableRLS();

export type ProjectProduct = typeof projectProducts.$inferSelect;
