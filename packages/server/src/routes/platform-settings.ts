import { getPlatformSettings, parse, platformSettingsSchema, savePlatformSettings, templates, testMailSchema } from '@rtc-console/core';
import type { ApiDeps } from '../deps.js';
import { operatorActor } from '../http/operator-actor.js';
import { attemptLimiter } from '../http/rate-limit.js';
import { defineRoutes } from '../http/route-table.js';

/** The platform settings (/api/operator/settings): sign-up, new companies' limits, the sender, staff two-factor. */
export function platformSettingsRoutes(deps: ApiDeps) {
  const view = async () => ({ ...(await getPlatformSettings(deps.core.db)), configuredMailFrom: deps.config.mailFrom, outboxOnly: deps.core.mailer.outboxOnly });
  return defineRoutes([
    {
      method: 'get', path: '/', summary: 'The platform settings, with the configured MAIL_FROM the sender falls back to', access: { auth: 'operator', can: ['read', 'PlatformSettings'] },
      async handler(_req, res) {
        res.json(await view());
      },
    },
    {
      method: 'patch', path: '/', summary: 'Change platform settings (only the fields sent; audited with before and after)', access: { auth: 'operator', can: ['update', 'PlatformSettings'] },
      async handler(req, res) {
        await savePlatformSettings(deps.core.db, operatorActor(req), parse(platformSettingsSchema, req.body));
        res.json(await view());
      },
    },
    {
      method: 'post', path: '/test-mail', summary: 'Send a test e-mail through the console’s mailer to the signed-in operator or an address given (throttled)', access: { auth: 'operator', can: ['update', 'PlatformSettings'] },
      before: [attemptLimiter(deps, 'test-mail')],
      async handler(req, res) {
        const user = req.auth!.user;
        const to = parse(testMailSchema, req.body ?? {}).to ?? user.email;
        const sent = await deps.core.mailer.send({ to, kind: 'test', ...templates.testMail(user.locale, { name: user.name }) });
        res.json({ to, ...sent });
      },
    },
  ]);
}
