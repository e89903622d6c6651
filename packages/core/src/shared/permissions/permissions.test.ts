import { subject } from '@casl/ability';
import { expect, test } from 'vitest';
import { BUILTIN_ROLES, isBuiltinRoleKey } from './builtin-roles.js';
import { coreCatalogue, PermissionCatalogue } from './catalogue.js';
import { CORE_AREAS, CORE_PERMISSIONS } from './core-catalogue.js';
import { createAppAbility, defineRulesFor, grantedPermissions } from './define-rules.js';
import { checkGrant } from './escalation.js';
import { BUILTIN_ROLE_KEYS, type BuiltinRoleKey, type MemberRoleInput, type PermissionDef } from './types.js';

const label = (en: string) => ({ en, 'zh-CN': en });
const perm = (key: string, action: string, subjectName: string, area: string, projectField?: 'id' | 'projectId'): PermissionDef => ({
  key,
  action,
  subject: subjectName,
  area,
  label: label(key),
  ...(projectField ? { projectField } : {}),
});

/** Core plus a plugin that brings usage, analytics and ticket permissions (as real plugins would), and the usage area with ops in it. */
const withPlugin = coreCatalogue.extend({
  areas: [{ key: 'usage', label: label('Usage'), roles: ['ops'] }],
  permissions: [
    perm('usage.read', 'read', 'Usage', 'usage'),
    perm('analytics.read', 'read', 'CallSession', 'analytics', 'projectId'),
    perm('ticket.create', 'create', 'Ticket', 'tickets'),
    perm('ban.manage', 'manage', 'BanRule', 'bans', 'projectId'),
  ],
});

const COMPANY = 42;
const builtin = (role: BuiltinRoleKey, catalogue = coreCatalogue) =>
  defineRulesFor({ userId: 1, companyId: COMPANY, role: { builtin: role } }, catalogue);
const custom = (keys: string[], projectIds: string[] | null, catalogue: PermissionCatalogue = coreCatalogue): MemberRoleInput => ({
  userId: 2,
  companyId: COMPANY,
  role: { rules: catalogue.toRules(keys), projectIds },
});
const subjectsOf = (rules: { subject: unknown }[]) => new Set(rules.map((r) => String(r.subject)));
const keysOf = (member: MemberRoleInput, catalogue: PermissionCatalogue = coreCatalogue) =>
  grantedPermissions(member, catalogue).map((p) => p.key).sort();

// ---------------------------------------------------------------------------------------------
// The catalogue

test('the core catalogue has unique keys, unique action×subject pairs and known areas', () => {
  expect(new Set(CORE_PERMISSIONS.map((p) => p.key)).size).toBe(CORE_PERMISSIONS.length);
  expect(new Set(CORE_PERMISSIONS.map((p) => `${p.action} ${p.subject}`)).size).toBe(CORE_PERMISSIONS.length);
  const areas = new Set(CORE_AREAS.map((a) => a.key));
  for (const p of CORE_PERMISSIONS) expect(areas.has(p.area), p.key).toBe(true);
  // Every label exists in both console languages.
  for (const p of CORE_PERMISSIONS) {
    expect(p.label.en, p.key).toBeTruthy();
    expect(p.label['zh-CN'], p.key).toBeTruthy();
  }
});

test('a duplicate permission key throws', () => {
  expect(
    () => new PermissionCatalogue(CORE_AREAS, [perm('x.read', 'read', 'X', 'projects'), perm('x.read', 'update', 'X', 'projects')]),
  ).toThrow('Duplicate permission key "x.read"');
});

test('a plugin re-using an existing key throws when it extends the catalogue', () => {
  expect(() => coreCatalogue.extend({ permissions: [perm('project.read', 'view', 'Thing', 'projects')] })).toThrow(/Duplicate permission key "project\.read"/);
});

test('the same action on the same subject under two keys throws', () => {
  expect(
    () => new PermissionCatalogue(CORE_AREAS, [perm('x.read', 'read', 'X', 'projects'), perm('x.view', 'read', 'X', 'projects')]),
  ).toThrow(/Duplicate permission "read X"/);
});

