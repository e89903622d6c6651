import type { CompanyScope } from '../services/context.js';
import type { Company } from '../schema/tenancy.js';
import type { Session, User } from '../schema/users.js';
import type { LoadedMembership } from '../services/membership.js';
import type { ResellerScope } from '../services/reseller-scope.js';
import type { AppAbility } from '../shared/permissions/types.js';

export interface AuthState {
  session: Session;
  user: User;
  /** The user's membership in the session's current company, loaded with the session; null when none. */
  membership?: LoadedMembership | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set when a valid session cookie came with the request. */
      auth?: AuthState;
      /** Set for `company` routes: the company the request acts in, with the member's ability (its scope only, never core's internals). */
      company?: CompanyScope;
      /**
       * What the caller may do, from `abilityFor` (one place for every kind of caller): set by the
       * route mounter on every route kind but `public` and `user`. A member's is `company.ability`.
       */
      ability?: AppAbility;
      /** Set for `reseller` routes (the staff member's reseller) and `resellerApi` routes (the key's), with its ability and wall. */
      reseller?: ResellerScope;
      /** Set for reseller routes that declare `company`: the company named, which the caller's ability allows the route's action on. */
      resellerCompany?: Company;
      /** Set for `resellerApi` routes: the API key that signed the request. */
      resellerApiKey?: { id: number; accessKeyId: string };
      /** Set for `ingest` routes: the platform ingest key that signed the request. */
      ingestKey?: { id: number; accessKeyId: string };
    }
  }
}

export {};
