import type { Localized } from '@rtc-console/core/shared';

/** A plugin's figure as the API answers it (`HostFigure` of the plugin API): keyed `<plugin>.<key>`. */
export interface Figure {
  key: string;
  plugin: string;
  label: Localized;
  value: number;
  unit: Localized;
  previous?: number;
  previousLabel?: Localized;
}

/** The change from the previous period: a percentage (unrounded), "new" when there was nothing before, none without a previous value. */
export type FigureChange = { kind: 'none' } | { kind: 'same' } | { kind: 'new' } | { kind: 'pct'; pct: number };

export function changeOf(f: Pick<Figure, 'value' | 'previous'>): FigureChange {
  if (f.previous === undefined) return { kind: 'none' };
  if (f.value === f.previous) return { kind: 'same' };
  if (f.previous === 0) return { kind: 'new' };
  return { kind: 'pct', pct: ((f.value - f.previous) / f.previous) * 100 };
}
