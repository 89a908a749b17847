import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { TitleComponent } from 'echarts/components';
import { use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import {
  EXPENSE_VIEW_BY, type ExpenseActualDetail, type ExpenseAnalysis, type ExpenseAnalysisRow, type ExpenseViewBy, type KeyExpense,
} from '../../../../../shared/endpoints/analysisExpenses';
import { formatAmount, formatInteger, formatPercent, formatPeriod, type DisplayUnit, type Language } from '../../../../../shared/units';
import { useQuery } from '../../../api/queries';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import type { GridColumn, GridRow } from '../../../grid';
import { errorText } from '../../../i18n';
import { DrillPanel, EmptyView, FilterSelect, exactAmount, memberOptions, ratioText, tooltipLine, useT, useUnit, yearOptions, type T } from '../kit';
import './expenses.css';
import { useItemName, type ItemNamer } from '../../expenses/itemName';

// 費用分析: a year's actual expenses by item (the tree rolled up), by product, channel
// or phase, as bars with the expense ratio as a line (and, for the plan year, the
// working plan's budget and its ratio beside them); the same figures in a table; a
// click on a bar or a row drills into the expense_actual rows behind it.

// The PNG carries its own title (the chart is saved on its own).
registerModules([TitleComponent]);

const BUDGET_COLOR = OTHER_COLORS[1];
const RATIO_COLOR = OTHER_COLORS[0];
const BUDGET_RATIO_COLOR = OTHER_COLORS[3];
const UNALLOCATED_COLOR = '#b8c4d2';

type DetailRow = GridRow & ExpenseActualDetail['rows'][number];

function rowName(r: ExpenseAnalysisRow, by: ExpenseViewBy, t: T, itemName: ItemNamer): string {
  if (by === 'month') return t('analysisExpenses.month', { m: r.key });
  if (by === 'quarter') return t('analysisExpenses.quarter', { q: r.key });
  if (r.key === null) return t('analysisExpenses.unallocated');
  return by === 'item' ? itemName({ code: r.code, name: r.label }) : r.label;
}

/** Percent with two decimals for the chart's line (null stays a gap). */
const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e6) / 1e4);

