import { accessibleWhere, recordAudit, type CompanyScope } from '@rtc-console/core';
import { count, desc } from 'drizzle-orm';
import type { z } from 'zod';
import type { Item, ItemInput, itemListQuerySchema } from '../shared/items.js';
import { templateRead } from '../shared/manifest.js';
import { templateItems, type TemplateItemRow } from './schema.js';

const toItem = (row: Pick<TemplateItemRow, 'id' | 'name' | 'createdAt'>): Item => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString() });

/**
 * The company's items, newest first. Two walls: the WHERE comes from the member's ability (its
 * rules carry the company), and `ctx.tx` runs as the company with row-level security on.
 * Never query `ctx.db` while a `ctx.tx` is open: PGlite has one connection, it would wait forever.
 */
export function listItems(ctx: CompanyScope, q: z.infer<typeof itemListQuerySchema>): Promise<{ rows: Item[]; count: number }> {
  const allowed = accessibleWhere(ctx.ability, ...templateRead, { companyId: templateItems.companyId });
  return ctx.tx(async (tx) => {
    const rows = await tx
      .select({ id: templateItems.id, name: templateItems.name, createdAt: templateItems.createdAt })
      .from(templateItems)
      .where(allowed)
      .orderBy(desc(templateItems.id))
      .limit(q.limit)
      .offset(q.offset);
    const [total] = await tx.select({ n: count() }).from(templateItems).where(allowed);
    return { rows: rows.map(toItem), count: Number(total?.n ?? 0) };
  });
}

/** Adds an item, and an entry in the company's audit log in the same transaction. */
export function addItem(ctx: CompanyScope, input: ItemInput): Promise<Item> {
  return ctx.tx(async (tx) => {
    const [row] = await tx.insert(templateItems).values({ companyId: ctx.companyId, name: input.name, createdBy: ctx.actor.userId }).returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'template.item.create', targetType: 'TemplateItem', targetId: row!.id, after: { name: row!.name } });
    return toItem(row!);
  });
}
