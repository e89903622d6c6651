import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { copyLines, copyRows, copyText, copyValue } from './copy.js';
import { rowsOf } from './rows.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.execute(sql`create table copy_probe (id text primary key, n int, tags smallint[], names text[], at timestamptz, flag boolean)`);
});
afterAll(() => t.destroy());

const AWKWARD = 'tab\there, line\nbreak, cr\r, back\\slash, "quote", 中文, \\N';

describe(`copyRows (${process.env.DATABASE_URL ? 'Postgres' : 'PGlite'})`, () => {
  test('writes every value back exactly, escapes included, inside the caller\'s transaction', async () => {
    await t.db.transaction(async (tx) => {
      await copyRows(tx, 'copy_probe', ['id', 'n', 'tags', 'names', 'at', 'flag'], [
        ['a', 1, [1, 2, 3], ['x', 'y,z'], '2025-03-10T00:00:00.250Z', true],
        [AWKWARD, null, [], [AWKWARD, '{}'], null, false],
      ]);
      // Visible to the same transaction at once.
      expect(rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from copy_probe`))[0]!.n).toBe(2);
    });
    const rows = rowsOf<{ id: string; n: number | null; tags: number[]; names: string[]; at: string | null; flag: boolean }>(
      await t.db.execute(sql`select id, n, tags, names, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') as at, flag from copy_probe order by n nulls last`),
    );
    expect(rows).toEqual([
      { id: 'a', n: 1, tags: [1, 2, 3], names: ['x', 'y,z'], at: '2025-03-10T00:00:00.250', flag: true },
      { id: AWKWARD, n: null, tags: [], names: [AWKWARD, '{}'], at: null, flag: false },
    ]);
  });

  // On postgres.js this needs patches/postgres@3.4.9.patch (upstream PR porsager/postgres#1183):
  // without it a COPY the server refuses never settles, and the transaction hangs.
  test('a failing COPY (a duplicate key) rolls back with its transaction and leaves what was stored', async () => {
    await expect(t.db.transaction(async (tx) => {
      await copyRows(tx, 'copy_probe', ['id', 'n'], [['b', 10]]);
      await copyRows(tx, 'copy_probe', ['id', 'n'], [['c', 11], ['a', 12]]);
    })).rejects.toMatchObject({});
    const ids = rowsOf<{ id: string }>(await t.db.execute(sql`select id from copy_probe order by id`)).map((r) => r.id);
    expect(ids).toEqual([AWKWARD, 'a'].sort());
  });

  test('copyLines takes lines written with copyValue, and refuses text without its last line break', async () => {
    const line = [copyValue('line-1'), copyValue(7), copyValue([4, 5]), copyValue(['a\tb']), copyValue(null), copyValue(null)].join('\t');
    await copyLines(t.db, 'copy_probe', ['id', 'n', 'tags', 'names', 'at', 'flag'], `${line}\n`);
    expect(rowsOf(await t.db.execute(sql`select n, tags, names from copy_probe where id = 'line-1'`))).toEqual([{ n: 7, tags: [4, 5], names: ['a\tb'] }]);
    await expect(copyLines(t.db, 'copy_probe', ['id'], 'no-break')).rejects.toThrow(TypeError);
  });

  test('refuses names that are not plain identifiers, and non-finite numbers', async () => {
    await expect(copyRows(t.db, 'copy_probe; drop table x', ['id'], [['z']])).rejects.toThrow(TypeError);
    await expect(copyRows(t.db, 'copy_probe', ['id", n'], [['z']])).rejects.toThrow(TypeError);
    expect(() => copyText([[Number.NaN]])).toThrow(RangeError);
  });
});
