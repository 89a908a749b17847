import type { TFunction } from 'i18next';
import { ACTUAL_COLUMNS, type ActualColumn, type ActualKind, type ActualRow } from '../../../../shared/actuals';
import { geoDisplayName } from '../../../../shared/geoNames';
import { seededItemKey } from '../../../../shared/expenseItems';
import { formatAmount, formatInteger, formatPeriod, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import type { ColumnKind, GridColumn, GridRow } from '../../grid';

// The actuals grids' columns: ACTUAL_COLUMNS of the kind, labelled in the user's
// language, money in the display unit (prices per case in 元, to the fen).

export type ActualGridRow = GridRow & ActualRow;

export interface ColumnEnv {
  t: TFunction;
  unit: DisplayUnit;
  language: Language;
}

/** Columns whose values are prices of one case: shown in 元 whatever the display unit, and not summed. */
const PRICE_KEYS = new Set(['shelfPriceCents']);

/** Columns of long text (a visit's notes and its summaries). */
const WIDE_TEXT: Record<string, number> = {
  stock: 300,
  prices: 360,
  promises: 260,
  salesGoal: 170,
  businessGoal: 170,
  outcome: 200,
  complaints: 200,
  customerName: 170,
  terminalName: 180,
  skuName: 180,
};


/** "2026-03" (a month input) → yyyymm, or undefined. */
export function periodOfMonth(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 100 + Number(m[2]) : undefined;
}

export function isPrice(key: string): boolean {
  return PRICE_KEYS.has(key);
}

function label(t: TFunction, key: string): string {
  return (t as unknown as (k: string) => string)(`actuals.column.${key}`);
}

/** A money or integer cell's text (also the totals line's). */
export function formatNumber(col: ActualColumn, value: number, env: ColumnEnv): string {
  if (col.type === 'money') {
    return isPrice(col.key) ? formatAmount(value, 'yuan', env.language, { decimals: 2 }) : formatAmount(value, env.unit, env.language);
  }
  return formatInteger(value, env.language);
}

/** A column's header: its label, with the unit for money in the display unit. */
export function headerOf(col: ActualColumn, env: ColumnEnv): string {
  const text = label(env.t, col.key);
  if (col.type !== 'money' || isPrice(col.key)) return text;
  const u = unitLabel(env.unit, env.language);
  return env.language === 'en' ? `${text} (${u})` : `${text}（${u}）`;
}

function gridKind(col: ActualColumn): ColumnKind {
  switch (col.type) {
    case 'money':
      return 'money';
    case 'integer':
      return 'number';
    case 'date':
    case 'period':
      return 'date';
    case 'text':
    case 'boolean':
    case 'batch':
      return 'text';
    default: {
      const unreachable: never = col.type;
      return unreachable;
    }
  }
}

/** English headers are longer ("Amount (10k CNY)"): the figure columns widen a little. */
function widthOf(kind: ActualKind, col: ActualColumn, language: Language): number {
  if (WIDE_TEXT[col.key]) return WIDE_TEXT[col.key];
  switch (col.type) {
    case 'period':
      return 96;
    case 'date':
      return 112;
    case 'boolean':
      return 108;
    case 'batch':
      // Sales has the most columns; the others leave room for a whole file name.
      return kind === 'sales' ? 140 : 200;
    case 'money':
      return language === 'en' ? 172 : 136;
    case 'integer':
      return language === 'en' ? 140 : 104;
    default:
      return col.key.endsWith('Code') ? 100 : 124;
  }
}

export function buildColumns(kind: ActualKind, env: ColumnEnv): GridColumn<ActualGridRow>[] {
  const { t } = env;
  return ACTUAL_COLUMNS[kind].map((col) => {
    const base: GridColumn<ActualGridRow> = {
      field: col.key,
      header: headerOf(col, env),
      kind: gridKind(col),
      width: widthOf(kind, col, env.language),
      editable: false,
      pinned: col.type === 'period' || col.type === 'date',
    };
    switch (col.type) {
      case 'money':
      case 'integer':
        base.format = (v) => (typeof v === 'number' ? formatNumber(col, v, env) : '');
        // A sales line whose gross profit is not known (the SKU's cost is missing) says so, not 0.
        if (col.key === 'grossProfitCents') {
          base.format = (v) => (typeof v === 'number' ? formatNumber(col, v, env) : t('actuals.costMissing'));
          base.cellClass = (v) => (typeof v === 'number' ? undefined : 'ac-cost-missing');
        }
        base.text = (v) => (typeof v === 'number' ? (col.type === 'money' ? (v / 100).toFixed(2) : String(v)) : '');
        break;
      case 'period':
        base.format = (v) => (typeof v === 'number' ? formatPeriod(v) : '');
        break;
      case 'boolean':
        base.format = (v) =>
          v === null || v === undefined ? '' : col.key === 'isOwn' ? t(v ? 'actuals.own.yes' : 'actuals.own.no') : t(v ? 'actuals.yesNo.yes' : 'actuals.yesNo.no');
        base.cellClass = (v) => (col.key === 'isOwn' && v === false ? 'ac-competitor' : undefined);
        break;
      case 'batch':
        base.cellClass = () => 'ac-batch';
        break;
      case 'text':
        // A city of the national list in the UI language.
        if (col.key === 'cityName') base.format = (v) => (typeof v === 'string' ? geoDisplayName(v, 'city', env.language) : '');
        // A default expense item in the UI's language (see shared/expenseItems.ts).
        if (col.key === 'itemName') {
          base.format = (v, row) => {
            const key = typeof v === 'string' && typeof row.itemCode === 'string' ? seededItemKey(row.itemCode, v) : null;
            return key === null ? String(v ?? '') : t(`expenses.seedItem.${key}`);
          };
        }
        break;
      case 'date':
        break;
      default: {
        const unreachable: never = col.type;
        void unreachable;
      }
    }
    return base;
  });
}