export function ExpensesView() {
  const t = useT();
  const namer = useItemName();
  const { unit, language, unitText } = useUnit();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [by, setBy] = useState<ExpenseViewBy>('item');
  const [itemId, setItemId] = useState<number | undefined>(undefined);
  /** The group drilled into; `scope` for a key expense's month (by month within that item). */
  const [drill, setDrill] = useState<{ key: number | null; name: string; scope?: { by: ExpenseViewBy; itemId: number } } | null>(null);
  const chartRef = useRef<EChartsType | null>(null);

  const input = useMemo(() => ({ ...(year !== undefined ? { year } : {}), by, ...(itemId !== undefined ? { itemId } : {}) }), [year, by, itemId]);
  const { data, error } = useQuery('analysis.expenses', input);
  // An answer for another input (in flight) is not shown as this one's.
  const current = data && data.by === by && (itemId === undefined ? data.itemId === null : data.itemId === itemId) && (year === undefined || data.year === year) ? data : null;

  const money = useCallback((cents: number) => formatAmount(cents, unit, language), [unit, language]);
  const chartRows = useMemo(() => (current ? current.rows.filter((r) => r.depth === 0) : []), [current]);
  const scopeItem = current && current.itemId !== null ? current.items.find((i) => i.id === current.itemId) : undefined;
  const itemName = scopeItem ? namer(scopeItem) : '';
  const title = current
    ? t('analysisExpenses.chart.title', { year: current.year, by: t(`analysisExpenses.byOption.${current.by}`) }) + (itemName ? t('analysisExpenses.chart.scope', { item: itemName }) : '')
    : '';
  const option = useMemo(() => buildOption(chartRows, current, title, { t, unit, language, unitText, itemName: namer }), [chartRows, current, title, t, unit, language, unitText, namer]);

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { key?: number | null; name?: string } }).data;
      if (d && d.key !== undefined) setDrill({ key: d.key, name: d.name ?? '' });
    });
  }, []);

  const savePng = () => {
    const instance = chartRef.current;
    if (!instance || !current) return;
    void saveChartPng(instance, `${t('analysisExpenses.tab')}-${current.year}-${t(`analysisExpenses.byOption.${current.by}`)}${itemName ? `-${itemName}` : ''}.png`);
  };

  const empty = current !== null && current.actualRows === 0 && !current.hasBudget;
  const shownYear = current?.year ?? data?.year;
  const hasBudget = current?.hasBudget ?? false;
  const byItem = current?.by === 'item';
  const dimNoun = by === 'brand' || by === 'category' || by === 'channel' ? t(`analysisExpenses.noun.${by}`) : '';

  return (
    <div className="an-exp" data-testid="analysis-expenses" data-year={shownYear ?? ''} data-by={by} data-loaded={current ? 'true' : 'false'}>
      <div className="an-filters">
        <FilterSelect
          label={t('analysisExpenses.year')}
          value={shownYear ?? ''}
          options={yearOptions(data?.years ?? [])}
          onChange={(v) => {
            setYear(Number(v));
            setDrill(null);
          }}
          testId="expenses-year"
        />
        <FilterSelect
          label={t('analysisExpenses.by')}
          value={by}
          options={EXPENSE_VIEW_BY.map((b) => ({ value: b, label: t(`analysisExpenses.byOption.${b}`) }))}
          onChange={(v) => {
            setBy(v as ExpenseViewBy);
            setDrill(null);
          }}
          testId="expenses-by"
        />
        <FilterSelect
          label={t('analysisExpenses.item')}
          value={itemId ?? ''}
          options={memberOptions(data?.items.map((i) => ({ ...i, name: namer(i) })))}
          all={t('analysisExpenses.allItems')}
          onChange={(v) => {
            setItemId(v === '' ? undefined : Number(v));
            setDrill(null);
          }}
          testId="expenses-item"
        />
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={savePng} disabled={!current || empty} data-testid="expenses-save-png">
          {t('analysisExpenses.savePng')}
        </button>
      </div>

      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {!current && !error && <p className="an-note">{t('analysisExpenses.loading')}</p>}
      {empty && (
        <EmptyView title={t(current.year === current.planYear ? 'analysisExpenses.emptyPlanTitle' : 'analysisExpenses.emptyTitle', { year: current.year })} testId="expenses-empty">
          {current.year === current.planYear ? `${t('analysisExpenses.emptyPlan')} ` : ''}
          {t('analysisExpenses.empty')}
        </EmptyView>
      )}
      {current && !empty && (
        <>
          <EChart option={option} label={t('analysisExpenses.chart.label', { year: current.year })} testId="expenses-chart" className="an-chart an-exp__chart" onReady={onReady} />
          <p className="an-note">
            {t('analysisExpenses.chart.hint')} {t('analysisExpenses.note.rows', { n: formatInteger(current.actualRows, language) })}
          </p>
          <p className="an-note" data-testid="expenses-note">
            {by === 'item'
              ? t('analysisExpenses.note.item', { sales: money(current.total.sales), grossProfit: money(current.total.grossProfit), unit: unitText })
              : dimNoun ? t('analysisExpenses.note.product', { dim: dimNoun }) : t('analysisExpenses.note.phase')}{' '}
            {hasBudget ? t('analysisExpenses.note.budget') : current.year !== current.planYear ? t('analysisExpenses.note.noBudget', { planYear: current.planYear }) : ''}{' '}
            {current.total.sales === 0 ? t('analysisExpenses.note.noSales') : ''}{' '}
            {current.salesNoGp > 0 ? t('analysisExpenses.note.noGp', { amount: money(current.salesNoGp), unit: unitText }) : ''}
          </p>
          <div className="an-exp__table-wrap">
            <table className="an-table" aria-label={t('analysisExpenses.table.label')} data-testid="expenses-table">
              <thead>
                <tr>
                  <th>{t('analysisExpenses.table.name')}</th>
                  <th>
                    {t('analysisExpenses.table.expense')} ({unitText})
                  </th>
                  {hasBudget && (
                    <>
                      <th>
                        {t('analysisExpenses.table.budget')} ({unitText})
                      </th>
                      <th>
                        {t('analysisExpenses.table.variance')} ({unitText})
                      </th>
                    </>
                  )}
                  {byItem ? (
                    <th>{t('analysisExpenses.table.share')}</th>
                  ) : (
                    <>
                      <th>
                        {t('analysisExpenses.table.sales')} ({unitText})
                      </th>
                      {hasBudget && (
                        <th>
                          {t('analysisExpenses.table.salesTarget')} ({unitText})
                        </th>
                      )}
                      <th>
                        {t('analysisExpenses.table.grossProfit')} ({unitText})
                      </th>
                    </>
                  )}
                  <th>{t('analysisExpenses.table.ratio')}</th>
                  {hasBudget && <th>{t('analysisExpenses.table.budgetRatio')}</th>}
                  <th>{t('analysisExpenses.table.return')}</th>
                </tr>
              </thead>
              <tbody>
                {current.rows.map((r) => {
                  const name = rowName(r, current.by, t, namer);
                  return (
                    <tr
                      key={r.key ?? 'none'}
                      className={drill && !drill.scope && drill.key === r.key ? 'is-selected' : undefined}
                      onClick={() => setDrill({ key: r.key, name })}
                      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setDrill({ key: r.key, name }))}
                      tabIndex={0}
                      data-testid="expenses-row"
                      data-key={r.key ?? 'none'}
                      data-label={name}
                      data-depth={r.depth}
                      data-expense={r.expense}
                      data-budget={r.budget ?? ''}
                      data-sales={r.sales}
                      data-gross-profit={r.grossProfit}
                      data-ratio={r.ratio ?? ''}
                      data-return={r.returnOnExpense ?? ''}
                    >
                      <td className={r.depth > 0 ? 'an-exp__child' : undefined} style={r.depth > 0 ? { paddingLeft: 10 + r.depth * 18 } : undefined}>
                        {name}
                      </td>
                      <td data-col="expense">{money(r.expense)}</td>
                      {hasBudget && (
                        <>
                          <td>{r.budget === null ? '—' : money(r.budget)}</td>
                          <td className={r.budget !== null && r.expense > r.budget ? 'an-neg' : undefined}>{r.budget === null ? '—' : money(r.expense - r.budget)}</td>
                        </>
                      )}
                      {byItem ? (
                        <td data-col="share">{formatPercent(current.total.expense !== 0 ? r.expense / current.total.expense : null, language, 1)}</td>
                      ) : (
                        <>
                          <td>{r.key === null ? '—' : money(r.sales)}</td>
                          {hasBudget && <td>{r.salesTarget === null || r.key === null ? '—' : money(r.salesTarget)}</td>}
                          <td>{r.key === null ? '—' : money(r.grossProfit)}</td>
                        </>
                      )}
                      <td data-col="ratio">{formatPercent(r.ratio, language, 2)}</td>
                      {hasBudget && <td>{formatPercent(r.budgetRatio, language, 2)}</td>}
                      <td data-col="return">{ratioText(r.returnOnExpense, language)}</td>
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr data-testid="expenses-total" data-expense={current.total.expense} data-ratio={current.total.ratio ?? ''} data-return={current.total.returnOnExpense ?? ''}>
                  <td>{itemName || t('analysisExpenses.table.total')}</td>
                  <td data-col="expense">{money(current.total.expense)}</td>
                  {hasBudget && (
                    <>
                      <td>{current.total.budget === null ? '—' : money(current.total.budget)}</td>
                      <td>{current.total.budget === null ? '—' : money(current.total.expense - current.total.budget)}</td>
                    </>
                  )}
                  {byItem ? (
                    <td>{formatPercent(current.total.expense !== 0 ? 1 : null, language, 1)}</td>
                  ) : (
                    <>
                      <td>{money(current.total.sales)}</td>
                      {hasBudget && <td>{current.total.salesTarget === null ? '—' : money(current.total.salesTarget)}</td>}
                      <td>{money(current.total.grossProfit)}</td>
                    </>
                  )}
                  <td data-col="ratio">{formatPercent(current.total.ratio, language, 2)}</td>
                  {hasBudget && <td>{formatPercent(current.total.budgetRatio, language, 2)}</td>}
                  <td data-col="return">{ratioText(current.total.returnOnExpense, language)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          {byItem && current.itemId === null && current.keyExpenses.some((k) => k.expense !== 0) && (
            <section className="an-exp__keys" data-testid="expenses-keys">
              <h2>{t('analysisExpenses.keys.title', { year: current.year })}</h2>
              <div className="an-exp__keys-row">
                {current.keyExpenses.map((k) => (
                  <KeyChart key={k.itemId} data={k} year={current.year} onPick={(month, name) => setDrill({ key: month, name, scope: { by: 'month', itemId: k.itemId } })} />
                ))}
              </div>
            </section>
          )}
          {drill && (
            <Drill
              key={`${current.year}-${drill.scope?.by ?? current.by}-${drill.scope?.itemId ?? current.itemId}-${drill.key}`}
              year={current.year}
              by={drill.scope?.by ?? current.by}
              itemId={drill.scope?.itemId ?? current.itemId}
              group={drill}
              unit={unit}
              language={language}
              onClose={() => setDrill(null)}
            />
          )}
        </>
      )}
    </div>
  );
}

/** One key expense (終端建設費, 廣告費, 人員費用) by month: bars and its expense ratio, its own PNG. */
function KeyChart({ data, year, onPick }: { data: KeyExpense; year: number; onPick: (month: number, name: string) => void }) {
  const t = useT();
  const { unit, language, unitText } = useUnit();
  const ref = useRef<EChartsType | null>(null);
  const pickRef = useRef(onPick);
  useLayoutEffect(() => {
    pickRef.current = onPick;
  }, [onPick]);
  const monthName = useCallback((m: number) => t('analysisExpenses.month', { m }), [t]);
  const name = useItemName()(data);
  const title = t('analysisExpenses.keys.chartTitle', { name, year });
  const option = useMemo<EChartsCoreOption>(() => {
    const sEx = t('analysisExpenses.chart.expense');
    const sRatio = t('analysisExpenses.chart.ratio');
    return {
      textStyle: { color: CHART_TEXT },
      title: {
        text: title,
        subtext: `${exactAmount(data.expense, unit, language)} · ${sRatio} ${formatPercent(data.ratio, language, 2)}`,
        left: 10, top: 6, textStyle: { fontSize: 14, fontWeight: 600, color: '#1f2933' }, subtextStyle: { color: CHART_TEXT, fontSize: 12 },
      },
      grid: { left: 64, right: 52, top: 86, bottom: 28 },
      tooltip: {
        ...TOOLTIP_STYLE,
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (params: unknown) => {
          const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          return [
            `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(`${name} · ${monthName(i + 1)}`)}</div>`,
            tooltipLine(sEx, exactAmount(data.months[i], unit, language)),
            tooltipLine(sRatio, formatPercent(data.ratios[i], language, 2)),
          ].join('');
        },
      },
      // Short month numbers: twelve fit side by side in a third of the width.
      xAxis: { type: 'category', name: t('analysisExpenses.keys.monthAxis'), nameGap: 6, data: data.months.map((_, i) => String(i + 1)), axisLabel: { interval: 0, fontSize: 11, color: CHART_TEXT } },
      yAxis: [
        { type: 'value', name: unitText, nameTextStyle: { align: 'right' }, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { fontSize: 11, formatter: (v: number) => formatAmount(v * 100, unit, language) } },
        { type: 'value', min: 0, splitLine: { show: false }, axisLabel: { fontSize: 11, formatter: (v: number) => `${v}%` } },
      ],
      series: [
        { name: sEx, type: 'bar', barMaxWidth: 18, itemStyle: { color: OURS_COLOR }, data: data.months.map((v, i) => ({ value: v / 100, month: i + 1 })) },
        { name: sRatio, type: 'line', yAxisIndex: 1, symbolSize: 5, itemStyle: { color: RATIO_COLOR }, data: data.ratios.map((r, i) => ({ value: pct(r), month: i + 1 })) },
      ],
    };
  }, [data, name, title, t, unit, language, unitText, monthName]);
  const onReady = useCallback(
    (instance: EChartsType) => {
      ref.current = instance;
      instance.on('click', (p) => {
        const m = (p as { data?: { month?: number } }).data?.month;
        if (typeof m === 'number') pickRef.current(m, `${name} · ${monthName(m)}`);
      });
    },
    [name, monthName],
  );
  return (
    <div className="an-exp__key" data-testid="expenses-key" data-item={data.itemId} data-kind={data.kind} data-expense={data.expense}>
      <EChart option={option} label={title} testId={`expenses-key-chart-${data.kind}`} className="an-exp__key-chart" onReady={onReady} />
      <button
        type="button"
        className="btn btn--small an-exp__key-png"
        onClick={() => ref.current && void saveChartPng(ref.current, `${t('analysisExpenses.tab')}-${year}-${name}.png`)}
        data-testid={`expenses-key-png-${data.kind}`}
      >
        {t('analysisExpenses.savePng')}
      </button>
    </div>
  );
}

interface ChartEnv {
  t: T;
  itemName: ItemNamer;
  unit: DisplayUnit;
  language: Language;
  unitText: string;
}

function buildOption(rows: ExpenseAnalysisRow[], data: ExpenseAnalysis | null, title: string, env: ChartEnv): EChartsCoreOption {
  if (!data) return {};
  const { t, unit, language, unitText } = env;
  const names = rows.map((r) => rowName(r, data.by, t, env.itemName));
  const budget = data.hasBudget;
  const sEx = t('analysisExpenses.chart.expense');
  const sBudget = t('analysisExpenses.chart.budget');
  const sRatio = t('analysisExpenses.chart.ratio');
  const sBudgetRatio = t('analysisExpenses.chart.budgetRatio');
  const tooltip = (params: unknown) => {
    const list = params as { dataIndex: number }[];
    const i = list[0]?.dataIndex ?? 0;
    const r = rows[i];
    if (!r) return '';
    const lines = [`<div style="font-weight:600;margin-bottom:4px">${escapeHtml(names[i])}</div>`, tooltipLine(sEx, exactAmount(r.expense, unit, language))];
    if (budget && r.budget !== null) lines.push(tooltipLine(sBudget, exactAmount(r.budget, unit, language)));
    if (r.key !== null) {
      lines.push(tooltipLine(t('analysisExpenses.chart.sales'), exactAmount(r.sales, unit, language)));
      lines.push(tooltipLine(t('analysisExpenses.chart.grossProfit'), exactAmount(r.grossProfit, unit, language)));
    }
    lines.push(tooltipLine(sRatio, formatPercent(r.ratio, language, 2)));
    if (budget) lines.push(tooltipLine(sBudgetRatio, formatPercent(r.budgetRatio, language, 2)));
    lines.push(tooltipLine(t('analysisExpenses.chart.return'), ratioText(r.returnOnExpense, language)));
    return lines.join('');
  };
  const long = names.some((n) => n.length > 5) && names.length > 6;
  const point = (r: ExpenseAnalysisRow, i: number, value: number | null) => ({ value, key: r.key, name: names[i] });
  const series: Record<string, unknown>[] = [
    {
      name: sEx,
      type: 'bar',
      barMaxWidth: 34,
      itemStyle: { color: OURS_COLOR },
      // 未分攤 in grey: not a product of ours, the part no product carries.
      data: rows.map((r, i) => (r.key === null && data.by !== 'month' && data.by !== 'quarter' ? { ...point(r, i, r.expense / 100), itemStyle: { color: UNALLOCATED_COLOR } } : point(r, i, r.expense / 100))),
    },
  ];
  if (budget) {
    series.push({ name: sBudget, type: 'bar', barMaxWidth: 34, itemStyle: { color: BUDGET_COLOR }, data: rows.map((r, i) => point(r, i, r.budget === null ? null : r.budget / 100)) });
  }
  series.push({
    name: sRatio,
    type: 'line',
    yAxisIndex: 1,
    symbolSize: 7,
    itemStyle: { color: RATIO_COLOR },
    lineStyle: { width: 2 },
    label: { show: rows.length <= 14, position: 'top', color: RATIO_COLOR, fontSize: 11, backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 3], borderRadius: 3, formatter: (p: { value: number | null }) => (p.value === null ? '' : `${p.value.toFixed(1)}%`) },
    data: rows.map((r, i) => point(r, i, pct(r.ratio))),
  });
  if (budget) {
    series.push({
      name: sBudgetRatio, type: 'line', yAxisIndex: 1, symbolSize: 6, itemStyle: { color: BUDGET_RATIO_COLOR }, lineStyle: { type: 'dashed', width: 2 },
      data: rows.map((r, i) => point(r, i, pct(r.budgetRatio))),
    });
  }
  return {
    textStyle: { color: CHART_TEXT },
    title: { text: title, left: 12, top: 8, textStyle: { fontSize: 15, fontWeight: 600, color: '#1f2933' } },
    legend: { top: 10, right: 16, data: series.map((s) => s.name as string) },
    grid: { left: 78, right: 64, top: 70, bottom: long ? 78 : 40 },
    tooltip: { ...TOOLTIP_STYLE, trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltip },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: long ? 30 : 0, width: 96, overflow: 'truncate', color: CHART_TEXT } },
    yAxis: [
      {
        type: 'value',
        name: unitText,
        nameTextStyle: { align: 'right' },
        splitLine: { lineStyle: { color: CHART_GRID_LINE } },
        axisLabel: { formatter: (v: number) => formatAmount(v * 100, unit, language) },
      },
      { type: 'value', name: sRatio, nameTextStyle: { align: 'left' }, min: 0, splitLine: { show: false }, axisLabel: { formatter: (v: number) => `${v}%` } },
    ],
    series,
  };
}