test('a permission in an unknown area throws', () => {
  expect(() => new PermissionCatalogue(CORE_AREAS, [perm('x.read', 'read', 'X', 'nowhere')])).toThrow(/unknown area "nowhere"/);
});

test('extend adds a plugin\'s areas once and keeps core\'s', () => {
  const extended = coreCatalogue.extend({
    areas: [{ key: 'projects', label: label('dup') }, { key: 'recordings', label: label('Recordings') }],
    permissions: [perm('recording.read', 'read', 'Recording', 'recordings', 'projectId')],
  });
  expect(extended.areas.map((a) => a.key)).toEqual([...CORE_AREAS.map((a) => a.key), 'recordings']);
  expect(extended.get('recording.read')).toMatchObject({ subject: 'Recording' });
  expect(extended.get('project.read')).toBeDefined();
  // The original is unchanged.
  expect(coreCatalogue.get('recording.read')).toBeUndefined();
});

test("a plugin's area reaches the built-in roles it names, and only those", () => {
  const cat = coreCatalogue.extend({
    id: 'recording',
    areas: [{ key: 'recordings', label: label('Recordings'), roles: ['support'] }],
    permissions: [perm('recording.read', 'read', 'Recording', 'recordings', 'projectId')],
  });
  const holders = (key: string) => BUILTIN_ROLE_KEYS.filter((r) => cat.permissionsOf(r).some((p) => p.key === key));
  expect(holders('recording.read')).toEqual(['admin', 'support']);
  // An area naming no role: admins only.
  const quiet = coreCatalogue.extend({ areas: [{ key: 'secret', label: label('Secret') }], permissions: [perm('secret.read', 'read', 'Secret', 'secret')] });
  expect(BUILTIN_ROLE_KEYS.filter((r) => quiet.permissionsOf(r).some((p) => p.key === 'secret.read'))).toEqual(['admin']);
});

test('a plugin declaring a known area again widens who holds it, keeping its label', () => {
  const cat = coreCatalogue.extend({ areas: [{ key: 'projects', label: label('mine'), roles: ['support'] }] });
  expect(cat.areas.find((a) => a.key === 'projects')).toEqual({ key: 'projects', label: CORE_AREAS.find((a) => a.key === 'projects')!.label, roles: ['engineer', 'support'] });
  expect(cat.permissionsOf('support').map((p) => p.key)).toContain('project.read');
  expect(cat.permissionsOf('engineer').map((p) => p.key)).toContain('project.read');
  // Core's catalogue is unchanged.
  expect(coreCatalogue.permissionsOf('support')).toEqual([]);
});

test('validateRules accepts known rules and flags unknown and duplicate ones by index', () => {
  expect(coreCatalogue.validateRules([{ action: 'read', subject: 'Project' }, { action: 'read', subject: 'Member' }])).toEqual([]);
  const problems = coreCatalogue.validateRules([
    { action: 'read', subject: 'Project' },
    { action: 'launch', subject: 'Rocket' },
    { action: 'read', subject: 'Project' },
    { action: 'read', subject: 'project' },
  ]);
  expect(problems).toEqual([
    { index: 1, message: '"launch" on "Rocket" is not in the permission catalogue' },
    { index: 2, message: '"project.read" is listed twice' },
    { index: 3, message: '"read" on "project" is not in the permission catalogue' },
  ]);
});

test('toRules turns keys into stored rules and throws on an unknown key', () => {
  expect(coreCatalogue.toRules(['project.read', 'member.invite'])).toEqual([
    { action: 'read', subject: 'Project' },
    { action: 'create', subject: 'Member' },
  ]);
  expect(() => coreCatalogue.toRules(['project.read', 'nope.nothing'])).toThrow('Unknown permission "nope.nothing"');
});

