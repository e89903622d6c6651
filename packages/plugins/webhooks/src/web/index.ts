/**
 * The webhooks plugin's web entry: the endpoints list and an endpoint's page with its delivery
 * log, their nav entry (admins and roles given webhooks.read) and the labels of its audit actions.
 */
import { defineWebPlugin } from '@rtc-console/web-kit';
import { GitNetworkOutline } from '@vicons/ionicons5';
import { READ_WEBHOOKS, webhooksManifest } from '../shared/manifest.js';

export const webhooksWebPlugin = defineWebPlugin({
  manifest: webhooksManifest,
  routes: [
    { path: 'webhooks', name: 'webhooks-endpoints', component: () => import('./views/EndpointList.vue'), meta: { can: READ_WEBHOOKS, title: 'webhooks.title' } },
    { path: 'webhooks/:id(\\d+)', name: 'webhooks-endpoint', component: () => import('./views/EndpointDetail.vue'), meta: { can: READ_WEBHOOKS, title: 'webhooks.title' } },
  ],
  // Between the projects (10) and the team (80): something set up once, like the credentials.
  nav: [{ key: 'webhooks', label: 'webhooks.nav', icon: GitNetworkOutline, to: 'webhooks-endpoints', can: READ_WEBHOOKS, order: 70 }],
  auditActions: [
    { action: 'webhooks.endpoint.create', label: 'webhooks.audit.create' },
    { action: 'webhooks.endpoint.update', label: 'webhooks.audit.update' },
    { action: 'webhooks.endpoint.delete', label: 'webhooks.audit.delete' },
    { action: 'webhooks.endpoint.rotate', label: 'webhooks.audit.rotate' },
    { action: 'webhooks.endpoint.auto_disable', label: 'webhooks.audit.autoDisable' },
  ],
});
