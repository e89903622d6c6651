import audit from './audit';
import auth from './auth';
import common from './common';
import figures from './figures';
import mailbox from './mailbox';
import operator from './operator';
import operatorStaff from './operator-staff';
import operatorTenants from './operator-tenants';
import overview from './overview';
import profile from './profile';
import projects from './projects';
import reseller from './reseller';
import roles from './roles';
import signup from './signup';
import team from './team';
import twoFactor from './two-factor';
import type { MessageModule } from './types';

/** Core's message modules; each holds one area's keys in both languages. */
export const messageModules: MessageModule[] = [common, auth, projects, team, roles, overview, profile, audit, mailbox, operator, operatorStaff, operatorTenants, reseller, signup, figures, twoFactor];
