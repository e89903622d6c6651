import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { conflict, notFound } from '../errors.js';
import type { Queryable } from '../db/types.js';
import { kbArticleHelpful, kbArticles, type KbArticleRow } from '../schema/knowledge-base.js';
import type { KbArticleInput, KbArticleUpdate, KbListQuery } from '../shared/validation/knowledge-base.js';
import { recordPlatformAudit, type Actor } from './audit.js';
import type { CoreDeps } from './context.js';
import { searchColumns, tsQuery } from './knowledge-base-search.js';
import { renderMarkdown } from './knowledge-base-text.js';
import { searchTerm } from './search.js';

/**
 * The operator's FAQ: writes by operator staff who may manage `KnowledgeBase` (the route checks),
 * each audited in the platform log; members read published articles only. Search lives in
 * knowledge-base-search.ts, text work (segmentation, Markdown) in knowledge-base-text.ts.
 */

export interface KbArticle {
  id: string;
  title: string;
  body: string;
  /** The body rendered and sanitized: safe to put in a page as is. */
  html: string;
  category: string;
  tags: string[];
  language: KbArticleRow['language'];
  status: KbArticleRow['status'];
  product: KbArticleRow['product'];
  translationId: string | null;
  viewCount: number;
  helpfulCount: number;
  /** helpful / views, or null before anyone opened it. */
  deflectionRate: number | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

type Deps = Pick<CoreDeps, 'db'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type KbArticleSummary = Omit<KbArticle, 'html' | 'body'>;

function toArticle(r: KbArticleRow): KbArticle {
  return { ...toSummary(r), body: r.body, html: renderMarkdown(r.body) };
}

/** An article without its text: what the operator's list shows (no Markdown rendered per row). */
function toSummary(r: KbArticleRow): KbArticleSummary {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    tags: r.tags,
    language: r.language,
    status: r.status,
    product: r.product,
    translationId: r.translationId,
    viewCount: r.viewCount,
    helpfulCount: r.helpfulCount,
    deflectionRate: r.viewCount > 0 ? r.helpfulCount / r.viewCount : null,
    publishedAt: r.publishedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit log keeps of an article: no body (it can be long), its identity and state. */
const auditView = (r: KbArticleRow) => ({ title: r.title, language: r.language, status: r.status, category: r.category, product: r.product });

async function loadRow(db: Queryable, id: string, publishedOnly = false): Promise<KbArticleRow> {
  if (!UUID.test(id)) throw notFound('Article');
  const [row] = await db.select().from(kbArticles).where(and(eq(kbArticles.id, id), publishedOnly ? eq(kbArticles.status, 'published') : undefined));
  if (!row) throw notFound('Article');
  return row;
}

/** A translation link must name another article, in the other language. */
async function checkTranslation(db: Queryable, selfId: string | null, language: string, translationId: string | null | undefined): Promise<void> {
  if (!translationId) return;
  if (translationId === selfId) throw conflict('An article cannot be its own translation');
  const [other] = await db.select({ language: kbArticles.language }).from(kbArticles).where(eq(kbArticles.id, translationId));
  if (!other) throw notFound('Translation article');
  if (other.language === language) throw conflict('A translation must be in the other language');
}

export async function createKbArticle(deps: Deps, actor: Actor, input: KbArticleInput): Promise<KbArticle> {
  return deps.db.transaction(async (tx) => {
    await checkTranslation(tx, null, input.language, input.translationId);
    const [row] = await tx
      .insert(kbArticles)
      .values({ ...input, translationId: input.translationId ?? null, ...searchColumns(input), createdBy: actor.userId, updatedBy: actor.userId })
      .returning();
    await linkBack(tx, row!);
    await recordPlatformAudit(tx, actor, { action: 'kb.article.create', targetType: 'kb_article', targetId: row!.id, after: auditView(row!) });
    return toArticle(row!);
  });
}

/** Linking A to B links B back to A: translations are a pair. */
async function linkBack(tx: Queryable, row: KbArticleRow): Promise<void> {
  if (row.translationId) await tx.update(kbArticles).set({ translationId: row.id }).where(eq(kbArticles.id, row.translationId));
}

export async function updateKbArticle(deps: Deps, actor: Actor, id: string, patch: KbArticleUpdate): Promise<KbArticle> {
  return deps.db.transaction(async (tx) => {
    const before = await loadRow(tx, id);
    const next = { ...before, ...patch };
    if (patch.translationId !== undefined || patch.language) await checkTranslation(tx, id, next.language, next.translationId);
    const [row] = await tx
      .update(kbArticles)
      .set({ ...patch, ...searchColumns(next), updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(kbArticles.id, id))
      .returning();
    if (patch.translationId !== undefined && before.translationId && before.translationId !== row!.translationId) {
      await tx.update(kbArticles).set({ translationId: null }).where(and(eq(kbArticles.id, before.translationId), eq(kbArticles.translationId, id)));
    }
    await linkBack(tx, row!);
    await recordPlatformAudit(tx, actor, { action: 'kb.article.update', targetType: 'kb_article', targetId: id, before: auditView(before), after: auditView(row!) });
    return toArticle(row!);
  });
}

/** Publish or take back to draft; publishing again keeps the first publication date. */
export async function setKbArticleStatus(deps: Deps, actor: Actor, id: string, status: 'draft' | 'published'): Promise<KbArticle> {
  return deps.db.transaction(async (tx) => {
    const before = await loadRow(tx, id);
    const [row] = await tx
      .update(kbArticles)
      .set({ status, publishedAt: status === 'published' ? (before.publishedAt ?? new Date()) : before.publishedAt, updatedBy: actor.userId, updatedAt: new Date() })
      .where(eq(kbArticles.id, id))
      .returning();
    await recordPlatformAudit(tx, actor, { action: status === 'published' ? 'kb.article.publish' : 'kb.article.unpublish', targetType: 'kb_article', targetId: id, before: auditView(before), after: auditView(row!) });
    return toArticle(row!);
  });
}

export async function deleteKbArticle(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await loadRow(tx, id);
    await tx.delete(kbArticles).where(eq(kbArticles.id, id));
    await recordPlatformAudit(tx, actor, { action: 'kb.article.delete', targetType: 'kb_article', targetId: id, before: auditView(before) });
  });
}

/** One article for the operator: drafts included. */
export async function getKbArticle(deps: Deps, id: string): Promise<KbArticle> {
  return toArticle(await loadRow(deps.db, id));
}

/** One published article for a member; each opening counts as a view (the deflection rate's denominator). */
export async function readPublishedKbArticle(deps: Deps, id: string, userId: number): Promise<KbArticle & { helpfulByMe: boolean }> {
  const row = await loadRow(deps.db, id, true);
  await deps.db.update(kbArticles).set({ viewCount: sql`${kbArticles.viewCount} + 1` }).where(eq(kbArticles.id, id));
  const [mine] = await deps.db.select({ n: count() }).from(kbArticleHelpful).where(and(eq(kbArticleHelpful.articleId, id), eq(kbArticleHelpful.userId, userId)));
  return { ...toArticle({ ...row, viewCount: row.viewCount + 1 }), helpfulByMe: Number(mine?.n ?? 0) > 0 };
}

/** "This solved my problem": counted once per member per article; again is a no-op. */
export async function markKbArticleHelpful(deps: Deps, id: string, userId: number): Promise<{ helpfulCount: number; counted: boolean }> {
  return deps.db.transaction(async (tx) => {
    const row = await loadRow(tx, id, true);
    const inserted = await tx.insert(kbArticleHelpful).values({ articleId: id, userId }).onConflictDoNothing().returning({ userId: kbArticleHelpful.userId });
    if (!inserted.length) return { helpfulCount: row.helpfulCount, counted: false };
    const [updated] = await tx.update(kbArticles).set({ helpfulCount: sql`${kbArticles.helpfulCount} + 1` }).where(eq(kbArticles.id, id)).returning({ n: kbArticles.helpfulCount });
    return { helpfulCount: updated!.n, counted: true };
  });
}

const deflection = sql`(${kbArticles.helpfulCount}::float / nullif(${kbArticles.viewCount}, 0))`;
const sortColumns: Record<KbListQuery['sort'], SQL | typeof kbArticles.title> = {
  updatedAt: sql`${kbArticles.updatedAt}`,
  createdAt: sql`${kbArticles.createdAt}`,
  title: kbArticles.title,
  views: sql`${kbArticles.viewCount}`,
  helpful: sql`${kbArticles.helpfulCount}`,
  deflection: sql`coalesce(${deflection}, -1)`,
};

/** The operator's list: every article, filtered, searched (full text or title contains), sorted, paged. */
export async function listKbArticles(deps: Deps, q: KbListQuery): Promise<{ rows: KbArticleSummary[]; count: number }> {
  const tq = q.q ? tsQuery(q.q) : null;
  const like = searchTerm(q.q);
  const where = and(
    q.status ? eq(kbArticles.status, q.status) : undefined,
    q.language ? eq(kbArticles.language, q.language) : undefined,
    q.product ? eq(kbArticles.product, q.product) : undefined,
    q.category ? eq(kbArticles.category, q.category) : undefined,
    like ? or(ilike(kbArticles.title, like), tq ? sql`${kbArticles.searchDoc} @@ ${tq.any}` : undefined) : undefined,
  );
  const dir = q.order === 'asc' ? asc : desc;
  const rows = await deps.db.select().from(kbArticles).where(where).orderBy(dir(sortColumns[q.sort]), desc(kbArticles.id)).limit(q.limit).offset(q.offset);
  const [total] = await deps.db.select({ n: count() }).from(kbArticles).where(where);
  return {
    rows: rows.map(toSummary),
    count: Number(total?.n ?? 0),
  };
}