test('the built-in role table knows exactly admin, ops, support and engineer', () => {
  expect(Object.keys(BUILTIN_ROLES).sort()).toEqual([...BUILTIN_ROLE_KEYS].sort());
  for (const key of BUILTIN_ROLE_KEYS) expect(isBuiltinRoleKey(key)).toBe(true);
  expect(isBuiltinRoleKey('owner')).toBe(false);
  expect(isBuiltinRoleKey('toString')).toBe(false);
});

// ---------------------------------------------------------------------------------------------
// defineRulesFor: built-in roles

test('admin holds every permission of the catalogue, plugins\' included', () => {
  const rules = builtin('admin');
  expect(rules).toHaveLength(coreCatalogue.permissions.length);
  expect(rules.map((r) => `${String(r.action)} ${String(r.subject)}`).sort()).toEqual(CORE_PERMISSIONS.map((p) => `${p.action} ${p.subject}`).sort());
  const extended = builtin('admin', withPlugin);
  expect(extended).toHaveLength(withPlugin.permissions.length);
  expect(subjectsOf(extended)).toEqual(new Set(['Project', 'AppCertificate', 'Member', 'Role', 'AuditLog', 'PluginSettings', 'Usage', 'CallSession', 'Ticket', 'BanRule']));
});

test('ops has no project permissions: only usage (its plugin says so) and tickets', () => {
  expect(builtin('ops')).toEqual([]); // core alone has no usage or ticket permissions
  const rules = builtin('ops', withPlugin);
  expect(subjectsOf(rules)).toEqual(new Set(['Usage', 'Ticket']));
  const ability = createAppAbility(rules);
  expect(ability.can('read', 'Project')).toBe(false);
  expect(ability.can('read', 'Member')).toBe(false);
  expect(ability.can('read', 'Usage')).toBe(true);
});

test('support has analytics and tickets, nothing of projects or the team', () => {
  const rules = builtin('support', withPlugin);
  expect(subjectsOf(rules)).toEqual(new Set(['CallSession', 'Ticket']));
});

test('engineer has every project permission (certificates included) but no member, role or audit permission', () => {
  const core = builtin('engineer');
  expect(core.map((r) => `${String(r.action)} ${String(r.subject)}`).sort()).toEqual(
    ['create Project', 'delete Project', 'manage AppCertificate', 'read Project', 'update Project'].sort(),
  );
  const rules = builtin('engineer', withPlugin);
  const subjects = subjectsOf(rules);
  for (const s of ['Member', 'Role', 'AuditLog', 'Usage']) expect(subjects.has(s), s).toBe(false);
  for (const s of ['Project', 'AppCertificate', 'CallSession', 'BanRule', 'Ticket']) expect(subjects.has(s), s).toBe(true);
});

test('every rule of every role carries the company id and nothing of another company is allowed', () => {
  for (const role of BUILTIN_ROLE_KEYS) {
    for (const rule of builtin(role, withPlugin)) expect(rule.conditions, `${role} ${String(rule.subject)}`).toEqual({ companyId: COMPANY });
  }
  const member = custom(['project.read', 'member.read'], ['p1'], withPlugin);
  for (const rule of defineRulesFor(member, withPlugin)) expect(rule.conditions).toMatchObject({ companyId: COMPANY });

  const ability = createAppAbility(builtin('admin'));
  expect(ability.can('read', subject('Project', { id: 'p1', companyId: COMPANY }))).toBe(true);
  expect(ability.can('read', subject('Project', { id: 'p1', companyId: COMPANY + 1 }))).toBe(false);
  expect(ability.can('delete', subject('Member', { userId: 9, companyId: COMPANY + 1 }))).toBe(false);
});

// ---------------------------------------------------------------------------------------------
// defineRulesFor: custom roles

test('a custom role holds exactly its permissions', () => {
  const rules = defineRulesFor(custom(['member.read', 'audit.read'], null), coreCatalogue);
  expect(rules).toEqual([
    { action: 'read', subject: 'Member', conditions: { companyId: COMPANY } },
    { action: 'read', subject: 'AuditLog', conditions: { companyId: COMPANY } },
  ]);
});

