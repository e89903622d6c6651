import { createUser, kbArticles, platformAuditLog } from '@rtc-console/core';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './harness.js';

// The knowledge base: operator writes (who may), members' search in both languages with the
// expected article first, highlights, drafts hidden, Markdown that cannot run, the helpful counter.
let t: TestApp;
let admin: TestClient;
let desk: TestClient;
let finance: TestClient;
let member: TestClient;
const ids: Record<string, string> = {};

const ARTICLES = {
  echoEn: {
    title: 'How to fix echo during calls (acoustic echo cancellation)',
    body: 'If the other side hears **their own voice** back, echo cancellation is off or the device plays too loud.\n\n1. Enable AEC in the SDK: `setAudioProfile` with the default scenario.\n2. Ask users to wear headphones.\n3. Keep the speaker volume below 80%.',
    category: 'Audio', tags: ['echo', 'AEC', 'audio'], language: 'en', product: 'rtc',
  },
  echoZh: {
    title: '通话中有回声怎么办（回声消除）',
    body: '对方能听到**自己的声音**，通常是回声消除没有开启，或者设备外放音量过大。\n\n1. 在 SDK 中开启回声消除（AEC）。\n2. 建议用户佩戴耳机。\n3. 将扬声器音量调低到 80% 以下。',
    category: '音频', tags: ['回声', 'AEC'], language: 'zh-CN', product: 'rtc',
  },
  screenEn: {
    title: 'Screen sharing shows a black screen',
    body: 'Viewers see a black screen when screen sharing on macOS has no *Screen Recording* permission, or when the shared window is minimised.\n\nGrant the permission in System Settings → Privacy & Security, then restart the app.',
    category: 'Video', tags: ['screen sharing', 'black screen'], language: 'en', product: 'rtc',
  },
  screenZh: {
    title: '屏幕共享黑屏',
    body: '观众看到黑屏，通常是 macOS 上没有授予**屏幕录制**权限，或者被共享的窗口已最小化。\n\n请在系统设置 → 隐私与安全性中授予权限，然后重启应用。',
    category: '视频', tags: ['屏幕共享', '黑屏'], language: 'zh-CN', product: 'rtc',
  },
  tokenEn: {
    title: 'Joining fails with "token expired"',
    body: 'A token is valid until the expiry you set when generating it. Renew it before it expires: listen for `onTokenPrivilegeWillExpire` and call `renewToken` with a fresh one from your server.',
    category: 'Authentication', tags: ['token'], language: 'en', product: 'rtc',
  },
  tokenZh: {
    title: '加入频道失败：Token 过期',
    body: 'Token 在生成时设定的有效期内有效。请在过期前更新：监听 `onTokenPrivilegeWillExpire` 回调，并从服务端获取新的 Token 调用 `renewToken`。',
    category: '鉴权', tags: ['Token'], language: 'zh-CN', product: 'rtc',
  },
  noAudioEn: {
    title: 'No audio: the remote user cannot be heard',
    body: 'Check that the remote user has not muted the microphone, that the local playback device is selected, and that the browser allowed autoplay.',
    category: 'Audio', tags: ['no audio', 'microphone'], language: 'en', product: 'rtc',
  },
  networkZh: {
    title: '网络质量差导致卡顿',
    body: '通话卡顿、画面模糊通常是网络质量差引起的。可以通过 `onNetworkQuality` 回调查看上下行网络质量，并开启双流模式降低带宽。',
    category: '网络', tags: ['网络质量', '卡顿'], language: 'zh-CN', product: 'rtc',
  },
} as const;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('operator@rtc.demo');
  // The demo seeds a FAQ in both languages, translations linked, one pair left as drafts ...
  const demo = (await admin.get('/api/operator/kb/articles?limit=100')).body.rows as Array<{ status: string; translationId: string | null }>;
  expect(demo.filter((a) => a.status === 'published')).toHaveLength(10);
  expect(demo.filter((a) => a.status === 'draft')).toHaveLength(2);
  expect(demo.every((a) => a.translationId)).toBe(true);
  // ... but this suite ranks its own articles, so it starts from none.
  await t.core.db.delete(kbArticles);
  desk = await t.signIn('desk@rtc.demo');
  await createUser(t.core.db, { email: 'kb-finance@example.com', name: 'Fin', password: 'a-long-finance-passphrase', platformRole: 'finance' });
  finance = await t.signIn('kb-finance@example.com', 'a-long-finance-passphrase');
  member = await t.signIn('admin@acme.demo');
  for (const [key, a] of Object.entries(ARTICLES)) {
    const res = await desk.post('/api/operator/kb/articles', a);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id;
    expect((await desk.post(`/api/operator/kb/articles/${res.body.id}/publish`)).status).toBe(200);
  }
});
afterAll(() => t.close());

