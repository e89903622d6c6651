import type { FormItemRule } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { UsageApiError } from './api';
import { rangeProblem, type Interval } from './usage-view';

/**
 * A message for any error in the user's language, by the console's rule (its `useErrorText`):
 * known codes from the console's `errors.…` messages, with the server's specifics kept for
 * validation failures; anything else a generic line.
 */
export function useErrorText() {
  const { t, te } = useI18n();
  return (err: unknown): string => {
    if (err instanceof UsageApiError) {
      if (err.code === 'RATE_LIMITED') {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60;
        return t('errors.RATE_LIMITED', { seconds });
      }
      if (['CONFLICT', 'LIMIT_REACHED', 'VALIDATION_FAILED'].includes(err.code) && err.message) return `${t(`errors.${err.code}`)}: ${err.message}`;
      return te(`errors.${err.code}`) ? t(`errors.${err.code}`) : err.message;
    }
    return t('errors.INTERNAL');
  };
}

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
