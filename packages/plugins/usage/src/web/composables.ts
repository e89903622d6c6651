import type { FormItemRule } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { rangeProblem, type Interval } from './usage-view';

/** Whole numbers, file sizes and money in the user's language. */
export function useNumbers() {
  const { locale } = useI18n();
  return {
    count: (n: number) => new Intl.NumberFormat(locale.value).format(n),
    money: (n: number, currency: string) => new Intl.NumberFormat(locale.value, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n),
    bytes: (n: number) =>
      n < 1024 * 1024
        ? new Intl.NumberFormat(locale.value, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(Math.max(1, n / 1024))
        : new Intl.NumberFormat(locale.value, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(n / 1024 / 1024),
  };
}

/** The form rule of a time frame field: required, in order, at most 366 days (as the API checks). */
export function useRangeRule(interval: () => Interval = () => 'daily'): FormItemRule {
  const { t } = useI18n();
  return {
    trigger: ['change', 'blur'],
    validator(_rule, value: [number, number] | null | undefined) {
      const problem = rangeProblem(value ?? null, interval());
      return problem ? new Error(t(`usage.filters.${problem}`)) : true;
    },
  };
}
