import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Localized } from '../shared/permissions/types.js';
import type { PluginManifest } from '../shared/plugin.js';

/**
 * Where a page lives in the console's nav: the company's pages (filtered by the member's
 * ability), the reseller console (reseller staff), or the platform operator's pages.
 */
export type NavSection = 'company' | 'reseller' | 'operator';

/** A left-nav entry. Company entries show only when the member's ability allows `can`. */
export interface NavEntry {
  key: string;
  /** An i18n key (`usage.nav`) or a label per language. */
  label: string | Localized;
  icon: Component;
  /** The route name it opens; plugin routes are named `<plugin>-<page>`. */
  to: string;
  can?: readonly [action: string, subject: string];
  section?: NavSection;
  order: number;
}

/** A card on the company overview, shown when the ability allows `can`. */
export interface DashboardWidget {
  key: string;
  title: string | Localized;
  component: () => Promise<{ default: Component }>;
  can?: readonly [action: string, subject: string];
  order: number;
}

/**
 * A plugin's web entry: lazy routes (children of the console layout; use `meta.can` for the
 * permission a page needs and `meta.section` for reseller or operator pages), nav entries and
 * overview widgets. The web app lists installed plugins in one file, one line each.
 */
export interface WebPlugin {
  manifest: PluginManifest;
  routes: RouteRecordRaw[];
  nav: NavEntry[];
  widgets?: DashboardWidget[];
}

/** Typed identity for a plugin's web entry. */
export const defineWebPlugin = <T extends WebPlugin>(plugin: T): T => plugin;