async function search(q: string, lang = 'en') {
  const res = await member.get(`/api/kb/search?q=${encodeURIComponent(q)}&lang=${lang}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.rows as Array<{ id: string; title: string; titleHtml: string; excerptHtml: string; match: string }>;
}

describe('knowledge base search', () => {
  test.each([
    ['回声', 'zh-CN', 'echoZh'],
    ['屏幕共享黑屏', 'zh-CN', 'screenZh'],
    ['黑屏', 'zh-CN', 'screenZh'],
    ['token 过期', 'zh-CN', 'tokenZh'],
    ['网络质量', 'zh-CN', 'networkZh'],
    ['echo cancel', 'en', 'echoEn'],
    ['echo', 'en', 'echoEn'],
    ['cancelled echo', 'en', 'echoEn'],
    ['screen sharing black', 'en', 'screenEn'],
    ['scren sharing', 'en', 'screenEn'],
    ['token expired', 'en', 'tokenEn'],
    ['no audio', 'en', 'noAudioEn'],
    ['microphone', 'en', 'noAudioEn'],
  ])('"%s" (%s) finds %s first', async (q, lang, key) => {
    const rows = await search(q, lang);
    expect(rows[0]?.id, JSON.stringify(rows.map((r) => r.title))).toBe(ids[key]);
  });

  test('the asked language comes first, the other follows', async () => {
    const rows = await search('AEC', 'zh-CN');
    expect(rows.map((r) => r.id).slice(0, 2)).toEqual([ids.echoZh, ids.echoEn]);
  });

  test('highlights mark the match, Chinese included, and keep Chinese unspaced', async () => {
    const [zh] = await search('回声', 'zh-CN');
    expect(zh!.titleHtml).toContain('<mark>回声</mark>');
    expect(zh!.titleHtml).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
    expect(zh!.excerptHtml).toContain('<mark>回声</mark>');
    const [en] = await search('echo cancel');
    expect(en!.titleHtml).toMatch(/<mark>echo<\/mark>/i);
    expect(en!.excerptHtml).toMatch(/<mark>cancellation<\/mark>/i);
  });

  test('a query with no word spelled right is found by title similarity, and says so', async () => {
    const rows = await search('scren sharng');
    expect(rows[0]).toMatchObject({ id: ids.screenEn, match: 'similar' });
  });

  test('nothing matches nonsense; punctuation alone is a query with no words, not an error', async () => {
    expect(await search('zzqqxx')).toEqual([]);
    expect(await search("'&|!:*()")).toEqual([]);
  });
});

describe('drafts, publishing, reading', () => {
  test('a draft never reaches members; publishing shows it; unpublishing hides it again', async () => {
    const created = await admin.post('/api/operator/kb/articles', { title: 'Cloud recording stops after an hour', body: 'The recording **maxIdleTime** ends it.', category: 'Recording', tags: [], language: 'en', product: 'cloud-recording' });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const id = created.body.id;
    expect((await search('cloud recording stops')).map((r) => r.id)).not.toContain(id);
    expect((await member.get(`/api/kb/articles/${id}`)).status).toBe(404);
    // The operator's preview finds drafts.
    expect((await admin.get('/api/operator/kb/search?q=cloud%20recording')).body.rows[0].id).toBe(id);

    expect((await admin.post(`/api/operator/kb/articles/${id}/publish`)).status).toBe(200);
    expect((await search('cloud recording stops'))[0]?.id).toBe(id);
    expect((await member.get(`/api/kb/articles/${id}`)).status).toBe(200);

    const unpublished = await admin.post(`/api/operator/kb/articles/${id}/unpublish`);
    expect(unpublished.body.status).toBe('draft');
    expect((await search('cloud recording stops')).map((r) => r.id)).not.toContain(id);
    expect((await member.get(`/api/kb/articles/${id}`)).status).toBe(404);

    const audit = await t.core.db.select().from(platformAuditLog).where(eq(platformAuditLog.targetId, id)).orderBy(desc(platformAuditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['kb.article.unpublish', 'kb.article.publish', 'kb.article.create']);
    expect(audit[0]!.actorLabel).toBe('operator:operator@rtc.demo');

    expect((await admin.delete(`/api/operator/kb/articles/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/operator/kb/articles/${id}`)).status).toBe(404);
  });

  test('script, event handlers and javascript: links never reach html; the Markdown is kept as written', async () => {
    const body = '# Hi\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\n[click](javascript:alert(3)) <a href="https://docs.example.com" onclick="alert(4)">docs</a>\n\n<iframe src="https://evil.example"></iframe>';
    const res = await admin.post('/api/operator/kb/articles', { title: 'Sanitising probe', body, category: 'Test', language: 'en', product: 'general' });
    expect(res.status).toBe(201);
    expect(res.body.body).toBe(body);
    const html: string = res.body.html;
    expect(html).toContain('<h1>Hi</h1>');
    expect(html).toContain('href="https://docs.example.com"');
    for (const bad of [/<script/i, /onerror/i, /onclick/i, /javascript:/i, /<iframe/i, /alert\(1\)/]) expect(html).not.toMatch(bad);
    // The search excerpt is escaped text: the probe's markup is not markup there either.
    await admin.post(`/api/operator/kb/articles/${res.body.id}/publish`);
    const [hit] = await search('sanitising probe');
    expect(hit!.excerptHtml).not.toMatch(/<(script|img|a|iframe)\b/i);
    await admin.delete(`/api/operator/kb/articles/${res.body.id}`);
  });

  test('a member reads an article (body and html) and "this solved my problem" counts once per member', async () => {
    const read = await member.get(`/api/kb/articles/${ids.echoEn}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ title: ARTICLES.echoEn.title, helpfulByMe: false });
    expect(read.body.html).toContain('<strong>their own voice</strong>');
    const first = await member.post(`/api/kb/articles/${ids.echoEn}/helpful`);
    expect(first.body).toEqual({ helpfulCount: 1, counted: true });
    const again = await member.post(`/api/kb/articles/${ids.echoEn}/helpful`);
    expect(again.body).toEqual({ helpfulCount: 1, counted: false });
    expect((await member.get(`/api/kb/articles/${ids.echoEn}`)).body.helpfulByMe).toBe(true);
    const other = await t.signIn('desk@rtc.demo');
    expect((await other.post(`/api/kb/articles/${ids.echoEn}/helpful`)).body).toEqual({ helpfulCount: 2, counted: true });
    // The operator's list shows the deflection figure (helpful / views) and sorts by it.
    const list = await admin.get('/api/operator/kb/articles?sort=deflection&order=desc&limit=3');
    expect(list.status).toBe(200);
    expect(list.body.rows[0]).toMatchObject({ id: ids.echoEn, helpfulCount: 2, viewCount: 2, deflectionRate: 1 });
    expect((await member.get('/api/kb/articles/not-a-uuid')).status).toBe(404);
    expect((await member.post('/api/kb/articles/00000000-0000-4000-8000-000000000000/helpful')).status).toBe(404);
  });

  test('the operator list filters, searches, sorts and pages', async () => {
    const zh = await admin.get('/api/operator/kb/articles?language=zh-CN&sort=title&order=asc&limit=2&offset=0');
    expect(zh.body.count).toBe(4);
    expect(zh.body.rows).toHaveLength(2);
    expect(zh.body.rows.every((r: { language: string }) => r.language === 'zh-CN')).toBe(true);
    const found = await admin.get(`/api/operator/kb/articles?q=${encodeURIComponent('黑屏')}`);
    expect(found.body.rows.map((r: { id: string }) => r.id)).toEqual([ids.screenZh]);
    expect(found.body.rows[0].body).toBeUndefined();
  });

  test('translations link both ways and must be in the other language', async () => {
    const linked = await admin.patch(`/api/operator/kb/articles/${ids.screenEn}`, { translationId: ids.screenZh });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect((await admin.get(`/api/operator/kb/articles/${ids.screenZh}`)).body.translationId).toBe(ids.screenEn);
    expect((await admin.patch(`/api/operator/kb/articles/${ids.echoEn}`, { translationId: ids.tokenEn })).status).toBe(409);
  });
});

