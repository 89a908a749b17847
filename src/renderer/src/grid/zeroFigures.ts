import { useEffect, useSyncExternalStore } from 'react';
import { allShowZero } from '../../../shared/units';
import { formatOf } from './cellRules';
import type { GridColumn, GridRow } from './types';

// Which grids on screen show money that rounds to nothing ("0.00" everywhere, as a
// region's customers do in 億). The unit picker reads it to suggest a finer unit.

/** Per mounted grid: the texts of its largest and smallest money figures, null when it shows no money. */
const grids = new Map<string, readonly string[] | null>();
const listeners = new Set<() => void>();
let snapshot = false;

function update(): void {
  const shown = [...grids.values()].filter((texts): texts is readonly string[] => texts !== null);
  const next = shown.length > 0 && shown.every((texts) => allShowZero(texts));
  if (next !== snapshot) {
    snapshot = next;
    for (const l of listeners) l();
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True when the grids on screen show money and every figure of it is zero in the display unit. */
export function useMoneyAllZero(): boolean {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** The widest figures of the grid's money columns (the largest and the smallest value of each), as shown. */
export function moneyExtremes<R extends GridRow>(columns: readonly GridColumn<R>[], rows: readonly R[]): string[] | null {
  const texts: string[] = [];
  for (const col of columns) {
    if (col.kind !== 'money') continue;
    let max: R | undefined;
    let min: R | undefined;
    for (const row of rows) {
      const v = row[col.field];
      if (typeof v !== 'number' || v === 0) continue;
      if (max === undefined || v > (max[col.field] as number)) max = row;
      if (min === undefined || v < (min[col.field] as number)) min = row;
    }
    for (const row of [max, min]) if (row) texts.push(formatOf(col, row[col.field], row));
  }
  return texts.length > 0 ? texts : null;
}

/** Reports a grid's money figures while it is mounted. */
export function useReportMoney<R extends GridRow>(gridId: string, columns: readonly GridColumn<R>[], rows: readonly R[]): void {
  useEffect(() => {
    grids.set(gridId, moneyExtremes(columns, rows));
    update();
  }, [gridId, columns, rows]);
  useEffect(
    () => () => {
      grids.delete(gridId);
      update();
    },
    [gridId],
  );
}
