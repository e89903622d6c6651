import { BriefcaseOutline, ReaderOutline, TimerOutline, BusinessOutline, StorefrontOutline, DocumentTextOutline, FolderOpenOutline, KeyOutline, OptionsOutline, PeopleCircleOutline, PeopleOutline, ServerOutline, SettingsOutline } from '@vicons/ionicons5';
import type { NavEntry } from '@rtc-console/web-kit';

/** Core's nav entries: company pages appear for members whose role allows them; reseller pages for reseller staff; operator pages for the operator roles whose rules allow them. */
export const coreNav: NavEntry[] = [
  { key: 'projects', label: 'nav.projects', icon: FolderOpenOutline, to: 'projects', can: ['read', 'Project'], order: 10 },
  { key: 'team', label: 'nav.team', icon: PeopleOutline, to: 'team', can: ['read', 'Member'], order: 80 },
  { key: 'roles', label: 'nav.roles', icon: KeyOutline, to: 'roles', can: ['read', 'Role'], order: 85 },
  { key: 'audit', label: 'nav.audit', icon: DocumentTextOutline, to: 'audit', can: ['read', 'AuditLog'], order: 90 },
  { key: 'reseller-companies', label: 'nav.resellerCompanies', icon: BriefcaseOutline, to: 'reseller-companies', section: 'reseller', order: 150 },
  { key: 'reseller-settings', label: 'nav.resellerSettings', icon: SettingsOutline, to: 'reseller-settings', section: 'reseller', order: 390 },
  { key: 'operator-resellers', label: 'opsTenants.nav.resellers', icon: StorefrontOutline, to: 'operator-resellers', section: 'operator', can: ['read', 'Reseller'], order: 195 },
  { key: 'operator-companies', label: 'nav.operatorCompanies', icon: BusinessOutline, to: 'operator-companies', section: 'operator', can: ['read', 'Company'], order: 200 },
  { key: 'operator-ingest-keys', label: 'nav.ingestKeys', icon: ServerOutline, to: 'operator-ingest-keys', section: 'operator', can: ['read', 'IngestKey'], order: 210 },
  { key: 'operator-jobs', label: 'nav.jobs', icon: TimerOutline, to: 'operator-jobs', section: 'operator', can: ['read', 'Job'], order: 220 },
  { key: 'operator-staff', label: 'operatorStaff.nav', icon: PeopleCircleOutline, to: 'operator-staff', section: 'operator', can: ['read', 'OperatorStaff'], order: 230 },
  { key: 'platform-audit', label: 'platformAudit.nav', icon: ReaderOutline, to: 'platform-audit', section: 'operator', can: ['read', 'PlatformAudit'], order: 380 },
  { key: 'platform-settings', label: 'platformSettings.nav', icon: OptionsOutline, to: 'platform-settings', section: 'operator', can: ['read', 'PlatformSettings'], order: 390 },
];
