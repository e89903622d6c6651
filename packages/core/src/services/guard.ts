import { subject as caslSubject } from '@casl/ability';
import { forbidden } from '../errors.js';
import type { AppAbility } from '../shared/permissions/types.js';

/** Whether the ability allows `action` on the subject type, or on one row of it when given. */
export function allows(ability: AppAbility, action: string, subjectType: string, row?: Record<string, unknown>): boolean {
  return row ? ability.can(action, caslSubject(subjectType, { ...row })) : ability.can(action, subjectType);
}

/** Throws 403 unless `allows`. */
export function assertCan(ability: AppAbility, action: string, subjectType: string, row?: Record<string, unknown>): void {
  if (!allows(ability, action, subjectType, row)) throw forbidden();
}
