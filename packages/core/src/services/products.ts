import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { conflict, notFound } from '../errors.js';
import { projectProducts, type ProjectProduct } from '../schema/products.js';
import { projects } from '../schema/projects.js';
import { PROJECT_STATUS, type productEnableSchema } from '../shared/validation/project.js';
import { recordAudit } from './audit.js';
import type { CompanyContext } from './context.js';
import { allows, assertCan } from './guard.js';

export type ProductEnable = z.infer<typeof productEnableSchema>;

async function liveProject(ctx: CompanyContext, tx: Parameters<Parameters<CompanyContext['tx']>[0]>[0], projectId: string, action: string) {
  const [p] = await tx.select().from(projects).where(and(eq(projects.id, projectId), eq(projects.companyId, ctx.companyId)));
  const row = p ? { id: p.id, companyId: p.companyId, status: p.status } : undefined;
  if (!p || p.status === PROJECT_STATUS.deleted || !allows(ctx.ability, 'read', 'Project', row)) throw notFound('Project');
  assertCan(ctx.ability, action, 'Project', row);
  return p;
}

export async function listProjectProducts(ctx: CompanyContext, projectId: string): Promise<ProjectProduct[]> {
  assertCan(ctx.ability, 'read', 'Project');
  return ctx.tx(async (tx) => {
    await liveProject(ctx, tx, projectId, 'read');
    return tx.select().from(projectProducts).where(eq(projectProducts.projectId, projectId)).orderBy(asc(projectProducts.typeId));
  });
}

/**
 * Enables a product on a project (seed 003 "Enable UAP self-service"). Enabling one that is
 * already on in the same region is a conflict; a disabled one is switched back on.
 */
export async function enableProjectProduct(ctx: CompanyContext, projectId: string, input: ProductEnable): Promise<{ product: ProjectProduct; projectName: string }> {
  assertCan(ctx.ability, 'update', 'Project');
  return ctx.tx(async (tx) => {
    const project = await liveProject(ctx, tx, projectId, 'update');
    const [existing] = await tx.select().from(projectProducts).where(and(eq(projectProducts.projectId, projectId), eq(projectProducts.typeId, input.typeId)));
    if (existing?.status === 1 && existing.region === input.region) throw conflict('This product is already enabled on the project');
    const [product] = existing
      ? await tx.update(projectProducts).set({ status: 1, region: input.region, updatedAt: new Date() }).where(eq(projectProducts.id, existing.id)).returning()
      : await tx.insert(projectProducts).values({ companyId: ctx.companyId, projectId, typeId: input.typeId, region: input.region }).returning();
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.product.enable', targetType: 'Project', targetId: projectId, after: { typeId: input.typeId, region: input.region } });
    return { product: product!, projectName: project.name };
  });
}

export async function disableProjectProduct(ctx: CompanyContext, projectId: string, typeId: number): Promise<ProjectProduct> {
  assertCan(ctx.ability, 'update', 'Project');
  return ctx.tx(async (tx) => {
    await liveProject(ctx, tx, projectId, 'update');
    const [product] = await tx
      .update(projectProducts)
      .set({ status: 0, updatedAt: new Date() })
      .where(and(eq(projectProducts.projectId, projectId), eq(projectProducts.typeId, typeId), eq(projectProducts.status, 1)))
      .returning();
    if (!product) throw notFound('Product');
    await recordAudit(tx, ctx.companyId, ctx.actor, { action: 'project.product.disable', targetType: 'Project', targetId: projectId, before: { typeId } });
    return product;
  });
}
