import { webPlugins } from '../plugins';
import { coreNav } from './core-nav';
import type { NavEntry } from './types';

/** A nav entry and, for a plugin's, the plugin it belongs to (hidden where it is switched off). */
export type PlacedNavEntry = NavEntry & { plugin?: string };

/** Core's and every plugin's nav entries, in order. The layout filters them by section and ability. */
export const navEntries: PlacedNavEntry[] = [
  ...coreNav,
  ...webPlugins.flatMap((p) => p.nav.map((e) => ({ ...e, plugin: p.manifest.id }))),
].sort((a, b) => a.order - b.order);

export type { DashboardWidget, NavEntry, NavSection, WebPlugin } from './types';
