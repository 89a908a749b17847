import type { TFunction } from 'i18next';
import type { ExpensePeriod } from '../../../../shared/endpoints/expenses';
import { quarters, sum, type ExpenseBudgetResult } from '../../../../shared/expenses';
import { unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import type { GridColumn, GridRow, ParseResult } from '../../grid';
import { editText, formatFigure, parseFigure, type FigureEnv } from '../targets/format';
import type { ItemNamer } from './itemName';

// The expense budget grid: a totals row on top, then the items as a tree; 12 months,
// Q1–Q4 and the year (all editable but the totals), and the promotions part.

export const MONTHS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;
export const QUARTERS = ['q1', 'q2', 'q3', 'q4'] as const;
export const TOTAL_ROW = 'total';
export const PERIOD_FIELDS = new Set<string>([...MONTHS, ...QUARTERS, 'year']);

export interface BudgetRow extends GridRow {
  id: string;
  parent: string | null;
  label: string;
  itemId: number | null;
  depth: number;
  code: string;
  promo: number;
  [field: string]: unknown;
}

function fill(row: BudgetRow, months: readonly number[]): BudgetRow {
  MONTHS.forEach((f, i) => (row[f] = months[i]));
  quarters(months).forEach((v, q) => (row[QUARTERS[q]] = v));
  row.year = sum(months);
  return row;
}

export function buildRows(b: ExpenseBudgetResult, totalLabel: string, itemName: ItemNamer): BudgetRow[] {
  const rows: BudgetRow[] = [fill({ id: TOTAL_ROW, parent: null, label: totalLabel, itemId: null, depth: -1, code: '', promo: sum(b.total.promo) }, b.total.budget)];
  for (const r of b.rows) {
    rows.push(
      fill(
        { id: `i${r.itemId}`, parent: r.parentId === null ? TOTAL_ROW : `i${r.parentId}`, label: itemName(r), itemId: r.itemId, depth: r.depth, code: r.code, promo: sum(r.promo) },
        r.budget,
      ),
    );
  }
  return rows;
}

export interface ColumnEnv {
  t: TFunction;
  unit: DisplayUnit;
  language: Language;
}

export function buildColumns({ t, unit, language }: ColumnEnv): GridColumn<BudgetRow>[] {
  const env: FigureEnv = { measure: 'amount', unit, language };
  const reasons = {
    notNumber: t('expenses.invalid.notNumber'),
    negative: t('expenses.invalid.negative'),
    tooBig: t('expenses.invalid.tooBig'),
    wholeUnits: t('expenses.invalid.wholeUnits'),
  };
  const parse = (text: string): ParseResult => {
    const r = parseFigure(text, env);
    return r.ok ? { ok: true, value: r.value } : { ok: false, reason: reasons[r.reason] };
  };
  const format = (v: unknown) => formatFigure(typeof v === 'number' ? v : 0, env);
  const text = (v: unknown) => editText(typeof v === 'number' ? v : 0, env);
  const width = unit === 'yuan' ? 108 : 84;
  const figure = (field: ExpensePeriod, header: string, extra: Partial<GridColumn<BudgetRow>> = {}): GridColumn<BudgetRow> => ({
    field,
    header,
    kind: 'money',
    width,
    editable: (row) => row.itemId !== null,
    format,
    text,
    parse,
    cellClass: (_v, row) => [row.itemId === null ? 'eb-total' : '', field === 'm1' || field === 'q1' ? 'eb-sep' : ''].filter(Boolean).join(' ') || undefined,
    ...extra,
  });
  return [
    {
      field: 'label',
      header: t('expenses.budget.item', { unit: unitLabel(unit, language) }),
      kind: 'text',
      width: 200,
      pinned: true,
      cellClass: (_v, row) => (row.itemId === null ? 'eb-label eb-total' : row.depth === 0 ? 'eb-label eb-label--top' : 'eb-label'),
    },
    figure('year', t('expenses.budget.year'), { width: width + 20, cellClass: (_v, row) => (row.itemId === null ? 'eb-year eb-total' : 'eb-year') }),
    {
      field: 'promo',
      header: t('expenses.budget.promoPart'),
      kind: 'money',
      width: width + 36,
      format: (v) => (typeof v === 'number' && v !== 0 ? format(v) : ''),
      text,
      cellClass: (_v, row) => (row.itemId === null ? 'eb-promo eb-total' : 'eb-promo'),
    },
    ...QUARTERS.map((f, q) => figure(f, t('expenses.budget.quarter', { q: q + 1 }))),
    ...MONTHS.map((f) => figure(f, t(`expenses.budget.month.${f}`))),
  ];
}