test('a custom role limited to projects gets {id: {$in: [...]}} on Project and AppCertificate, {projectId: ...} on project rows, nothing on company-wide subjects', () => {
  const member = custom(['project.read', 'project.certificate', 'member.read', 'analytics.read'], ['p1', 'p2'], withPlugin);
  const rules = defineRulesFor(member, withPlugin);
  expect(rules).toEqual([
    { action: 'read', subject: 'Project', conditions: { companyId: COMPANY, id: { $in: ['p1', 'p2'] } } },
    { action: 'manage', subject: 'AppCertificate', conditions: { companyId: COMPANY, id: { $in: ['p1', 'p2'] } } },
    { action: 'read', subject: 'Member', conditions: { companyId: COMPANY } },
    { action: 'read', subject: 'CallSession', conditions: { companyId: COMPANY, projectId: { $in: ['p1', 'p2'] } } },
  ]);

  const ability = createAppAbility(rules);
  expect(ability.can('read', subject('Project', { id: 'p1', companyId: COMPANY }))).toBe(true);
  expect(ability.can('read', subject('Project', { id: 'p3', companyId: COMPANY }))).toBe(false);
  expect(ability.can('read', subject('CallSession', { projectId: 'p2', companyId: COMPANY }))).toBe(true);
  expect(ability.can('read', subject('CallSession', { projectId: 'p3', companyId: COMPANY }))).toBe(false);
  expect(ability.can('update', subject('Project', { id: 'p1', companyId: COMPANY }))).toBe(false);
});

test('a custom role limited to no projects at all reaches no project', () => {
  const ability = createAppAbility(defineRulesFor(custom(['project.read'], []), coreCatalogue));
  expect(ability.can('read', subject('Project', { id: 'p1', companyId: COMPANY }))).toBe(false);
});

test('a custom role\'s rules that left the catalogue (plugin removed) are ignored', () => {
  const member: MemberRoleInput = {
    userId: 3,
    companyId: COMPANY,
    role: { rules: [{ action: 'read', subject: 'Project' }, { action: 'read', subject: 'Usage' }], projectIds: null },
  };
  expect(defineRulesFor(member, coreCatalogue)).toEqual([{ action: 'read', subject: 'Project', conditions: { companyId: COMPANY } }]);
  expect(defineRulesFor(member, withPlugin)).toHaveLength(2);
});

// ---------------------------------------------------------------------------------------------
// checkGrant (escalation)

const admin: MemberRoleInput = { userId: 1, companyId: COMPANY, role: { builtin: 'admin' } };
const engineer: MemberRoleInput = { userId: 2, companyId: COMPANY, role: { builtin: 'engineer' } };

test('an admin may grant every role', () => {
  for (const role of BUILTIN_ROLE_KEYS) expect(checkGrant(admin, { builtin: role }, withPlugin)).toEqual({ ok: true });
  expect(checkGrant(admin, custom(['project.read'], ['p1']).role, coreCatalogue)).toEqual({ ok: true });
});

test('granting a role with permissions the granter lacks is refused, listing exactly the missing ones', () => {
  const result = checkGrant(engineer, { builtin: 'admin' }, coreCatalogue);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect([...result.missing].sort()).toEqual(['audit.read', 'member.delete', 'member.invite', 'member.read', 'member.update', 'role.manage', 'role.read', 'settings.manage']);
  expect(result.projectsWider).toBe(false);

  const helper = custom(['member.read', 'member.invite', 'member.update', 'role.read'], null);
  const asEngineer = checkGrant(helper, { builtin: 'engineer' }, coreCatalogue);
  expect(asEngineer).toEqual({ ok: false, missing: ['project.read', 'project.create', 'project.update', 'project.delete', 'project.certificate'], projectsWider: false });
  expect(checkGrant(helper, custom(['member.read', 'member.delete'], null).role, coreCatalogue)).toEqual({ ok: false, missing: ['member.delete'], projectsWider: false });
});

