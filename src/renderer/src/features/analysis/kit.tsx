import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';
import { geoDisplayName, type GeoLevel } from '../../../../shared/geoNames';
import { formatAmount, intlLocale, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { DataGrid, type GridColumn, type GridRow } from '../../grid';
import { errorText } from '../../i18n';

// What every analysis view shares: exact figures in the chosen unit, the drill panel
// (a read-only grid of the rows behind a chart element) and the empty state. The
// views read with useQuery (api/queries.ts): an answer reloads when a command
// changed an area its endpoint reads, and stays on screen while a new filter loads.

export type T = (k: string, o?: Record<string, unknown>) => string;

/** The translate function, loosely typed (the views build keys from their state). */
export function useT(): T {
  const { t } = useTranslation();
  return t as unknown as T;
}

/** Decimals that show a cent exactly in each unit. */
const EXACT_DECIMALS: Record<DisplayUnit, number> = { yuan: 2, wan: 6, yi: 10 };

/** Cents in the unit, exact (trailing zeros beyond the unit's usual decimals dropped), with the unit. */
export function exactAmount(cents: number, unit: DisplayUnit, language: Language): string {
  const text = formatAmount(cents, unit, language, { decimals: EXACT_DECIMALS[unit] });
  const usual = unit === 'yuan' ? 0 : 2;
  const trimmed = text.includes('.') ? text.replace(new RegExp(`(\\.\\d{${usual}}\\d*?)0+$`), '$1').replace(/\.$/, '') : text;
  return `${trimmed} ${unitLabel(unit, language)}`;
}

/** A plain ratio (庫銷比, 投入產出比, …), two decimals. */
export function ratioText(v: number | null, language: Language): string {
  if (v === null) return '—';
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
}


/** A tooltip line: name left, value right (both escaped). */
export function tooltipLine(name: string, value: string): string {
  return `<div style="display:flex;justify-content:space-between;gap:16px"><span>${escapeText(name)}</span><b>${escapeText(value)}</b></div>`;
}

function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The display unit and language the user picked. */
export function useUnit(): { unit: DisplayUnit; language: Language; unitText: string } {
  const app = useApp();
  const unit: DisplayUnit = app.summary?.displayUnit ?? 'wan';
  return { unit, language: app.language, unitText: unitLabel(unit, app.language) };
}

/** A view with no data: what is missing and which import brings it. */
export function EmptyView({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <div className="an-empty" data-testid={testId}>
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}

const noApply = async (): Promise<void> => undefined;

/** The rows behind a chart element: a title, a count line, a read-only grid, a close button. */
export function DrillPanel<R extends GridRow>(props: {
  title: string;
  /** "n of m rows …", shown once the rows are there. */
  summary?: string;
  columns: GridColumn<R>[];
  rows: R[] | null;
  error?: AppErrorData | null;
  gridId: string;
  testId: string;
  onClose: () => void;
  /** Extra data-* attributes on the panel (totals the tests read). */
  data?: Record<string, string | number>;
}) {
  const t = useT();
  const box = useRef<HTMLElement>(null);
  const loaded = props.rows !== null;
  useEffect(() => {
    if (loaded) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [loaded, props.title]);
  const dataAttrs = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <section ref={box} className="an-drill" data-testid={props.testId} {...dataAttrs}>
      <div className="an-drill__head">
        <h2>{props.title}</h2>
        {props.summary && <span className="an-note">{props.summary}</span>}
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={props.onClose} data-testid={`${props.testId}-close`}>
          {t('analysis.drillClose')}
        </button>
      </div>
      {props.error && <p className="an-note an-neg">{errorText(props.error)}</p>}
      <div className="an-drill__grid">
        {props.rows && (
          <DataGrid<R> gridId={props.gridId} columns={props.columns} rows={props.rows} onApply={noApply} appendRows={false} filterBox={false} testId={`${props.testId}-grid`} emptyText={t('grid.empty.drill')} />
        )}
      </div>
    </section>
  );
}

/** One of a view's filters: a labelled native select (keyboard-usable), with an optional "all" entry (value ''). */
export function FilterSelect<V extends string | number>(props: {
  label: string;
  value: V | '';
  options: readonly { value: V; label: string }[];
  /** The label of the empty choice ("全部"); without it every choice is a value. */
  all?: string;
  onChange: (value: string) => void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} disabled={props.disabled}>
        {props.all !== undefined && <option value="">{props.all}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Members as select options; provinces and cities of the national list named in the UI language. */
export const memberOptions = (
  list: readonly { id: number; name: string }[] | undefined,
  place?: { level: GeoLevel; language: Language },
): { value: number; label: string }[] =>
  (list ?? []).map((m) => ({ value: m.id, label: place ? geoDisplayName(m.name, place.level, place.language) : m.name }));

/** Years as select options. */
export const yearOptions = (years: readonly number[]): { value: number; label: string }[] => years.map((y) => ({ value: y, label: String(y) }));

/** A filter object with one id field set from a select's value ('' removes it). */
export function withId<F extends object>(filter: F, field: keyof F & string, value: string): F {
  const next = { ...filter } as Record<string, unknown>;
  if (value === '') delete next[field];
  else next[field] = Number(value);
  return next as F;
}
