import { COUNTRY_CODES, ENVIRONMENT_RANGE, INDUSTRY_RANGE, INTEREST_RANGE } from '@rtc-console/core/shared';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter, type RouteLocationRaw } from 'vue-router';

const range = ([min, max]: readonly [number, number]) => Array.from({ length: max - min + 1 }, (_, i) => min + i);

/**
 * Labels and pickers for a company's profile fields (seed 003 "Create a company"): industry,
 * interested product, platform as numbered lists; countries by their ISO code, named in the
 * user's language by the browser.
 */
export function useCompanyOptions() {
  const { t, locale } = useI18n();
  const regionNames = computed(() => new Intl.DisplayNames([locale.value], { type: 'region' }));

  const country = (code: string) => {
    try {
      return regionNames.value.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const industry = (n: number) => t(`reseller.industries.${n}`);
  const interest = (n: number) => t(`reseller.interests.${n}`);
  const environment = (n: number) => t(`reseller.environments.${n}`);

  const options = (values: number[], label: (n: number) => string) => values.map((value) => ({ value, label: `${value} · ${label(value)}` }));
  const countryOptions = computed(() =>
    COUNTRY_CODES.map((code) => ({ value: code, label: `${country(code)} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, locale.value)),
  );
  const industryOptions = computed(() => options(range(INDUSTRY_RANGE), industry));
  const interestOptions = computed(() => options(range(INTEREST_RANGE), interest));
  const environmentOptions = computed(() => options(range(ENVIRONMENT_RANGE), environment));

  return { country, industry, interest, environment, countryOptions, industryOptions, interestOptions, environmentOptions };
}

/** The usage plugin's reseller chart for one company, when that plugin is installed. */
export function useUsageLink() {
  const router = useRouter();
  return (companyId: number): RouteLocationRaw | null =>
    router.hasRoute('usage-reseller-chart') ? { name: 'usage-reseller-chart', query: { companyId: String(companyId) } } : null;
}
