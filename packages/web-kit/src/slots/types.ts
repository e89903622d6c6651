import type { Localized, PluginManifest } from '@rtc-console/core/shared';
import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

/**
 * Where a page lives in the console's nav: the company's pages (filtered by the member's
 * ability), the reseller console (reseller staff), or the platform operator's pages.
 */
export type NavSection = 'company' | 'reseller' | 'operator';

/** A permission as CASL checks it: `['read', 'Usage']`. */
export type Can = readonly [action: string, subject: string];

/** An i18n key (`usage.nav`, under the plugin's messages) or a label per language. */
export type Label = string | Localized;

/** A component loaded when first shown, as `() => import('./Thing.vue')`. */
export type LazyComponent = () => Promise<{ default: Component }>;

/** A left-nav entry. Company entries show only when the member's ability allows `can`. */
export interface NavEntry {
  key: string;
  label: Label;
  icon: Component;
  /** The route name it opens; plugin routes are named `<plugin>-<page>`. */
  to: string;
  can?: Can;
  section?: NavSection;
  order: number;
}

/** A card on the company overview, shown when the ability allows `can`. */
export interface DashboardWidget {
  key: string;
  title: Label;
  component: LazyComponent;
  can?: Can;
  order: number;
}

/** The project a project tab is shown for (a part of GET /api/projects/:id). */
export interface TabProject {
  id: string;
  appId: string;
  name: string;
  /** 1 enabled, 0 disabled, -1 deleted (seed 003). */
  status: -1 | 0 | 1;
}

/** A tab on the project detail page; its component gets `{ project: TabProject }` as props. */
export interface ProjectTab {
  key: string;
  title: Label;
  component: LazyComponent;
  can?: Can;
  order: number;
}

/** A section of the company settings page (e.g. the plugin's own settings), for holders of `can`. */
export interface CompanySettingsSection {
  key: string;
  title: Label;
  /** A line under the title saying what the section is for. */
  description?: Label;
  component: LazyComponent;
  can?: Can;
  order: number;
}

/** How the audit log names one of the plugin's actions (`<plugin>.…`, as its server records it). */
export interface AuditActionLabel {
  action: string;
  label: Label;
}

/**
 * A plugin's web entry: lazy routes (children of the console layout; `meta.can` for the
 * permission a page needs and `meta.section` for reseller or operator pages), nav entries, and
 * what it adds to the app's slots: overview widgets, project detail tabs, company settings
 * sections and the labels of its audit actions. The web app lists installed plugins in one
 * file, one line each.
 */
export interface WebPlugin {
  manifest: PluginManifest;
  routes: RouteRecordRaw[];
  nav: NavEntry[];
  widgets?: DashboardWidget[];
  projectTabs?: ProjectTab[];
  companySettings?: CompanySettingsSection[];
  auditActions?: AuditActionLabel[];
}

/** Typed identity for a plugin's web entry. */
export const defineWebPlugin = <T extends WebPlugin>(plugin: T): T => plugin;
