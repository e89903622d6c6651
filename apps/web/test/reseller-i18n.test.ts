// The reseller console builds some message keys at run time (a status, a reason, a numbered
// industry): each must exist in both languages.
import { ENVIRONMENT_RANGE, INDUSTRY_RANGE, INTEREST_RANGE } from '@rtc-console/core/shared';
import { describe, expect, test } from 'vitest';
import { messageModules } from '../src/i18n/messages';
import { actionKey, AUDIT_ACTION_GROUPS, AUDIT_TARGET_TYPES, PLATFORM_AUDIT_ACTION_GROUPS, PLATFORM_AUDIT_TARGET_TYPES } from '../src/views/audit/audit-actions';
import { CONSOLE_STATUSES, FREEZE_REASONS } from '../src/views/reseller/types';

type Tree = Record<string, unknown>;
const tree = (locale: 'en' | 'zh-CN'): Tree => Object.assign({}, ...messageModules.map((m) => m[locale]));
const has = (t: Tree, key: string) => typeof key.split('.').reduce<unknown>((n, p) => (n as Tree | undefined)?.[p], t) === 'string';
const range = ([min, max]: readonly [number, number]) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

describe('reseller console messages', () => {
  test('every status, area, reason, industry, interest, platform and audit action has a label in English and Chinese', () => {
    const keys = [
      ...CONSOLE_STATUSES.flatMap((s) => [`reseller.statuses.${s}`, `reseller.statusHints.${s}`]),
      ...['CN', 'Non-CN'].map((a) => `reseller.areas.${a}`),
      ...FREEZE_REASONS.map((r) => `reseller.freeze.reasons.${r}`),
      ...range(INDUSTRY_RANGE).map((n) => `reseller.industries.${n}`),
      ...range(INTEREST_RANGE).map((n) => `reseller.interests.${n}`),
      ...range(ENVIRONMENT_RANGE).map((n) => `reseller.environments.${n}`),
      // Both audit logs: each action, each area of the filter, each target type.
      ...[...AUDIT_ACTION_GROUPS, ...PLATFORM_AUDIT_ACTION_GROUPS].flatMap((g) => [...g.actions.map(actionKey), `audit.areas.${g.area}`, `audit.areaAll.${g.area}`]),
      ...[...AUDIT_TARGET_TYPES, ...PLATFORM_AUDIT_TARGET_TYPES].map((type) => `audit.targets.${type}`),
    ];
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = tree(locale);
      expect(keys.filter((k) => !has(t, k)), locale).toEqual([]);
    }
  });
});
