import type { Can, NavSection } from '../slots/types';

/** Who is looking, as the nav, the overview and the router need to know. */
export interface Viewer {
  /** The member's CASL ability in the current company (empty without one). */
  ability: { can(action: string, subject: string): boolean };
  /** Works in a company (a membership, or reseller staff visiting one). */
  inCompany: boolean;
  reseller: boolean;
  operator: boolean;
  /**
   * The platform ability of reseller staff or of the operator's role (support desk, finance,
   * admin), built from the same shared rules as the API's: what their reseller or operator pages
   * ask in `can` is checked against it.
   */
  platformAbility: { can(action: string, subject: string): boolean };
  /** Plugins switched off for the current company. */
  disabledPlugins: readonly string[];
}

/** What decides whether something shows: a nav entry, a route's meta, a widget, a tab. */
export interface Placement {
  section?: NavSection | undefined;
  can?: Can | undefined;
  /** The plugin it belongs to; core's have none. */
  plugin?: string | undefined;
}

/**
 * The one rule for what a viewer sees, used by the nav, the overview (shortcuts and widgets),
 * the project tabs and the router (a page that fails it shows "no permission"):
 * a company thing that asks for nothing (the overview, the profile) is everyone's; else it
 * needs a company, its plugin switched on there, and `can` in the ability. Reseller things need
 * reseller staff, operator things the platform operator, each with `can` (when asked) in their
 * platform ability: a support desk does not see staff or settings. A plugin's switch is the company's,
 * so it does not hide the plugin's reseller or operator pages.
 */
export function isVisible(item: Placement, viewer: Viewer): boolean {
  switch (item.section ?? 'company') {
    case 'company':
      if (!item.can && !item.plugin) return true;
      if (!viewer.inCompany) return false;
      if (item.plugin && viewer.disabledPlugins.includes(item.plugin)) return false;
      return !item.can || viewer.ability.can(...item.can);
    case 'reseller':
      return viewer.reseller && (!item.can || viewer.platformAbility.can(...item.can));
    case 'operator':
      return viewer.operator && (!item.can || viewer.platformAbility.can(...item.can));
  }
}
