import { slotEntries, type NavEntry, type Placed } from '@rtc-console/web-kit';
import { SettingsOutline } from '@vicons/ionicons5';
import { webPlugins } from '../plugins';
import { coreNav } from './core-nav';

/** A nav entry and, for a plugin's, the plugin it belongs to (hidden where it is switched off). */
export type PlacedNavEntry = NavEntry & { plugin?: string };

/** Core's and every plugin's nav entries, in order. The layout shows those `isVisible` allows. */
export const navEntries: PlacedNavEntry[] = [...coreNav, ...settingsEntry(), ...slotEntries(webPlugins, 'nav')].sort((a, b) => a.order - b.order);

/** The company settings page: core's two-factor requirement, then plugins' settings and sections. */
function settingsEntry(): NavEntry[] {
  return [{ key: 'company-settings', label: 'nav.companySettings', icon: SettingsOutline, to: 'company-settings', can: ['manage', 'PluginSettings'], order: 95 }];
}

export type { Placed };
export type { NavSection } from '@rtc-console/web-kit';
