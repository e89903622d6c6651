import { subject } from '@casl/ability';
import { and, eq } from 'drizzle-orm';
import { integer, pgTable } from 'drizzle-orm/pg-core';
import { PgDialect } from 'drizzle-orm/pg-core';
import { expect, test } from 'vitest';
import { accessibleWhere } from '../../permissions/drizzle-adapter.js';
import { coreCatalogue, PermissionCatalogue } from './catalogue.js';
import { CORE_AREAS } from './core-catalogue.js';
import { abilityFor, type Principal } from './principals.js';

const company = (id: number, resellerId: number | null) => subject('Company', { id, resellerId });
const staff: Principal = { kind: 'resellerStaff', userId: 1, resellerId: 7 };
const key: Principal = { kind: 'resellerKey', keyId: 3, resellerId: 7 };

test("a reseller's staff and keys act on the reseller's own companies only", () => {
  for (const p of [staff, key]) {
    const ability = abilityFor(p, coreCatalogue);
    for (const action of ['read', 'update', 'create']) {
      expect(ability.can(action, company(1, 7)), `${p.kind} ${action}`).toBe(true);
      expect(ability.can(action, company(2, 8)), `${p.kind} ${action} another's`).toBe(false);
      expect(ability.can(action, company(3, null)), `${p.kind} ${action} a direct customer`).toBe(false);
    }
    expect(ability.can('delete', company(1, 7))).toBe(false);
    // No company's own data: that takes a membership or a visit.
    expect(ability.can('read', 'Project')).toBe(false);
    expect(ability.can('manage', 'IngestKey')).toBe(false);
  }
});

test('only staff manage the API keys and visit dashboards; a key does neither', () => {
  const s = abilityFor(staff, coreCatalogue);
  const k = abilityFor(key, coreCatalogue);
  expect(s.can('visit', company(1, 7))).toBe(true);
  expect(s.can('visit', company(2, 8))).toBe(false);
  expect(s.can('delete', subject('ResellerApiKey', { resellerId: 7 }))).toBe(true);
  expect(s.can('delete', subject('ResellerApiKey', { resellerId: 8 }))).toBe(false);
  expect(k.can('visit', company(1, 7))).toBe(false);
  expect(k.can('create', 'ResellerApiKey')).toBe(false);
});

test('the operator manages the platform and every company but reads no company data; an ingest key only sends batches', () => {
  const op = abilityFor({ kind: 'operator', userId: 1, role: 'admin' }, coreCatalogue);
  expect(op.can('update', company(2, 8))).toBe(true);
  expect(op.can('update', company(3, null))).toBe(true);
  expect(op.can('manage', 'IngestKey')).toBe(true);
  expect(op.can('manage', 'Platform')).toBe(true);
  expect(op.can('read', 'Project')).toBe(false);
  expect(op.can('read', 'Member')).toBe(false);
  const ingest = abilityFor({ kind: 'ingestKey', keyId: 1 }, coreCatalogue);
  expect(ingest.can('create', 'IngestBatch')).toBe(true);
  expect(ingest.can('read', 'Company')).toBe(false);
  expect(ingest.can('manage', 'IngestKey')).toBe(false);
});

test('a member has no platform rights, whatever the role', () => {
  const admin = abilityFor({ kind: 'member', member: { userId: 1, companyId: 5, role: { builtin: 'admin' } } }, coreCatalogue);
  expect(admin.can('read', 'Project')).toBe(true);
  for (const s of ['Company', 'Reseller', 'ResellerApiKey', 'IngestKey', 'IngestBatch', 'Platform']) expect(admin.can('read', s), s).toBe(false);
});

test('abilities are compiled once per reseller and kind', () => {
  expect(abilityFor(staff, coreCatalogue)).toBe(abilityFor({ ...staff, userId: 99 }, coreCatalogue));
  expect(abilityFor(staff, coreCatalogue)).not.toBe(abilityFor(key, coreCatalogue));
  expect(abilityFor(staff, coreCatalogue)).not.toBe(abilityFor({ ...staff, resellerId: 8 }, coreCatalogue));
});

test('the reseller condition becomes SQL; the operator has none', () => {
  const t = pgTable('companies', { id: integer('id'), resellerId: integer('reseller_id') });
  const dialect = new PgDialect();
  const where = (p: Principal) => dialect.sqlToQuery(accessibleWhere(abilityFor(p, coreCatalogue), 'read', 'Company', { id: t.id, resellerId: t.resellerId }));
  expect(where(staff)).toEqual(dialect.sqlToQuery(and(eq(t.resellerId, 7))!));
  expect(where({ kind: 'operator', userId: 1, role: 'admin' }).sql).toBe('true');
  expect(where({ kind: 'ingestKey', keyId: 1 }).sql).toBe('false');
});

test('a plugin may not grant members a platform subject', () => {
  const area = CORE_AREAS[0]!.key;
  for (const s of ['Company', 'IngestKey', 'all']) {
    expect(() => new PermissionCatalogue(CORE_AREAS, [{ key: 'x.y', action: 'read', subject: s, area, label: { en: 'x', 'zh-CN': 'x' } }])).toThrow('above any one company');
  }
});
