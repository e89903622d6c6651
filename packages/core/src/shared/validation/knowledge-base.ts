import { z } from 'zod';
import { KB_LANGUAGES, KB_PRODUCTS, KB_STATUSES } from '../knowledge-base.js';

const language = z.enum(KB_LANGUAGES, { error: `language must be one of ${KB_LANGUAGES.join(', ')}` });
const product = z.enum(KB_PRODUCTS, { error: `product must be one of ${KB_PRODUCTS.join(', ')}` });
const status = z.enum(KB_STATUSES, { error: `status must be one of ${KB_STATUSES.join(', ')}` });
const uuid = z.uuid('must be an article id');

const articleFields = {
  title: z.string().trim().min(1, 'title is required').max(200, 'title must be at most 200 characters'),
  body: z.string().trim().min(1, 'body is required').max(50_000, 'body must be at most 50,000 characters'),
  category: z.string().trim().min(1, 'category is required').max(60, 'category must be at most 60 characters'),
  tags: z.array(z.string().trim().min(1, 'a tag may not be empty').max(40, 'a tag must be at most 40 characters')).max(20, 'at most 20 tags').default([]),
  language,
  product,
  /** The same article in the other language, or null to unlink. */
  translationId: uuid.nullable().optional(),
};

export const kbArticleCreateSchema = z.object(articleFields);
export type KbArticleInput = z.infer<typeof kbArticleCreateSchema>;

export const kbArticleUpdateSchema = z
  .object({ ...articleFields, tags: articleFields.tags.unwrap() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type KbArticleUpdate = z.infer<typeof kbArticleUpdateSchema>;

/** The operator's article list: filters, search, sort, pages. */
export const kbListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
  status: status.optional(),
  language: language.optional(),
  product: product.optional(),
  category: z.string().trim().max(60).optional(),
  sort: z.enum(['updatedAt', 'createdAt', 'title', 'views', 'helpful', 'deflection'], { error: 'sort must be updatedAt, createdAt, title, views, helpful or deflection' }).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type KbListQuery = z.infer<typeof kbListQuerySchema>;

/** A member's search: the words, the language to rank first. */
export const kbSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'q is required').max(200, 'q must be at most 200 characters'),
  lang: language.default('en'),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type KbSearchQuery = z.infer<typeof kbSearchQuerySchema>;
