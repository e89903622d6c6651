import type { PermissionCatalogue } from './catalogue.js';
import { operatorRole, type OperatorRoleKey } from './operator-roles.js';
import { createAppAbility } from './define-rules.js';
import type { AppAbility, AppRawRule, MemberRoleInput } from './types.js';

/**
 * Everyone who calls the console, by kind. The route mounter works out which one a request
 * comes from (its session, or the key that signed it) and asks `abilityFor` what it may do;
 * nothing else decides access.
 */
export type Principal =
  | { kind: 'member'; member: MemberRoleInput }
  | { kind: 'operator'; userId: number; role: OperatorRoleKey }
  | { kind: 'resellerStaff'; userId: number; resellerId: number }
  | { kind: 'resellerKey'; keyId: number; resellerId: number }
  | { kind: 'ingestKey'; keyId: number };

/**
 * The subjects of the platform, above any one company: the companies themselves, resellers,
 * their API keys, the media edge's ingest keys and what it sends. `Platform` stands for the
 * operator's own pages (plugins, settings). `TicketQueue` is every company's tickets as the
 * support desk answers them (a company's own `Ticket`s are its members' subject, as a plugin's).
 * `PlatformAudit` is the platform's own audit log: operator writes and users' account events.
 */
export const PLATFORM_SUBJECTS = ['Platform', 'Company', 'Reseller', 'ResellerApiKey', 'IngestKey', 'IngestBatch', 'Job', 'OperatorStaff', 'PlatformSettings', 'TicketQueue', 'Billing', 'Price', 'PlatformAudit', 'KnowledgeBase'] as const;
export type PlatformSubject = (typeof PLATFORM_SUBJECTS)[number];

/**
 * What a reseller may do, on its own companies only: the condition `{ resellerId }` is the
 * reseller scoping. `accessibleWhere` turns it into SQL for lists, CASL checks it on one row,
 * and the `app.reseller_id` policies repeat it in Postgres.
 */
function resellerRules(resellerId: number, staff: boolean): AppRawRule[] {
  const own = { resellerId };
  const rules: AppRawRule[] = [
    { action: 'read', subject: 'Company', conditions: own },
    { action: 'create', subject: 'Company', conditions: own },
    // Freeze, unfreeze, remove from the account, change the limits.
    { action: 'update', subject: 'Company', conditions: own },
  ];
  // A program signing with an API key neither manages the keys nor visits dashboards.
  if (staff) rules.push({ action: 'visit', subject: 'Company', conditions: own }, { action: 'manage', subject: 'ResellerApiKey', conditions: own });
  return rules;
}

/** The CASL rules of a principal that is not a company member (members' come from their role). */
export function platformRulesFor(principal: Exclude<Principal, { kind: 'member' }>): AppRawRule[] {
  switch (principal.kind) {
    case 'operator':
      // By operator role. No role reaches a company's own data: that takes a membership (or a visit).
      return operatorRole(principal.role).rules;
    case 'resellerStaff':
      return resellerRules(principal.resellerId, true);
    case 'resellerKey':
      return resellerRules(principal.resellerId, false);
    case 'ingestKey':
      return [{ action: 'create', subject: 'IngestBatch' }];
  }
}

const PLATFORM_CACHE_SIZE = 10_000;
const platformAbilities = new Map<string, AppAbility>();

/**
 * The CASL ability of any principal, in one place. Members' abilities depend on their role and
 * the company's catalogue (cached there, see `PermissionCatalogue.abilityOf`); the others' on
 * their kind and reseller only, so each is compiled once and shared by every request.
 */
export function abilityFor(principal: Principal, catalogue: PermissionCatalogue): AppAbility {
  return principal.kind === 'member' ? catalogue.abilityOf(principal.member) : platformAbilityOf(principal);
}

/** The ability of a principal that is no company member: it needs no catalogue. */
export function platformAbilityOf(principal: Exclude<Principal, { kind: 'member' }>): AppAbility {
  const key =
    principal.kind === 'resellerStaff' || principal.kind === 'resellerKey' ? `${principal.kind}|${principal.resellerId}` : principal.kind === 'operator' ? `operator|${principal.role}` : principal.kind;
  let ability = platformAbilities.get(key);
  if (!ability) {
    if (platformAbilities.size >= PLATFORM_CACHE_SIZE) platformAbilities.clear();
    ability = createAppAbility(platformRulesFor(principal));
    platformAbilities.set(key, ability);
  }
  return ability;
}
