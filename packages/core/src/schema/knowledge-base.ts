import { customType, index, integer, pgTable, primaryKey, text, timestamp, uuid, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { KB_LANGUAGES, KB_PRODUCTS, KB_STATUSES } from '../shared/knowledge-base.js';
import { users } from './users.js';

/** Postgres' full-text document type; written by SQL built in Node (services/knowledge-base-search.ts), never read back as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The operator's FAQ articles: platform-wide (no company, no row-level security), read by every
 * signed-in member once published. The `search_*` columns are derived on every write from the
 * text segmented in Node (Postgres has no Chinese parser), so one function builds document and query.
 */
export const kbArticles = pgTable(
  'kb_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: varchar('title', { length: 200 }).notNull(),
    /** Markdown as written; the API renders sanitized HTML beside it. */
    body: text('body').notNull(),
    category: varchar('category', { length: 60 }).notNull(),
    tags: text('tags').array().notNull().default([]),
    language: varchar('language', { length: 8, enum: KB_LANGUAGES }).notNull(),
    status: varchar('status', { length: 12, enum: KB_STATUSES }).notNull().default('draft'),
    product: varchar('product', { length: 40, enum: KB_PRODUCTS }).notNull(),
    /** The same article in the other language; cleared when that one is deleted. */
    translationId: uuid('translation_id').references((): AnyPgColumn => kbArticles.id, { onDelete: 'set null' }),
    /** Title and body as space-separated segments: what `ts_headline` marks and trigram matching compares. */
    searchTitle: text('search_title').notNull().default(''),
    searchBody: text('search_body').notNull().default(''),
    searchDoc: tsvector('search_doc').notNull(),
    /** Members who opened it, and those who said it solved their problem: the deflection figure. */
    viewCount: integer('view_count').notNull().default(0),
    helpfulCount: integer('helpful_count').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('kb_articles_search_idx').using('gin', t.searchDoc),
    index('kb_articles_status_lang_idx').on(t.status, t.language),
    index('kb_articles_updated_idx').on(t.updatedAt),
  ],
);

export type KbArticleRow = typeof kbArticles.$inferSelect;

/** "This solved my problem": once per member per article. */
export const kbArticleHelpful = pgTable(
  'kb_article_helpful',
  {
    articleId: uuid('article_id').notNull().references(() => kbArticles.id, { onDelete: 'cascade' }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.userId] })],
);
