import {
  acceptInvitation,
  addResellerMember,
  createUser,
  countCompanies,
  createCompany,
  createProject,
  createReseller,
  createRole,
  findUserByEmail,
  inviteMember,
  loadCompanyContext,
  setProjectEnabled,
  type CompanyContext,
  type CoreDeps,
} from '@rtc-console/core';
import { seedDemoKnowledgeBase } from './demo-kb.js';
import { DEMO_COMPANIES, DEMO_PASSWORD, DEMO_RESELLER, DEMO_STAFF, type DemoCompany } from './demo-data.js';

export interface DemoLogin {
  company: string;
  email: string;
  role: string;
}

/**
 * Seeds the demo into an empty database through the same services the console uses:
 * companies are created as a reseller would, members are invited and accept their emailed
 * invitations, projects and roles are created by each company's admin.
 */
export async function seedDemo(deps: CoreDeps): Promise<DemoLogin[] | null> {
  if ((await countCompanies(deps.db)) > 0) return null;
  const reseller = await createReseller(deps, DEMO_RESELLER);
  const staff = await createUser(deps.db, { ...DEMO_STAFF.reseller, password: DEMO_PASSWORD });
  await addResellerMember(deps.db, reseller.id, staff.id);
  await createUser(deps.db, { ...DEMO_STAFF.operator, password: DEMO_PASSWORD, platformRole: 'admin' });
  await createUser(deps.db, { ...DEMO_STAFF.supportDesk, password: DEMO_PASSWORD, platformRole: 'support' });
  const logins: DemoLogin[] = [
    { company: DEMO_RESELLER, email: DEMO_STAFF.reseller.email, role: 'reseller staff' },
    { company: 'platform', email: DEMO_STAFF.operator.email, role: 'operator' },
    { company: 'platform', email: DEMO_STAFF.supportDesk.email, role: 'operator (support desk)' },
  ];
  for (const demo of DEMO_COMPANIES) logins.push(...(await seedCompany(deps, reseller.id, demo)));
  await seedDemoKnowledgeBase(deps);
  return logins;
}

async function seedCompany(deps: CoreDeps, resellerId: number, demo: DemoCompany): Promise<DemoLogin[]> {
  const actor = { userId: null, label: `reseller:${DEMO_RESELLER}` };
  const company = await createCompany(deps, demo.input, { resellerId, actor, initialPassword: DEMO_PASSWORD });
  const admin = await adminContext(deps, demo.input.email, company.id);
  const logins: DemoLogin[] = [{ company: company.name, email: demo.input.email, role: 'admin' }];

  const projectIds: string[] = [];
  for (const p of demo.projects) {
    const project = await createProject(admin, { name: p.name, region: p.region, billingType: 'duration' });
    if (p.disabled) await setProjectEnabled(admin, project.id, false);
    projectIds.push(project.id);
  }
  const { limitToFirstProjects, ...roleInput } = demo.customRole;
  const custom = await createRole(admin, { ...roleInput, projectIds: limitToFirstProjects ? projectIds.slice(0, limitToFirstProjects) : null });

  for (const m of demo.members) {
    const { token } = await inviteMember(admin, { email: m.email, role: m.role === 'custom' ? custom.id : m.role });
    await acceptInvitation(deps, token, { name: m.name, password: DEMO_PASSWORD });
    logins.push({ company: company.name, email: m.email, role: m.role === 'custom' ? custom.name : m.role });
  }
  return logins;
}

async function adminContext(deps: CoreDeps, email: string, companyId: number): Promise<CompanyContext> {
  const user = await findUserByEmail(deps.db, email);
  const loaded = user && (await loadCompanyContext(deps, { userId: user.id, companyId, actor: { userId: user.id, label: email } }));
  if (!loaded) throw new Error(`demo seed: ${email} is not an admin of company ${companyId}`);
  return loaded.ctx;
}
