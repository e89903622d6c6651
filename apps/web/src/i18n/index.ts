import type { Locale } from '@rtc-console/core/shared';
import { createI18n, type I18nOptions } from 'vue-i18n';
import { webPlugins } from '../plugins';
import { messageModules } from './messages';

export const LOCALES: { value: Locale; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: '中文' },
];

const STORAGE_KEY = 'rtc-console.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Core's messages plus each installed plugin's, under the plugin's id. */
function messages() {
  const all: Record<Locale, Record<string, unknown>> = { en: {}, 'zh-CN': {} };
  for (const m of messageModules) {
    Object.assign(all.en, m.en);
    Object.assign(all['zh-CN'], m['zh-CN']);
  }
  for (const { manifest } of webPlugins) {
    all.en[manifest.id] = manifest.messages?.en ?? {};
    all['zh-CN'][manifest.id] = manifest.messages?.['zh-CN'] ?? {};
  }
  return all;
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: messages() as I18nOptions['messages'],
  datetimeFormats: {
    en: { short: { year: 'numeric', month: 'short', day: 'numeric' }, long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' } },
    'zh-CN': { short: { year: 'numeric', month: 'long', day: 'numeric' }, long: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false } },
  },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}
