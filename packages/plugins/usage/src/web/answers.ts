/** Shapes the usage API answers with. */
export interface DailyUsage {
  currency: 'USD' | 'CNY';
  days: { day: string; usage: Record<string, number> }[];
  totals: Record<string, number>;
  fees: { total: number; byMetric: Record<string, number> } | null;
}

export interface UsageChartData {
  tab: string;
  unit: 'minutes' | 'count';
  periods: string[];
  series: { field: string; values: number[] }[];
}

export interface PriceRow {
  id?: number;
  currency: 'USD' | 'CNY';
  product: number;
  metric: number;
  perThousand: number;
  freeMinutes: number;
  updatedAt?: string;
}

export interface ProjectOption {
  id: string;
  name: string;
  status: number;
}