function Drill(props: {
  year: number;
  by: ExpenseViewBy;
  itemId: number | null;
  group: { key: number | null; name: string };
  unit: DisplayUnit;
  language: Language;
  onClose: () => void;
}) {
  const t = useT();
  const namer = useItemName();
  const { year, by, itemId, group, unit, language } = props;
  const input = useMemo(() => ({ year, by, key: group.key, ...(itemId !== null ? { itemId } : {}), limit: 2000 }), [year, by, group.key, itemId]);
  const { data: detail, error } = useQuery('analysis.expenseRows', input);
  const unitLabelText = useUnit().unitText;
  const columns = useMemo<GridColumn<DetailRow>[]>(() => {
    const money = (v: unknown) => (typeof v === 'number' ? formatAmount(v, unit, language) : '');
    const exact = (v: unknown) => (typeof v === 'number' ? (v / 100).toFixed(2) : '');
    const text = (field: string, header: string, width: number): GridColumn<DetailRow> => ({ field, header, kind: 'text', width, editable: false });
    return [
      { field: 'period', header: t('analysisExpenses.drill.period'), kind: 'text', width: 90, editable: false, pinned: true, format: (v) => (typeof v === 'number' ? formatPeriod(v) : '') },
      { ...text('itemName', t('analysisExpenses.drill.item'), 120), format: (v, row) => namer({ code: row.itemCode, name: String(v ?? '') }) },
      { ...text('itemCode', t('analysisExpenses.drill.itemCode'), 110), hiddenByDefault: true },
      text('brandName', t('analysisExpenses.drill.brand'), 100),
      text('categoryName', t('analysisExpenses.drill.category'), 90),
      text('channelName', t('analysisExpenses.drill.channel'), 100),
      text('cityName', t('analysisExpenses.drill.city'), 90),
      { field: 'amountCents', header: t('analysisExpenses.drill.amount', { unit: unitLabelText }), kind: 'money', width: 130, editable: false, format: money, text: exact },
      text('note', t('analysisExpenses.drill.note'), 160),
      { ...text('batchName', t('analysisExpenses.drill.batch'), 180), format: (v) => (v ? String(v) : t('analysisExpenses.drill.typed')) },
    ];
  }, [t, unit, language, unitLabelText, namer]);
  const rows = useMemo<DetailRow[] | null>(() => (detail ? detail.rows.map((r) => ({ ...r })) : null), [detail]);
  return (
    <DrillPanel<DetailRow>
      title={t('analysisExpenses.drill.title', { name: group.name, year })}
      summary={
        detail
          ? t('analysisExpenses.drill.count', {
              total: formatInteger(detail.total, language),
              shown: formatInteger(detail.rows.length, language),
              amount: exactAmount(detail.totalCents, unit, language),
            })
          : undefined
      }
      columns={columns}
      rows={rows}
      error={error}
      gridId="analysis-expenses-drill"
      testId="expenses-drill"
      onClose={props.onClose}
      data={{ key: group.key ?? 'none', total: detail?.total ?? '', cents: detail?.totalCents ?? '' }}
    />
  );
}
