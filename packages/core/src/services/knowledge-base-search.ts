import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/rows.js';
import type { Db } from '../db/types.js';
import type { KbLanguage } from '../shared/knowledge-base.js';
import { headlineHtml, markdownText, MARK_START, MARK_STOP, segmentText, segmentWords } from './knowledge-base-text.js';

/**
 * Full-text search of the knowledge base, the same on PGlite and Postgres: Node segments the text
 * (Chinese included), Postgres' `simple` config indexes the segments with weights (title A, tags C,
 * body B), English articles also get `english` stems so "cancel" meets "cancellation". Queries
 * are built from the same segmentation, ranked with ts_rank_cd, highlighted with ts_headline over
 * the segmented text; a title within trigram distance catches what a misspelling misses.
 */

export interface KbSearchable {
  title: string;
  body: string;
  tags: readonly string[];
  language: KbLanguage;
}

/** The derived search columns of one article: written on every insert and update. */
export function searchColumns(a: KbSearchable): { searchTitle: string; searchBody: string; searchDoc: SQL } {
  const searchTitle = segmentText(a.title);
  const searchBody = segmentText(markdownText(a.body));
  const searchTags = a.tags.map(segmentText).join(' ');
  const simple = sql`setweight(to_tsvector('simple', ${searchTitle}), 'A') || setweight(to_tsvector('simple', ${searchTags}), 'C') || setweight(to_tsvector('simple', ${searchBody}), 'B')`;
  const searchDoc =
    a.language === 'en'
      ? sql`${simple} || setweight(to_tsvector('english', ${a.title}), 'A') || setweight(to_tsvector('english', ${markdownText(a.body)}), 'B')`
      : simple;
  return { searchTitle, searchBody, searchDoc };
}

/** A word as a tsquery operand, quoted so no character of it is an operator. */
const lexeme = (w: string) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export interface KbTsQuery {
  /** Every word (prefix) present, in the segments or as English stems. */
  all: SQL;
  /** Any word: what matches at all, and what ranks and highlights. */
  any: SQL;
  /** Any word over the segments only: ts_headline parses the segmented text with `simple`. */
  anySimple: SQL;
}

/** The query's tsqueries from the same segmentation as the documents, or null if it has no words. */
export function tsQuery(q: string): KbTsQuery | null {
  const words = [...new Set(segmentWords(q))].slice(0, 16);
  if (!words.length) return null;
  const prefix = words.map((w) => `${lexeme(w)}:*`);
  const stems = words.map(lexeme);
  const anySimple = sql`to_tsquery('simple', ${prefix.join(' | ')})`;
  return {
    all: sql`(to_tsquery('simple', ${prefix.join(' & ')}) || to_tsquery('english', ${stems.join(' & ')}))`,
    any: sql`(${anySimple} || to_tsquery('english', ${stems.join(' | ')}))`,
    anySimple,
  };
}

/** How close a title must be to a query with no word found (pg_trgm's word_similarity). */
const SIMILARITY_THRESHOLD = 0.45;

export interface KbSearchHit {
  id: string;
  title: string;
  language: KbLanguage;
  category: string;
  product: string;
  tags: string[];
  /** Title and excerpt as HTML: escaped, with <mark> around the matches. */
  titleHtml: string;
  excerptHtml: string;
  rank: number;
  /** How it was found: full text, or a title close to a misspelled query. */
  match: 'text' | 'similar';
}

const headlineOptions = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
const titleHeadlineOptions = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;

interface HitRow {
  id: string;
  title: string;
  language: KbLanguage;
  category: string;
  product: string;
  tags: string[];
  title_hl: string;
  body_hl: string;
  rank: number | string;
}

/**
 * Published articles matching `q`, the asked language first, then those with every word, then by
 * rank; when full text finds fewer than `limit`, titles within trigram distance fill the rest.
 * `where` narrows further (the operator's preview searches drafts too).
 */
export async function searchArticles(db: Db, q: string, opts: { lang: KbLanguage; limit: number; publishedOnly: boolean }): Promise<KbSearchHit[]> {
  const tq = tsQuery(q);
  const published = opts.publishedOnly ? sql`and a.status = 'published'` : sql``;
  const hits: KbSearchHit[] = [];
  if (tq) {
    // Headlines only for the page of hits: ts_headline re-parses the text and is the costly part.
    const rows = rowsOf<HitRow>(
      await db.execute(sql`
        with hit as (
          select a.id, ts_rank_cd(a.search_doc, ${tq.any}) as rank, a.search_doc @@ ${tq.all} as every_word
          from kb_articles a
          where a.search_doc @@ ${tq.any} ${published}
          order by (a.language = ${opts.lang}) desc, every_word desc, rank desc, a.updated_at desc
          limit ${opts.limit}
        )
        select a.id, a.title, a.language, a.category, a.product, a.tags, hit.rank,
          ts_headline('simple', a.search_title, ${tq.anySimple}, ${titleHeadlineOptions}) as title_hl,
          ts_headline('simple', a.search_body, ${tq.anySimple}, ${headlineOptions}) as body_hl
        from hit join kb_articles a on a.id = hit.id
        order by (a.language = ${opts.lang}) desc, hit.every_word desc, hit.rank desc, a.updated_at desc`),
    );
    for (const r of rows) hits.push(hitOf(r, 'text'));
  }
  if (hits.length < opts.limit) {
    const seen = hits.map((h) => h.id);
    const notSeen = seen.length ? sql`and a.id not in (${sql.join(seen.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
    // `<%` is word_similarity above pg_trgm's threshold, and may use the title's trigram index; the
    // default 0.6 misses two misspelt words ("scren sharng" scores 0.57), so this query lowers it.
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local pg_trgm.word_similarity_threshold = ${sql.raw(String(SIMILARITY_THRESHOLD))}`);
      return rowsOf<HitRow>(
        await tx.execute(sql`
          select a.id, a.title, a.language, a.category, a.product, a.tags, word_similarity(${q}, a.search_title) as rank,
            a.search_title as title_hl, left(a.search_body, 200) as body_hl
          from kb_articles a
          where ${q} <% a.search_title ${published} ${notSeen}
          order by (a.language = ${opts.lang}) desc, rank desc, a.updated_at desc
          limit ${opts.limit - hits.length}`),
      );
    });
    for (const r of rows) hits.push(hitOf(r, 'similar'));
  }
  return hits;
}

function hitOf(r: HitRow, match: KbSearchHit['match']): KbSearchHit {
  return {
    id: r.id,
    title: r.title,
    language: r.language,
    category: r.category,
    product: r.product,
    tags: r.tags,
    titleHtml: headlineHtml(r.title_hl),
    excerptHtml: headlineHtml(r.body_hl),
    rank: Number(r.rank),
    match,
  };
}
