import type { CompanyContext } from '../services/context.js';
import type { Company } from '../schema/tenancy.js';
import type { Session, User } from '../schema/users.js';
import type { LoadedMembership } from '../services/membership.js';

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
      /** Set for `company` routes: the company the request acts in, with the member's ability. */
      company?: CompanyContext;
      /** Set for `reseller` routes (the staff member's reseller) and `resellerApi` routes (the key's). */
      reseller?: { id: number; name: string };
      /** Set for reseller routes that declare `company`: the reseller's company named in the path. */
      resellerCompany?: Company;
      /** Set for `resellerApi` routes: the API key that signed the request. */
      resellerApiKey?: { id: number; accessKeyId: string };
      /** Set for `ingest` routes: the platform ingest key that signed the request. */
      ingestKey?: { id: number; accessKeyId: string };
    }
  }
}

export {};
