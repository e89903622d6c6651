import type { AppAbility, AreaDef, BuiltinRoleKey, MemberRoleInput, PermissionDef, StoredRule } from './types.js';
import { createAppAbility, defineRulesFor } from './define-rules.js';
import { CORE_AREAS, CORE_PERMISSIONS } from './core-catalogue.js';
import { PLATFORM_SUBJECTS } from './principals.js';

const ABILITY_CACHE_SIZE = 10_000;

export interface RuleProblem {
  index: number;
  message: string;
}

/**
 * The permission catalogue: every grantable action × subject, core's and each installed
 * plugin's. It is plain data so the API (checks, SQL filters) and the web app (buttons,
 * nav, the role editor) read the same table.
 */
export class PermissionCatalogue {
  readonly areas: readonly AreaDef[];
  readonly permissions: readonly PermissionDef[];
  private readonly byKey: Map<string, PermissionDef>;
  private readonly byRule: Map<string, PermissionDef>;
  private readonly narrowed = new Map<string, PermissionCatalogue>();
  /** Abilities built under this catalogue, by company and role content (see `abilityOf`). */
  private readonly abilities = new Map<string, AppAbility>();

  constructor(areas: readonly AreaDef[], permissions: readonly PermissionDef[]) {
    this.areas = areas;
    this.permissions = permissions;
    this.byKey = new Map();
    this.byRule = new Map();
    const areaKeys = new Set(areas.map((a) => a.key));
    for (const p of permissions) {
      if (this.byKey.has(p.key)) throw new Error(`Duplicate permission key "${p.key}"`);
      const ruleKey = `${p.action} ${p.subject}`;
      if (this.byRule.has(ruleKey)) throw new Error(`Duplicate permission "${ruleKey}" (${p.key})`);
      if (!areaKeys.has(p.area)) throw new Error(`Permission "${p.key}" names unknown area "${p.area}"`);
      // A member's rule on a platform subject would reach past the company (every company, every key).
      if ((PLATFORM_SUBJECTS as readonly string[]).includes(p.subject) || p.subject === 'all') throw new Error(`Permission "${p.key}" names "${p.subject}", a subject above any one company`);
      this.byKey.set(p.key, p);
      this.byRule.set(ruleKey, p);
    }
  }

  /**
   * A new catalogue with a plugin's areas and permissions added. An area with a known key keeps
   * its label and gains the roles the plugin names (a plugin may widen who uses an area, never
   * narrow it).
   */
  extend(more: { id?: string; areas?: readonly AreaDef[]; permissions?: readonly PermissionDef[] }): PermissionCatalogue {
    const added = new Map((more.areas ?? []).map((a) => [a.key, a]));
    const merged = this.areas.map((a) => {
      const again = added.get(a.key);
      if (!again?.roles?.length) return a;
      return { ...a, roles: [...new Set([...(a.roles ?? []), ...again.roles])] };
    });
    const known = new Set(this.areas.map((a) => a.key));
    const areas = [...merged, ...(more.areas ?? []).filter((a) => !known.has(a.key))];
    const permissions = (more.permissions ?? []).map((p) => (more.id ? { ...p, plugin: more.id } : p));
    return new PermissionCatalogue(areas, [...this.permissions, ...permissions]);
  }

  /**
   * The catalogue as one company sees it: without the permissions of plugins the operator
   * switched off for it, so nobody there holds them and their pages and routes disappear.
   */
  withoutPlugins(pluginIds: readonly string[]): PermissionCatalogue {
    if (pluginIds.length === 0) return this;
    const key = [...pluginIds].sort().join(',');
    let cached = this.narrowed.get(key);
    if (!cached) {
      cached = new PermissionCatalogue(this.areas, this.permissions.filter((p) => !p.plugin || !pluginIds.includes(p.plugin)));
      this.narrowed.set(key, cached);
    }
    return cached;
  }

  /**
   * The CASL ability of a member under this catalogue. Abilities are immutable once built, and
   * depend only on the company, the role's content and the catalogue, so each is compiled once
   * and shared by every request of every member holding that role (a changed role has a new
   * key; the cache is bounded, and simply starts over when full).
   */
  abilityOf(member: MemberRoleInput): AppAbility {
    const key = `${member.companyId}|${JSON.stringify(member.role)}`;
    let ability = this.abilities.get(key);
    if (!ability) {
      if (this.abilities.size >= ABILITY_CACHE_SIZE) this.abilities.clear();
      ability = createAppAbility(defineRulesFor(member, this));
      this.abilities.set(key, ability);
    }
    return ability;
  }

  get(key: string): PermissionDef | undefined {
    return this.byKey.get(key);
  }

  forRule(rule: StoredRule): PermissionDef | undefined {
    return this.byRule.get(`${rule.action} ${rule.subject}`);
  }

  /** The permissions a built-in role holds: admin every one, the others those of the areas that name them. */
  permissionsOf(role: BuiltinRoleKey): PermissionDef[] {
    if (role === 'admin') return [...this.permissions];
    const areas = new Set(this.areas.filter((a) => a.roles?.includes(role)).map((a) => a.key));
    return this.permissions.filter((p) => areas.has(p.area));
  }

  /** Checks a custom role's rules before they are stored: each must be one catalogue entry, once. */
  validateRules(rules: readonly StoredRule[]): RuleProblem[] {
    const problems: RuleProblem[] = [];
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const def = this.forRule(rule);
      if (!def) problems.push({ index, message: `"${rule.action}" on "${rule.subject}" is not in the permission catalogue` });
      else if (seen.has(def.key)) problems.push({ index, message: `"${def.key}" is listed twice` });
      else seen.add(def.key);
    });
    return problems;
  }

  toRules(keys: readonly string[]): StoredRule[] {
    return keys.map((key) => {
      const def = this.byKey.get(key);
      if (!def) throw new Error(`Unknown permission "${key}"`);
      return { action: def.action, subject: def.subject };
    });
  }
}

export const coreCatalogue = new PermissionCatalogue(CORE_AREAS, CORE_PERMISSIONS);

/** Core's catalogue with every installed plugin's areas and permissions. */
export function catalogueWith(plugins: readonly { id: string; areas?: readonly AreaDef[]; permissions?: readonly PermissionDef[] }[]): PermissionCatalogue {
  return plugins.reduce<PermissionCatalogue>((cat, p) => cat.extend(p), coreCatalogue);
}
