// The installation's test console: @rtc-console/testing with the installed plugins (this app's
// list), unless a test names its own. A plugin tests itself in its package; these tests check
// the host and the plugins together, as `pnpm start` runs them.
import * as testing from '@rtc-console/testing';
import { installedPlugins } from '../src/plugins.js';

export { companyByName, DEMO_COMPANIES, DEMO_PASSWORD, linkToken, TestClient, type DemoProject, type TestApp, type TestStack } from '@rtc-console/testing';

type Options = Partial<testing.StackOptions>;

export const createTestApp = (opts: Options = {}) => testing.createTestApp({ plugins: installedPlugins, ...opts });
export const createTestStack = (opts: Options = {}) => testing.createTestStack({ plugins: installedPlugins, ...opts });
export const startTestServer = (opts: Options = {}) => testing.startTestServer({ plugins: installedPlugins, ...opts });
