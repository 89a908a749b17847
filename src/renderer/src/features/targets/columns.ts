import type { TFunction } from 'i18next';
import type { TargetDim, TargetNode, TargetPeriod } from '../../../../shared/endpoints/targets';
import { geoDisplayName } from '../../../../shared/geoNames';
import { formatPercent, unitLabel, type Language } from '../../../../shared/units';
import type { GridColumn, GridRow, ParseResult } from '../../grid';
import { editText, formatFigure, parseFigure, type FigureEnv } from './format';
import { pathKey } from './useTargetTree';

// The target grid's rows (the region on top, then the loaded nodes) and columns
// (label, 12 months, quarters, year, last year, growth, share). Plain functions: they
// run on every paint.

export const MONTH_FIELDS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;
export const QUARTER_FIELDS = ['q1', 'q2', 'q3', 'q4'] as const;
export const REGION_ID = 'region';

export interface TargetRow extends GridRow {
  id: string;
  parent: string | null;
  label: string;
  path: number[];
  depth: number;
  /** Null for the region row. */
  node: TargetNode | null;
  unloaded: boolean;
  lock: TargetNode['lock'];
  lockedMonths: number[];
  months: number[];
  year: number;
  lastYear: number;
  growth: number | null;
  share: number | null;
  [field: string]: unknown;
}

