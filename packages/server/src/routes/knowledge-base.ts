import { kbSearchQuerySchema, markKbArticleHelpful, parse, readPublishedKbArticle, searchArticles } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { defineRoutes } from '../http/route-table.js';

/**
 * The knowledge base as members read it (/api/kb): every signed-in user searches and opens
 * published articles, and says which one solved the problem. Drafts answer 404 here.
 */
export function knowledgeBaseRoutes(deps: ApiDeps) {
  return defineRoutes([
    {
      method: 'get', path: '/search', summary: 'Search published FAQ articles (both languages, the asked one first), with highlighted title and excerpt', access: { auth: 'user' },
      async handler(req, res) {
        const query = parse(kbSearchQuerySchema, req.query);
        res.json({ rows: await searchArticles(deps.core.db, query.q, { lang: query.lang, limit: query.limit, publishedOnly: true }) });
      },
    },
    {
      method: 'get', path: '/articles/:id', summary: 'One published FAQ article: Markdown and sanitized HTML (counts a view)', access: { auth: 'user' },
      async handler(req, res) {
        res.json(await readPublishedKbArticle(deps.core, String(req.params.id), req.auth!.user.id));
      },
    },
    {
      method: 'post', path: '/articles/:id/helpful', summary: '"This solved my problem": counted once per member per article', access: { auth: 'user' },
      async handler(req, res) {
        res.json(await markKbArticleHelpful(deps.core, String(req.params.id), req.auth!.user.id));
      },
    },
  ]);
}
