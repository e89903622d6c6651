import audit from './audit';
import auth from './auth';
import common from './common';
import mailbox from './mailbox';
import operator from './operator';
import overview from './overview';
import profile from './profile';
import projects from './projects';
import reseller from './reseller';
import roles from './roles';
import team from './team';
import type { MessageModule } from './types';

/** Core's message modules; each holds one area's keys in both languages. */
export const messageModules: MessageModule[] = [common, auth, projects, team, roles, overview, profile, audit, mailbox, operator, reseller];
