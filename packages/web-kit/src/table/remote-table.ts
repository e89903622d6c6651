import type { DataTableSortState, PaginationProps } from 'naive-ui';
import { reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Page } from '../api/client';

export interface TableQuery {
  limit: number;
  offset: number;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
  q?: string | undefined;
}

/**
 * State for a server-paginated, sortable, searchable NDataTable: the API does the work
 * (`limit/offset/sort/order/q` → `{ rows, count }`), the table just shows the page.
 */
export function useRemoteTable<T>(fetchPage: (q: TableQuery) => Promise<Page<T>>, opts: { sort?: string; order?: 'asc' | 'desc'; pageSize?: number } = {}) {
  const { t } = useI18n();
  const rows = ref<T[]>([]) as { value: T[] };
  const loading = ref(false);
  const error = ref<unknown>(null);
  const search = ref('');
  const sort = ref<{ key?: string | undefined; order?: 'asc' | 'desc' | undefined }>({ key: opts.sort, order: opts.order });
  const pagination = reactive<PaginationProps>({
    page: 1,
    pageSize: opts.pageSize ?? 20,
    itemCount: 0,
    showSizePicker: true,
    pageSizes: [10, 20, 50, 100],
    prefix: ({ itemCount }) => t('common.total', { n: itemCount ?? 0 }),
  });

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const size = pagination.pageSize ?? 20;
      const page = await fetchPage({ limit: size, offset: ((pagination.page ?? 1) - 1) * size, sort: sort.value.key, order: sort.value.order, q: search.value.trim() || undefined });
      rows.value = page.rows;
      pagination.itemCount = page.count;
      // Deleting the last row of the last page: step back a page rather than show nothing.
      if (page.rows.length === 0 && page.count > 0 && (pagination.page ?? 1) > 1) {
        pagination.page = Math.ceil(page.count / size);
        await load();
      }
    } catch (err) {
      error.value = err;
      rows.value = [];
    } finally {
      loading.value = false;
    }
  }

  function onPage(page: number) {
    pagination.page = page;
    void load();
  }
  function onPageSize(size: number) {
    pagination.pageSize = size;
    pagination.page = 1;
    void load();
  }
  function onSorter(state: DataTableSortState | DataTableSortState[] | null) {
    const s = Array.isArray(state) ? state[0] : state;
    sort.value = s && s.order ? { key: String(s.columnKey), order: s.order === 'ascend' ? 'asc' : 'desc' } : { key: opts.sort, order: opts.order };
    pagination.page = 1;
    void load();
  }
  function onSearch() {
    pagination.page = 1;
    void load();
  }
  /** The column's sort state for NDataTable's controlled `sortOrder`. */
  function sortOrder(key: string): 'ascend' | 'descend' | false {
    return sort.value.key === key ? (sort.value.order === 'asc' ? 'ascend' : 'descend') : false;
  }
  /** What a column the API sorts by spreads in: `{ key: 'name', ...table.sortable('name') }`. */
  function sortable(key: string) {
    return { sorter: true as const, sortOrder: sortOrder(key) };
  }

  return { rows, loading, error, search, pagination, load, onPage, onPageSize, onSorter, onSearch, sortOrder, sortable };
}

/** What `useRemoteTable` gives, as RemoteTable.vue takes it. */
export type RemoteTableState<T> = ReturnType<typeof useRemoteTable<T>>;