test('granting a role whose permissions are a subset of (or equal to) the granter\'s is allowed', () => {
  const helper = custom(['member.read', 'member.invite', 'member.update', 'role.read'], null);
  expect(checkGrant(helper, custom(['member.read'], null).role, coreCatalogue)).toEqual({ ok: true });
  expect(checkGrant(helper, helper.role, coreCatalogue)).toEqual({ ok: true });
  expect(checkGrant(engineer, custom(['project.read', 'project.update'], ['p9']).role, coreCatalogue)).toEqual({ ok: true });
  expect(checkGrant(engineer, { builtin: 'engineer' }, withPlugin)).toEqual({ ok: true });
});

test('a project-limited granter cannot grant a role reaching all projects or other projects', () => {
  const granter = custom(['project.read', 'project.update', 'member.read', 'member.invite'], ['p1', 'p2']);

  const unlimited = checkGrant(granter, custom(['project.read'], null).role, coreCatalogue);
  expect(unlimited).toEqual({ ok: false, missing: [], projectsWider: true });
  const engineerRole = checkGrant(granter, { builtin: 'engineer' }, coreCatalogue);
  expect(engineerRole.ok).toBe(false);
  if (!engineerRole.ok) expect(engineerRole.projectsWider).toBe(true);
  const otherProject = checkGrant(granter, custom(['project.read'], ['p1', 'p3']).role, coreCatalogue);
  expect(otherProject).toEqual({ ok: false, missing: [], projectsWider: true });

  expect(checkGrant(granter, custom(['project.read'], ['p2']).role, coreCatalogue)).toEqual({ ok: true });
  expect(checkGrant(granter, custom(['project.read', 'project.update'], ['p1', 'p2']).role, coreCatalogue)).toEqual({ ok: true });
  // A role without project permissions does not widen anything.
  expect(checkGrant(granter, custom(['member.read'], null).role, coreCatalogue)).toEqual({ ok: true });
});

test('grantedPermissions is what checkGrant compares: built-in roles by area, custom roles by rule', () => {
  expect(keysOf(engineer)).toEqual(['project.certificate', 'project.create', 'project.delete', 'project.read', 'project.update']);
  expect(keysOf(admin)).toEqual(CORE_PERMISSIONS.map((p) => p.key).sort());
  expect(keysOf(custom(['role.read', 'member.read'], ['p1']))).toEqual(['member.read', 'role.read']);
});

test('abilities are compiled once per company and role content, and a changed role gets its own', () => {
  const catalogue = coreCatalogue;
  const engineer = (userId: number, companyId = 1): MemberRoleInput => ({ userId, companyId, role: { builtin: 'engineer' } });
  // Two engineers of one company share one compiled ability; another company gets its own.
  expect(catalogue.abilityOf(engineer(1))).toBe(catalogue.abilityOf(engineer(2)));
  expect(catalogue.abilityOf(engineer(1, 2))).not.toBe(catalogue.abilityOf(engineer(1)));
  expect(catalogue.abilityOf(engineer(1, 2)).can('read', subject('Project', { companyId: 1 }))).toBe(false);
  // A custom role edited to hold less is never answered from the old ability.
  const custom = (rules: MemberRoleInput['role']): MemberRoleInput => ({ userId: 3, companyId: 1, role: rules });
  const wide = catalogue.abilityOf(custom({ rules: [{ action: 'read', subject: 'Project' }, { action: 'update', subject: 'Project' }], projectIds: null }));
  const narrow = catalogue.abilityOf(custom({ rules: [{ action: 'read', subject: 'Project' }], projectIds: ['p1'] }));
  expect(wide.can('update', 'Project')).toBe(true);
  expect(narrow.can('update', 'Project')).toBe(false);
  expect(narrow.can('read', subject('Project', { companyId: 1, id: 'p2' }))).toBe(false);
  // Narrowed catalogues (a plugin switched off) keep abilities of their own.
  expect(catalogue.withoutPlugins(['usage']).abilityOf(engineer(1))).not.toBe(catalogue.abilityOf(engineer(1)));
});
