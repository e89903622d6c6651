import { createAppAbility, platformAbilityOf } from '@rtc-console/core/shared';
import { expect, test } from 'vitest';
import { isVisible, type Placement, type Viewer } from './visibility';

/** An ops member: reads usage, nothing about projects (rules as the API sends them). */
const ops: Viewer = {
  ability: createAppAbility([{ action: 'read', subject: 'Usage', conditions: { companyId: 1 } }]),
  inCompany: true,
  reseller: false,
  operator: false,
  disabledPlugins: [],
  platformAbility: createAppAbility([]),
};
const resellerStaff: Viewer = { ability: createAppAbility([]), inCompany: false, reseller: true, operator: false, disabledPlugins: [], platformAbility: platformAbilityOf({ kind: 'resellerStaff', userId: 2, resellerId: 1 }) };
const operator: Viewer = { ...resellerStaff, reseller: false, operator: true, platformAbility: platformAbilityOf({ kind: 'operator', userId: 3, role: 'admin' }) };
const supportDesk: Viewer = { ...operator, platformAbility: platformAbilityOf({ kind: 'operator', userId: 4, role: 'support' }) };
const finance: Viewer = { ...operator, platformAbility: platformAbilityOf({ kind: 'operator', userId: 5, role: 'finance' }) };

const usagePage: Placement = { can: ['read', 'Usage'], plugin: 'usage' };
const projectsPage: Placement = { can: ['read', 'Project'] };

test.each<[string, Placement, Viewer, boolean]>([
  ['a company page the role allows', usagePage, ops, true],
  ['a company page the role does not allow', projectsPage, ops, false],
  ["a plugin's page where the plugin is switched off for the company", usagePage, { ...ops, disabledPlugins: ['usage'] }, false],
  ['another plugin switched off does not hide it', usagePage, { ...ops, disabledPlugins: ['billing'] }, true],
  ["a plugin's company page without a permission, for someone without a company", { plugin: 'usage' }, resellerStaff, false],
  ["a plugin's company page without a permission, in a company", { plugin: 'usage' }, ops, true],
  ['a page asking for nothing (overview, profile) without a company', {}, operator, true],
  ['a company page for reseller staff without a company', projectsPage, resellerStaff, false],
  ['a reseller page for reseller staff', { section: 'reseller' }, resellerStaff, true],
  ['a reseller page for a company member', { section: 'reseller' }, ops, false],
  ['an operator page for the operator', { section: 'operator' }, operator, true],
  ['an operator page for reseller staff', { section: 'operator' }, resellerStaff, false],
  // Operator roles: the page's `can` in the role's platform ability.
  ["the staff page for the operator's admin", { section: 'operator', can: ['read', 'OperatorStaff'] }, operator, true],
  ['the staff page for the support desk', { section: 'operator', can: ['read', 'OperatorStaff'] }, supportDesk, false],
  ['the settings page for finance', { section: 'operator', can: ['read', 'PlatformSettings'] }, finance, false],
  ['the companies page for the support desk (read-only)', { section: 'operator', can: ['read', 'Company'] }, supportDesk, true],
  ['ingest keys for finance', { section: 'operator', can: ['read', 'IngestKey'] }, finance, false],
  // The switch is the company's: the plugin's reseller pages stay.
  ["a plugin's reseller page while the plugin is off in the company", { section: 'reseller', plugin: 'usage' }, { ...resellerStaff, inCompany: true, disabledPlugins: ['usage'] }, true],
])('%s → %s', (_what, item, viewer, expected) => {
  expect(isVisible(item, viewer)).toBe(expected);
});
