/**
 * The usage plugin's web entry (seed 000 "Check Usage", seed 001 "Usage > Chart / Download",
 * the operator's prices): lazy pages, their nav entries, the overview card and a project's
 * Usage tab. Page names
 * follow `<plugin>-<page>`; `meta.can` and `meta.section` decide who may open each one.
 */
import { defineWebPlugin } from '@rtc-console/web-kit';
import { BarChartOutline, CloudDownloadOutline, PricetagsOutline, StatsChartOutline } from '@vicons/ionicons5';
import { usageManifest } from '../shared/manifest.js';

const READ_USAGE = ['read', 'Usage'] as const;

export const usageWebPlugin = defineWebPlugin({
  manifest: usageManifest,
  routes: [
    { path: 'usage', name: 'usage-details', component: () => import('./views/CompanyUsage.vue'), meta: { can: READ_USAGE, title: 'usage.page.title' } },
    { path: 'reseller/usage/chart', name: 'usage-reseller-chart', component: () => import('./views/ResellerChart.vue'), meta: { section: 'reseller', title: 'usage.resellerChart' } },
    { path: 'reseller/usage/download', name: 'usage-reseller-download', component: () => import('./views/ResellerDownload.vue'), meta: { section: 'reseller', title: 'usage.resellerDownload' } },
    { path: 'operator/prices', name: 'usage-prices', component: () => import('./views/PriceTable.vue'), meta: { section: 'operator', can: ['read', 'Price'], title: 'usage.prices' } },
  ],
  nav: [
    // Seed 000 puts Usage first in the company's menu.
    { key: 'usage', label: 'usage.nav', icon: BarChartOutline, to: 'usage-details', can: READ_USAGE, order: 5 },
    { key: 'usage-reseller-chart', label: 'usage.resellerChart', icon: StatsChartOutline, to: 'usage-reseller-chart', section: 'reseller', order: 300 },
    { key: 'usage-reseller-download', label: 'usage.resellerDownload', icon: CloudDownloadOutline, to: 'usage-reseller-download', section: 'reseller', order: 310 },
    { key: 'usage-prices', label: 'usage.prices', icon: PricetagsOutline, to: 'usage-prices', section: 'operator', can: ['read', 'Price'], order: 220 },
  ],
  widgets: [{ key: 'usage-recent', title: 'usage.widget.title', component: () => import('./widgets/RecentUsage.vue'), can: READ_USAGE, order: 10 }],
  projectTabs: [{ key: 'usage', title: 'usage.projectTab.tab', component: () => import('./project-tabs/ProjectUsage.vue'), can: READ_USAGE, order: 10 }],
});
