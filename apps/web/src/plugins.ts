import type { WebPlugin } from './nav/types';

/**
 * Installed web plugins, one line each (their routes, nav entries and messages join the
 * console's). Empty until the first plugin package lands.
 */
export const webPlugins: WebPlugin[] = [];