export function rowId(path: readonly number[]): string {
  return path.length === 0 ? REGION_ID : `n:${pathKey(path)}`;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function makeRow(
  id: string,
  parent: string | null,
  label: string,
  path: number[],
  depth: number,
  node: TargetNode | null,
  months: number[],
  lastYear: number[],
  parentYear: number | null,
  unloaded: boolean,
): TargetRow {
  const year = sum(months);
  const ly = sum(lastYear);
  const row: TargetRow = {
    id,
    parent,
    label,
    path,
    depth,
    node,
    unloaded,
    lock: node?.lock ?? 'none',
    lockedMonths: node?.lockedMonths ?? [],
    months,
    year,
    lastYear: ly,
    growth: ly > 0 ? (year - ly) / ly : null,
    share: parentYear === null ? 1 : parentYear > 0 ? year / parentYear : null,
  };
  MONTH_FIELDS.forEach((f, i) => (row[f] = months[i] ?? 0));
  QUARTER_FIELDS.forEach((f, q) => (row[f] = (months[q * 3] ?? 0) + (months[q * 3 + 1] ?? 0) + (months[q * 3 + 2] ?? 0)));
  return row;
}

export function buildRows(
  nodes: readonly TargetNode[],
  total: { months: number[]; lastYear: number[] },
  regionLabel: string,
  noneLabel: string,
  isUnloaded: (n: TargetNode) => boolean,
  language: Language,
): TargetRow[] {
  const region = makeRow(REGION_ID, null, regionLabel, [], -1, null, total.months, total.lastYear, null, false);
  const rows: TargetRow[] = [region];
  const yearOf = new Map<string, number>([[REGION_ID, region.year]]);
  for (const n of nodes) {
    const id = rowId(n.path);
    const parent = rowId(n.path.slice(0, -1));
    // Provinces and cities of the national list in the UI language.
    const label = !n.label ? noneLabel : n.dim === 'province' || n.dim === 'city' ? geoDisplayName(n.label, n.dim, language) : n.label;
    const row = makeRow(id, parent, label, n.path, n.depth, n, n.months, n.lastYear, yearOf.get(parent) ?? null, isUnloaded(n));
    yearOf.set(id, row.year);
    rows.push(row);
  }
  return rows;
}

/** Whether a period's cell of the row is locked (whole row, or every month it covers). */
export function isLocked(row: TargetRow, period: TargetPeriod): boolean {
  if (row.lock === 'all') return true;
  if (period === 'year') return row.lockedMonths.length >= 12;
  if (period.startsWith('q')) {
    const q = Number(period.slice(1));
    return [1, 2, 3].every((k) => row.lockedMonths.includes((q - 1) * 3 + k));
  }
  return row.lockedMonths.includes(Number(period.slice(1)));
}

export interface ColumnEnv extends FigureEnv {
  t: TFunction;
  levels: readonly TargetDim[];
  readOnly: boolean;
  lastYearOf: number;
  /** The variance notes on a cell, as lines of text (empty: no marker). */
  notesAt?: (row: TargetRow, field: TargetPeriod) => string[];
}

export function buildColumns(env: ColumnEnv): GridColumn<TargetRow>[] {
  const { t, language, measure, unit, readOnly } = env;
  const unitText = measure === 'amount' ? unitLabel(unit, language) : t('targets.measure.volumeUnit');
  const levelsText = env.levels.map((d) => t(`targets.dim.${d}`)).join(' / ');
  const reasons = {
    notNumber: t('targets.invalid.notNumber'),
    negative: t('targets.invalid.negative'),
    tooBig: t('targets.invalid.tooBig'),
    wholeUnits: t('targets.invalid.wholeUnits'),
  };
  const parse = (text: string): ParseResult => {
    const r = parseFigure(text, env);
    return r.ok ? { ok: true, value: r.value } : { ok: false, reason: reasons[r.reason] };
  };
  const format = (v: unknown) => formatFigure(typeof v === 'number' ? v : 0, env);
  const text = (v: unknown) => editText(typeof v === 'number' ? v : 0, env);
  const kind = measure === 'amount' ? 'money' : 'number';

  const figure = (field: TargetPeriod, header: string, width: number, extra: Partial<GridColumn<TargetRow>> = {}): GridColumn<TargetRow> => ({
    field,
    header,
    kind,
    width,
    editable: (row) => !readOnly && !isLocked(row, field),
    format,
    text,
    parse,
    cellClass: (_v, row) => {
      const cls: string[] = [];
      // A locked row says so on its label; a single locked month shows the lock itself.
      if (isLocked(row, field)) cls.push(row.lock === 'all' ? 'tg-locked' : 'tg-locked tg-locked--cell');
      if (readOnly) cls.push('tg-readonly');
      if (field === 'm1' || field === 'q1') cls.push('tg-sep');
      // A cell with variance notes has a small corner marker; its tooltip gives them.
      if (env.notesAt && env.notesAt(row, field).length > 0) cls.push('vn-marked');
      return cls.join(' ') || undefined;
    },
    tooltip: env.notesAt ? (_v, row) => env.notesAt?.(row, field).join('\n') || undefined : undefined,
    ...extra,
  });

  const monthWidth = measure === 'amount' && unit === 'yuan' ? 104 : 84;
  const cols: GridColumn<TargetRow>[] = [
    {
      field: 'label',
      header: t('targets.col.unitHeader', { levels: levelsText, unit: unitText }),
      kind: 'text',
      width: 240,
      pinned: true,
      cellClass: (_v, row) => (row.lock === 'all' ? 'tg-label tg-label--locked' : row.lock === 'some' ? 'tg-label tg-label--some' : 'tg-label'),
    },
    figure('year', t('targets.col.year'), monthWidth + 22, {
      cellClass: (_v, row) => ['tg-year', isLocked(row, 'year') ? 'tg-locked' : '', readOnly ? 'tg-readonly' : ''].filter(Boolean).join(' '),
    }),
    {
      field: 'lastYear',
      header: t('targets.col.lastYear', { year: env.lastYearOf }),
      kind,
      width: monthWidth + 22,
      format,
      text,
      cellClass: () => 'tg-ly',
    },
    {
      field: 'growth',
      header: t('targets.col.growth'),
      kind: 'percent',
      width: 86,
      format: (v) => formatPercent(typeof v === 'number' ? v : null, language),
      text: (v) => (typeof v === 'number' ? String(Math.round(v * 10000) / 100) : ''),
      cellClass: (v) => (typeof v === 'number' ? (v < 0 ? 'tg-neg' : v > 0 ? 'tg-pos' : undefined) : 'tg-muted'),
    },
    {
      field: 'share',
      header: t('targets.col.share'),
      kind: 'percent',
      width: 80,
      hiddenByDefault: true,
      format: (v) => formatPercent(typeof v === 'number' ? v : null, language),
      text: (v) => (typeof v === 'number' ? String(Math.round(v * 10000) / 100) : ''),
    },
    ...MONTH_FIELDS.map((f) => figure(f, t(`targets.col.month.${f}`), monthWidth)),
    ...QUARTER_FIELDS.map((f, q) => figure(f, t('targets.col.quarter', { q: q + 1 }), monthWidth + 8, { hiddenByDefault: true })),
  ];
  return cols;
}
