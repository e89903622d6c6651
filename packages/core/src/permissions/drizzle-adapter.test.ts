import { PgDialect, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { describe, expect, test } from 'vitest';
import { createAppAbility } from '../shared/permissions/define-rules.js';
import { accessibleWhere } from './drizzle-adapter.js';

const items = pgTable('items', { id: text('id'), companyId: integer('company_id'), status: smallint('status') });
const fields = { id: items.id, companyId: items.companyId, status: items.status };
const dialect = new PgDialect();
const render = (rules: Parameters<typeof createAppAbility>[0]) => {
  const q = dialect.sqlToQuery(accessibleWhere(createAppAbility(rules), 'read', 'Item', fields));
  return { sql: q.sql, params: q.params };
};

describe('accessibleWhere', () => {
  test('no rule is false', () => {
    expect(render([]).sql).toBe('false');
    expect(render([{ action: 'update', subject: 'Item' }]).sql).toBe('false');
  });

  test('a rule without conditions is true', () => {
    expect(render([{ action: 'read', subject: 'Item' }]).sql).toBe('true');
  });

  test('company and project conditions become eq and in', () => {
    expect(render([{ action: 'read', subject: 'Item', conditions: { companyId: 7, id: { $in: ['a', 'b'] } } }])).toEqual({
      sql: '("items"."company_id" = $1 and "items"."id" in ($2, $3))',
      params: [7, 'a', 'b'],
    });
  });

  test('several rules are or-ed, inverted ones and-ed as not', () => {
    const q = render([
      { action: 'read', subject: 'Item', conditions: { companyId: 1 } },
      { action: 'read', subject: 'Item', conditions: { companyId: 2 } },
      { action: 'read', subject: 'Item', inverted: true, conditions: { status: -1 } },
    ]);
    expect(q.sql).toBe('(not "items"."status" = $1 and ("items"."company_id" = $2 or "items"."company_id" = $3))');
    expect(q.params).toEqual([-1, 2, 1]);
  });

  test('fails closed on a field it cannot map', () => {
    expect(() => render([{ action: 'read', subject: 'Item', conditions: { ownerId: 3 } }])).toThrow(/ownerId/);
  });

  test('fails closed on an operator it does not know', () => {
    expect(() => render([{ action: 'read', subject: 'Item', conditions: { id: { $regex: 'a' } } }])).toThrow(/unsupported/);
  });
});
