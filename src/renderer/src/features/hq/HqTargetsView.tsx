import { useCallback, useMemo, useState } from 'react';
import type { TargetCellInput, TargetGridRow } from '../../../../shared/hqTargets';
import { formatPercent } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { SegmentedControl } from '../../components/SegmentedControl';
import { DataGrid, GridApplyError, type GridChanges, type GridColumn, type GridRow, type ParseResult } from '../../grid';
import { errorText } from '../../i18n';
import { useT } from '../analysis/kit';
import { editText, formatFigure, parseFigure, type FigureEnv } from '../targets/format';
import './hqTargets.css';

// 總部目標: head office types or pastes its national target, regions × months, in 萬元
// (as its other views) or in cases. The grid kit reads what is typed or pasted (TSV from
// Excel, thousands separators, 萬/億) and refuses a batch with any bad cell before
// anything is sent; the core writes a batch in one transaction. A year total typed is
// spread over the months by the core.

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const UNIT = 'wan';
type Measure = 'amount' | 'volume';

interface Row extends GridRow {
  id: number;
  regionName: string;
  year: number;
  plan: number;
  gap: number | null;
  [field: string]: unknown;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function rowsOf(grid: readonly TargetGridRow[], measure: Measure): Row[] {
  return grid.map((g) => {
    const months = measure === 'amount' ? g.amountCents : g.volume;
    const year = sum(months);
    const plan = sum(measure === 'amount' ? g.planCents : g.planVolume);
    const row: Row = { id: g.regionKey, regionName: g.regionName, year, plan, gap: year === 0 || plan === 0 ? null : (plan - year) / year };
    MONTHS.forEach((m) => (row[`m${m}`] = months[m - 1]));
    return row;
  });
}

export function HqTargetsView() {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const [measure, setMeasure] = useState<Measure>('amount');
  const grid = useQuery('hq.targetGrid', {});
  const rows = useMemo(() => rowsOf(grid.data ?? [], measure), [grid.data, measure]);

  const columns = useMemo((): GridColumn<Row>[] => {
    const env: FigureEnv = { measure, unit: UNIT, language };
    const reasons: Record<string, string> = {
      notNumber: t('targets.invalid.notNumber'),
      negative: t('targets.invalid.negative'),
      tooBig: t('targets.invalid.tooBig'),
      wholeUnits: t('targets.invalid.wholeUnits'),
    };
    // The reason names the region as well as the grid's row number and column.
    const parse = (text: string, row: Row | null): ParseResult => {
      const r = parseFigure(text, env);
      return r.ok ? { ok: true, value: r.value } : { ok: false, reason: t('hqTargets.grid.cell', { region: row?.regionName ?? '', reason: reasons[r.reason] }) };
    };
    const format = (v: unknown) => formatFigure(typeof v === 'number' ? v : 0, env);
    const text = (v: unknown) => editText(typeof v === 'number' ? v : 0, env);
    const kind = measure === 'amount' ? 'money' : 'number';
    // Room for tabular figures in bold (the totals row), which the grid's measure of the text underestimates.
    const width = measure === 'amount' ? 76 : 68;
    return [
      { field: 'regionName', header: t('hqTargets.grid.region'), kind: 'text', width: 100, pinned: true, cellClass: () => 'hqt-region' },
      ...MONTHS.map((m): GridColumn<Row> => ({
        field: `m${m}`, header: t('hqTargets.grid.month', { month: m }), kind, width, editable: true, total: true, format, text, parse,
      })),
      { field: 'year', header: t('hqTargets.grid.year'), kind, width: width + 12, editable: true, total: true, format, text, parse, cellClass: () => 'hqt-year' },
      { field: 'plan', header: t('hqTargets.grid.plan'), kind, width: width + 12, total: true, format, text, cellClass: () => 'hqt-derived' },
      {
        field: 'gap', header: t('hqTargets.grid.gap'), kind: 'percent', width: 80,
        format: (v) => (typeof v === 'number' ? `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatPercent(Math.abs(v), language)}` : '—'),
        text: (v) => (typeof v === 'number' ? String(Math.round(v * 10000) / 100) : ''),
        cellClass: (v) => (typeof v === 'number' && v < 0 ? 'hqt-derived hqt-short' : 'hqt-derived'),
      },
    ];
  }, [language, measure, t]);

  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const onApply = useCallback(
    async (changes: GridChanges) => {
      const cells: TargetCellInput[] = [];
      for (const u of changes.updates) {
        const row = byId.get(Number(u.id));
        if (!row) continue;
        for (const [field, value] of Object.entries(u.values)) {
          const month = field === 'year' ? 0 : /^m\d+$/.test(field) ? Number(field.slice(1)) : null;
          if (month === null) continue;
          cells.push({ region: row.regionName, month, measure, value: typeof value === 'number' ? value : 0 });
        }
      }
      if (cells.length === 0) return;
      const outcome = await runCommand('hq.setTargetCells', { cells });
      if (!outcome.ok) throw new GridApplyError([{ message: errorText(outcome.error) }]);
    },
    [byId, measure],
  );

  return (
    <section className="card hq-card hqt" data-testid="hq-targets" data-measure={measure}>
      <div className="hq-card__head">
        <h2 className="card__title">{t('hqTargets.grid.title')}</h2>
        <span className="card__subtitle">{measure === 'amount' ? t('hqTargets.grid.unitAmount') : t('hqTargets.grid.unitVolume')}</span>
      </div>
      <p className="hqt__intro">{t('hqTargets.grid.intro')}</p>
      {grid.data && rows.length === 0 ? (
        <p className="empty-note">{t('hqTargets.grid.empty')}</p>
      ) : (
        <div className="hqt__grid" style={{ height: Math.min(720, 200 + rows.length * 34) }}>
          <DataGrid<Row>
            key={measure}
            gridId={`hq.targets.${measure}`}
            columns={columns}
            rows={rows}
            onApply={onApply}
            totals
            appendRows={false}
            filterBox={false}
            testId="hq-targets-grid"
            toolbar={
              <SegmentedControl<Measure>
                label={t('hqTargets.grid.measure')}
                value={measure}
                size="small"
                testId="hq-targets-measure"
                options={[
                  { value: 'amount', label: t('hqTargets.grid.amount') },
                  { value: 'volume', label: t('hqTargets.grid.volume') },
                ]}
                onChange={setMeasure}
              />
            }
          />
        </div>
      )}
    </section>
  );
}
