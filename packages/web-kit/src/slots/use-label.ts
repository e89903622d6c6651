import type { Locale } from '@rtc-console/core/shared';
import { useI18n } from 'vue-i18n';
import type { Label } from './types';

/** A slot entry's label in the user's language: an i18n key, or the plugin's own words per language. */
export function useLabel() {
  const { t, locale } = useI18n();
  return (label: Label): string => (typeof label === 'string' ? t(label) : (label[locale.value as Locale] ?? label.en));
}
