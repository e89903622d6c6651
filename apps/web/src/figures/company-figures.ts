import type { Locale } from '@rtc-console/core/shared';
import type { DataTableColumns } from 'naive-ui';
import { computed, h, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '@rtc-console/web-kit';
import FigureCell from './FigureCell.vue';
import type { Figure } from './types';

/**
 * The plugins' figures of a company list's visible rows (GET /api/<kind>/figures?companies=…),
 * fetched again whenever the page of rows changes, and one column per figure any row has (the
 * usage plugin's "RTC minutes this month"; other plugins' figures join the same way). A failed
 * request leaves the columns out: the list itself still works.
 */
export function useCompanyFigures<T extends { id: number }>(kind: 'operator' | 'reseller', rows: { readonly value: T[] }) {
  const { locale } = useI18n();
  const byCompany = ref<Record<number, Figure[]>>({});
  const loading = ref(false);
  let asked = '';

  async function load(ids: number[]) {
    const key = ids.join(',');
    asked = key;
    if (!ids.length) {
      byCompany.value = {};
      return;
    }
    loading.value = true;
    try {
      const res = await api.get<{ companies: Record<number, Figure[]> }>(`/api/${kind}/figures`, { companies: key });
      if (asked === key) byCompany.value = res.companies;
    } catch {
      if (asked === key) byCompany.value = {};
    } finally {
      if (asked === key) loading.value = false;
    }
  }
  watch(() => rows.value.map((r) => r.id), (ids) => void load(ids), { immediate: true });

  /** Each figure key once, in the order the first row that has it lists them, with its label. */
  const kinds = computed(() => {
    const seen = new Map<string, Figure>();
    for (const list of Object.values(byCompany.value)) for (const f of list) if (!seen.has(f.key)) seen.set(f.key, f);
    return [...seen.values()];
  });

  const columns = computed<DataTableColumns<T>>(() =>
    kinds.value.map((k) => ({
      key: `figure-${k.key}`,
      title: k.label[locale.value as Locale],
      width: 120,
      render: (row: T) => h(FigureCell, { figures: byCompany.value[row.id], figureKey: k.key, loading: loading.value }),
    })),
  );
  return { byCompany, loading, columns, width: computed(() => kinds.value.length * 120) };
}
