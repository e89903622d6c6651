export type { DashboardWidget, NavEntry, NavSection, WebPlugin } from '@rtc-console/core/web';
