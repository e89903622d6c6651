import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * The knowledge base's text work done in Node: Chinese word segmentation (Postgres has no Chinese
 * parser, and neither zhparser nor pg_jieba is available), Markdown to safe HTML, and the marks
 * of search highlights. The same segmentation feeds the stored document and every query.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const HAN = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
/** ts_headline's marks: control characters no article holds, swapped for <mark> after escaping. */
export const MARK_START = '\u0002';
export const MARK_STOP = '\u0003';

/** The words of a text, lower-cased, punctuation and spaces left out: what a query looks for. */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment.toLowerCase());
  return out;
}

/**
 * The text with a space between every two segments, so Postgres' `simple` parser sees the
 * Chinese words Node found; spaces already there are kept, not doubled.
 */
export function segmentText(text: string): string {
  let out = '';
  let prevSpace = true;
  for (const { segment } of segmenter.segment(text)) {
    const space = /^\s+$/.test(segment);
    if (!space && !prevSpace) out += ' ';
    out += segment;
    prevSpace = space;
  }
  return out;
}

/** Undoes segmentText between Chinese characters (marks may sit between them), for display. */
export function unsegment(text: string): string {
  return text.replace(new RegExp(`(?<=[${HAN}][${MARK_START}${MARK_STOP}]?) (?=[${MARK_START}${MARK_STOP}]?[${HAN}])`, 'gu'), '');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c]!);
}

/** A headline from Postgres as HTML: everything escaped, only our own <mark> tags added. */
export function headlineHtml(headline: string): string {
  return escapeHtml(unsegment(headline)).replaceAll(MARK_START, '<mark>').replaceAll(MARK_STOP, '</mark>');
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2', 'del'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'title'], code: ['class'], th: ['align'], td: ['align'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

/**
 * Markdown to HTML that cannot run: marked renders (raw HTML in the Markdown passes through it),
 * then sanitize-html keeps an allow-list of tags and attributes, so no script, no event handler,
 * no javascript: link survives. sanitize-html works on a parser, not a DOM: no jsdom on the server.
 */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), sanitizeOptions);
}

/** The body as plain text for the index and the highlights: rendered, every tag dropped, entities decoded. */
export function markdownText(markdown: string): string {
  const text = sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}
