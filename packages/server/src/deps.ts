import type { CoreDeps, AnyServerPlugin } from '@rtc-console/core';
import type { Logger } from 'pino';
import type { ApiConfig } from './config.js';

/** Everything the HTTP layer needs: core's services, the installed plugins, the API's configuration. */
export interface ApiDeps {
  core: CoreDeps;
  config: ApiConfig;
  logger: Logger;
  plugins: readonly AnyServerPlugin[];
}
