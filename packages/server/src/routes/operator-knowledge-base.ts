import {
  createKbArticle, deleteKbArticle, getKbArticle, kbArticleCreateSchema, kbArticleUpdateSchema, kbListQuerySchema, kbSearchQuerySchema, listKbArticles, parse, searchArticles, setKbArticleStatus, updateKbArticle,
} from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { operatorActor } from '../http/operator-actor.js';
import { defineRoutes } from '../http/route-table.js';

/**
 * The operator's knowledge base (/api/operator/kb): write, preview, publish, unpublish, delete
 * FAQ articles. Operator admins and the support desk manage it; every write is audited.
 */
export function operatorKnowledgeBaseRoutes(deps: ApiDeps) {
  const id = (v: unknown) => String(v);
  return defineRoutes([
    {
      method: 'get', path: '/articles', summary: 'Every FAQ article, drafts included: filter by status, language, product, category; search; sort (deflection among them); pages', access: { auth: 'operator', can: ['read', 'KnowledgeBase'] },
      async handler(req, res) {
        const query = parse(kbListQuerySchema, req.query);
        res.json({ ...(await listKbArticles(deps.core, query)), limit: query.limit, offset: query.offset });
      },
    },
    {
      method: 'get', path: '/search', summary: 'Preview what members would find, drafts included', access: { auth: 'operator', can: ['read', 'KnowledgeBase'] },
      async handler(req, res) {
        const query = parse(kbSearchQuerySchema, req.query);
        res.json({ rows: await searchArticles(deps.core.db, query.q, { lang: query.lang, limit: query.limit, publishedOnly: false }) });
      },
    },
    {
      method: 'get', path: '/articles/:id', summary: 'One FAQ article (Markdown and its sanitized HTML)', access: { auth: 'operator', can: ['read', 'KnowledgeBase'] },
      async handler(req, res) {
        res.json(await getKbArticle(deps.core, id(req.params.id)));
      },
    },
    {
      method: 'post', path: '/articles', summary: 'Write a FAQ article (a draft until published)', access: { auth: 'operator', can: ['create', 'KnowledgeBase'] },
      async handler(req, res) {
        res.status(201).json(await createKbArticle(deps.core, operatorActor(req), parse(kbArticleCreateSchema, req.body)));
      },
    },
    {
      method: 'patch', path: '/articles/:id', summary: 'Change a FAQ article (title, body, category, tags, language, product, translation)', access: { auth: 'operator', can: ['update', 'KnowledgeBase'] },
      async handler(req, res) {
        res.json(await updateKbArticle(deps.core, operatorActor(req), id(req.params.id), parse(kbArticleUpdateSchema, req.body)));
      },
    },
    {
      method: 'post', path: '/articles/:id/publish', summary: 'Publish a FAQ article: members find it from now on', access: { auth: 'operator', can: ['update', 'KnowledgeBase'] },
      async handler(req, res) {
        res.json(await setKbArticleStatus(deps.core, operatorActor(req), id(req.params.id), 'published'));
      },
    },
    {
      method: 'post', path: '/articles/:id/unpublish', summary: 'Take a FAQ article back to draft: members no longer see it', access: { auth: 'operator', can: ['update', 'KnowledgeBase'] },
      async handler(req, res) {
        res.json(await setKbArticleStatus(deps.core, operatorActor(req), id(req.params.id), 'draft'));
      },
    },
    {
      method: 'delete', path: '/articles/:id', summary: 'Delete a FAQ article for good (its translation stays, unlinked)', access: { auth: 'operator', can: ['delete', 'KnowledgeBase'] },
      async handler(req, res) {
        await deleteKbArticle(deps.core, operatorActor(req), id(req.params.id));
        res.status(204).end();
      },
    },
  ]);
}
