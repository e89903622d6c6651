import type { SQL } from 'drizzle-orm';
import { accessibleWhere } from '../permissions/drizzle-adapter.js';
import { companies } from '../schema/tenancy.js';
import type { AppAbility } from '../shared/permissions/types.js';

/** The fields of a company that abilities' conditions name (a reseller's is `{ resellerId }`). */
const COMPANY_FIELDS = { id: companies.id, resellerId: companies.resellerId };

/**
 * SQL: the companies `ability` may `action`, from its CASL conditions: a reseller's own, or every
 * company for the operator. Every list of companies above one company filters with this.
 */
export const companiesWhere = (ability: AppAbility, action = 'read'): SQL => accessibleWhere(ability, action, 'Company', COMPANY_FIELDS);
