import { defineWebPlugin } from '@rtc-console/web-kit';
import { ListOutline } from '@vicons/ionicons5';
import { templateManifest, templateRead } from '../shared/manifest.js';

/**
 * The web entry: a lazy page (a child of the console layout) and its nav entry, both needing the
 * plugin's permission. Members without it see no entry, and "no permission" at the URL. The
 * audit log names the action the server records with the plugin's own label. More slots:
 * `widgets` (overview cards), `projectTabs` (project detail tabs) and `companySettings`
 * (sections of the company settings page), typed in @rtc-console/web-kit.
 */
export const templateWebPlugin = defineWebPlugin({
  manifest: templateManifest,
  routes: [
    { path: 'template', name: 'template-items', component: () => import('./views/ItemsView.vue'), meta: { can: templateRead, title: 'template.title' } },
  ],
  nav: [{ key: 'template-items', label: 'template.nav', icon: ListOutline, to: 'template-items', can: templateRead, order: 50 }],
  auditActions: [{ action: 'template.item.create', label: 'template.audit.itemCreate' }],
});
