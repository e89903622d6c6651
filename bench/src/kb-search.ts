/**
 * Knowledge-base search over many articles in both languages (issue 10: median under 20 ms), beside
 * a plain ILIKE '%…%' over the same table in the same run. In-memory PGlite, as a trial runs it.
 * Run: npx tsx src/kb-search.ts (KB_BENCH_ARTICLES, KB_BENCH_RUNS to change the sizes).
 */
import { connectDatabase, kbArticles, runMigrations, searchArticles, searchColumns, type KbArticleInput } from '@rtc-console/core';
import { sql } from 'drizzle-orm';
import { ms, timeRuns } from './stats.js';

const ARTICLES = Number(process.env.KB_BENCH_ARTICLES ?? 10_000);
const RUNS = Number(process.env.KB_BENCH_RUNS ?? 50);

const EN = ['echo', 'cancellation', 'screen', 'sharing', 'black', 'token', 'expired', 'audio', 'microphone', 'network', 'quality', 'recording', 'stutter', 'latency', 'camera', 'browser', 'device', 'channel', 'renew', 'permission'];
const ZH = ['回声', '消除', '屏幕', '共享', '黑屏', '过期', '声音', '麦克风', '网络', '质量', '录制', '卡顿', '延迟', '摄像头', '浏览器', '设备', '频道', '更新', '权限', '耳机'];

/** A deterministic pseudo-random article: words drawn from the language's list. */
function article(i: number): KbArticleInput {
  const zh = i % 2 === 1;
  const words = zh ? ZH : EN;
  const pick = (n: number, salt: number) => Array.from({ length: n }, (_, k) => words[(i * 7 + k * 13 + salt) % words.length]!);
  const join = zh ? '' : ' ';
  return {
    title: pick(5, 1).join(join) + ` #${i}`,
    body: Array.from({ length: 6 }, (_, s) => pick(12, s * 3).join(join) + (zh ? '。' : '.')).join(' '),
    category: zh ? '音频' : 'Audio',
    tags: pick(2, 5),
    language: zh ? 'zh-CN' : 'en',
    product: 'rtc',
  };
}

const handle = await connectDatabase({});
await runMigrations(handle);
const start = Date.now();
for (let i = 0; i < ARTICLES; i += 500) {
  const batch = Array.from({ length: Math.min(500, ARTICLES - i) }, (_, k) => article(i + k));
  await handle.db.insert(kbArticles).values(batch.map((a) => ({ ...a, status: 'published' as const, ...searchColumns(a) })));
}
console.log(`${ARTICLES} articles written in ${((Date.now() - start) / 1000).toFixed(1)} s`);

const queries: Array<[string, 'en' | 'zh-CN']> = [['echo cancel', 'en'], ['屏幕共享黑屏', 'zh-CN'], ['scren sharng', 'en'], ['token expired', 'en'], ['网络质量', 'zh-CN']];
console.log('query                 full text (median)   ILIKE (median)');
for (const [q, lang] of queries) {
  const fts = await timeRuns(() => searchArticles(handle.db, q, { lang, limit: 8, publishedOnly: true }), RUNS, 5);
  const like = `%${q}%`;
  const ilike = await timeRuns(() => handle.db.execute(sql`select id, title from kb_articles where status = 'published' and (title ilike ${like} or body ilike ${like}) limit 8`), RUNS, 5);
  console.log(`${q.padEnd(20)}  ${ms(fts.median).padStart(8)} ms          ${ms(ilike.median).padStart(8)} ms`);
}
await handle.close();
