import { useI18n } from 'vue-i18n';

/** Dates in the user's language. */
export function useFormat() {
  const { d } = useI18n();
  return {
    dateTime: (value: string | Date | null | undefined) => (value ? d(new Date(value), 'long') : '—'),
    date: (value: string | Date | null | undefined) => (value ? d(new Date(value), 'short') : '—'),
  };
}