describe('bad input and who may write', () => {
  test('over-long and missing fields, unknown language or product: 400 with details, nothing stored', async () => {
    const before = (await admin.get('/api/operator/kb/articles')).body.count;
    for (const body of [
      { ...ARTICLES.echoEn, title: 'x'.repeat(201) },
      { ...ARTICLES.echoEn, body: 'x'.repeat(50_001) },
      { ...ARTICLES.echoEn, tags: ['y'.repeat(41)] },
      { ...ARTICLES.echoEn, language: 'fr' },
      { ...ARTICLES.echoEn, product: 'toaster' },
      { title: 'No body', category: 'x', language: 'en', product: 'rtc' },
    ]) {
      const res = await admin.post('/api/operator/kb/articles', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.any(Array) });
    }
    expect((await admin.patch(`/api/operator/kb/articles/${ids.echoEn}`, {})).status).toBe(400);
    expect((await member.get(`/api/kb/search?q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await member.get('/api/kb/search?q=')).status).toBe(400);
    expect((await admin.get('/api/operator/kb/articles?sort=color')).status).toBe(400);
    expect((await admin.get('/api/operator/kb/articles')).body.count).toBe(before);
  });

  test('the support desk writes, finance and members may not (403), nor read the operator side', async () => {
    const draft = { title: 'Desk note', body: 'text', category: 'x', language: 'en', product: 'general' };
    const mine = await desk.post('/api/operator/kb/articles', draft);
    expect(mine.status).toBe(201);
    expect((await desk.delete(`/api/operator/kb/articles/${mine.body.id}`)).status).toBe(204);
    for (const client of [finance, member]) {
      expect((await client.post('/api/operator/kb/articles', draft)).status).toBe(403);
      expect((await client.patch(`/api/operator/kb/articles/${ids.echoEn}`, { title: 'x' })).status).toBe(403);
      expect((await client.post(`/api/operator/kb/articles/${ids.echoEn}/unpublish`)).status).toBe(403);
      expect((await client.delete(`/api/operator/kb/articles/${ids.echoEn}`)).status).toBe(403);
      expect((await client.get('/api/operator/kb/articles')).status).toBe(403);
    }
    // Finance is still a signed-in user: it reads published articles like any member.
    expect((await finance.get(`/api/kb/articles/${ids.echoEn}`)).status).toBe(200);
    expect((await t.anonymous().get('/api/kb/search?q=echo')).status).toBe(401);
  });
});
