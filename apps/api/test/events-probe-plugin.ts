import { defineServerPlugin, type DeliveredEvent } from '@rtc-console/core';

/** What the probe's handlers saw, for the tests to read. */
export const probeSeen: { projects: DeliveredEvent[]; pings: DeliveredEvent[]; failures: number } = { projects: [], pings: [], failures: 0 };

/**
 * A plugin built only on the public services, for the jobs-and-events tests: it subscribes to
 * project events, publishes its own `events-probe.pinged` from a route, and has a job that
 * always fails (for the operator's jobs page and its retry).
 */
export const eventsProbe = defineServerPlugin({
  manifest: {
    id: 'events-probe',
    name: { en: 'Events probe', 'zh-CN': '事件探针' },
    events: [{ type: 'events-probe.pinged', description: { en: 'Pinged', 'zh-CN': '已触发' } }],
  },
  services: ['events', 'jobs', 'tenant'],
  init({ events, jobs }) {
    events.subscribe({ name: 'projects', types: ['project.*'], handler: async (e) => void probeSeen.projects.push(e) });
    events.subscribe({ name: 'pings', types: ['events-probe.pinged'], handler: async (e) => void probeSeen.pings.push(e) });
    jobs.define({
      name: 'always-fails',
      retryLimit: 1,
      retryDelaySeconds: 1,
      retryBackoff: false,
      handler: async () => {
        probeSeen.failures++;
        throw new Error('the far end said no');
      },
    });
  },
  routes: ({ events, jobs, tenant }) => [
    {
      method: 'post', path: '/ping', summary: 'Publish a ping event', access: { auth: 'company' },
      async handler(req, res) {
        const companyId = req.company!.companyId;
        await tenant.inCompany(companyId, (tx) => events.publish(tx, [{ type: 'events-probe.pinged', companyId, actor: req.company!.actor.label, data: { note: String(req.body?.note ?? '') } }]));
        res.status(202).json({ ok: true });
      },
    },
    {
      method: 'post', path: '/undeclared', summary: 'Try to publish a type the manifest does not declare', access: { auth: 'company' },
      async handler(req, res) {
        const companyId = req.company!.companyId;
        await tenant.inCompany(companyId, (tx) => events.publish(tx, [{ type: 'project.deleted', companyId, actor: 'probe' }]));
        res.json({ ok: true });
      },
    },
    {
      method: 'post', path: '/fail', summary: 'Send the job that always fails', access: { auth: 'company' },
      async handler(_req, res) {
        res.status(202).json({ id: await jobs.send('always-fails', {}) });
      },
    },
  ],
});
