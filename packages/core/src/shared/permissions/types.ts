import type { MongoAbility, RawRuleOf } from '@casl/ability';

/** Every user-facing string the core or a plugin declares comes in both console languages. */
export type Locale = 'en' | 'zh-CN';
export type Localized = Record<Locale, string>;

export const BUILTIN_ROLE_KEYS = ['admin', 'ops', 'support', 'engineer'] as const;
export type BuiltinRoleKey = (typeof BUILTIN_ROLE_KEYS)[number];

/**
 * A functional area of the console (usage, analytics, projects, ...). Built-in roles are defined
 * by the areas they may use (PRODUCT.md "Roles"), so a plugin's permissions reach the right
 * built-in roles just by naming their area.
 */
export interface AreaDef {
  key: string;
  label: Localized;
  /**
   * The built-in roles besides admin (who holds every permission) that hold this area's
   * permissions, declared by whoever owns the area: core for its own, a plugin for the areas it
   * brings. None: only admins, until a custom role picks them.
   */
  roles?: readonly BuiltinRoleKey[];
}

/** One grantable permission: an action on a subject, with labels for the role editor. */
export interface PermissionDef {
  /** Stable id, `<area or plugin>.<verb>`, e.g. `project.read`. */
  key: string;
  action: string;
  subject: string;
  area: string;
  label: Localized;
  /**
   * When a custom role is limited to some projects, rules for this permission get
   * `{ [projectField]: { $in: projectIds } }`. `id` for the Project subject itself,
   * `projectId` for rows that belong to a project; absent when the subject is company-wide.
   */
  projectField?: 'id' | 'projectId';
  /** The plugin that added it (set by the catalogue); absent for core's own permissions. */
  plugin?: string;
}

/** A custom role's stored rule: no conditions; the company (and project limits) are added at load. */
export interface StoredRule {
  action: string;
  subject: string;
}

export type AppAbility = MongoAbility;
export type AppRawRule = RawRuleOf<AppAbility>;

/** What `defineRulesFor` needs to know about a member in one company. */
export interface MemberRoleInput {
  userId: number;
  companyId: number;
  role: { builtin: BuiltinRoleKey } | { rules: StoredRule[]; projectIds: string[] | null };
}
