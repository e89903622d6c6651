import type { Locale } from '@rtc-console/core/shared';
import type { DataTableColumns } from 'naive-ui';
import { computed, h, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { api } from '@rtc-console/web-kit';
import FigureCell from './FigureCell.vue';
import type { Figure } from './types';

/** Whose list: the operator's or a reseller's (`/api/<kind>/figures`), of companies or (the operator's) of resellers. */
export type FigureList = { kind: 'operator'; of: 'companies' | 'resellers' } | { kind: 'reseller'; of: 'companies' };

/** A figure column's width: the list pages count it into their table's width. */
export const FIGURE_COLUMN_WIDTH = 120;

/**
 * The plugins' figures of a list's visible rows (GET /api/<kind>/figures?companies=… or
 * ?resellers=…), fetched again whenever the page of rows changes, and one column per figure any
 * row has (the usage plugin's "RTC minutes this month"; other plugins' figures join the same
 * way). A failed request leaves the columns out: the list itself still works.
 */
export function useListFigures<T extends { id: number }>(list: FigureList, rows: { readonly value: T[] }) {
  const { locale } = useI18n();
  const byRow = ref<Record<number, Figure[]>>({});
  const loading = ref(false);
  let asked = '';

  async function load(ids: number[]) {
    const key = ids.join(',');
    asked = key;
    if (!ids.length) {
      byRow.value = {};
      return;
    }
    loading.value = true;
    try {
      const res = await api.get<Partial<Record<FigureList['of'], Record<number, Figure[]>>>>(`/api/${list.kind}/figures`, { [list.of]: key });
      if (asked === key) byRow.value = res[list.of] ?? {};
    } catch {
      if (asked === key) byRow.value = {};
    } finally {
      if (asked === key) loading.value = false;
    }
  }
  watch(() => rows.value.map((r) => r.id), (ids) => void load(ids), { immediate: true });

  /** Each figure key once, in the order the first row that has it lists them, with its label. */
  const kinds = computed(() => {
    const seen = new Map<string, Figure>();
    for (const figures of Object.values(byRow.value)) for (const f of figures) if (!seen.has(f.key)) seen.set(f.key, f);
    return [...seen.values()];
  });

  const columns = computed<DataTableColumns<T>>(() =>
    kinds.value.map((k) => ({
      key: `figure-${k.key}`,
      title: k.label[locale.value as Locale],
      width: FIGURE_COLUMN_WIDTH,
      render: (row: T) => h(FigureCell, { figures: byRow.value[row.id], figureKey: k.key, loading: loading.value }),
    })),
  );
  return { byRow, loading, columns, width: computed(() => kinds.value.length * FIGURE_COLUMN_WIDTH) };
}
