import { inReseller } from '../db/tenant.js';
import type { Db, Tx } from '../db/types.js';
import { platformAbilityOf, type Principal } from '../shared/permissions/principals.js';
import type { AppAbility } from '../shared/permissions/types.js';

/**
 * A reseller's staff member or API key acting for the reseller: which reseller, what its
 * ability allows (its own companies: the `{ resellerId }` condition), and `tx` to read behind
 * the reseller wall. Reseller services and plugins' reseller routes take this.
 */
export interface ResellerScope {
  id: number;
  name: string;
  principal: Extract<Principal, { kind: 'resellerStaff' | 'resellerKey' }>;
  ability: AppAbility;
  /** Runs reads as the reseller: Postgres shows them its companies' rows only (`inReseller`). */
  tx<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function resellerScope(db: Db, principal: ResellerScope['principal'], name: string): ResellerScope {
  return { id: principal.resellerId, name, principal, ability: platformAbilityOf(principal), tx: (fn) => inReseller(db, principal.resellerId, fn) };
}
