import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpensePeriod } from '../../../../shared/endpoints/expenses';
import {
  budgetMeasures, capWarnings, itemMeasures, sum, variance, quarters, type ExpenseBudgetResult, type PhaseMeasures,
} from '../../../../shared/expenses';
import { formatAmount, formatPercent, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { runCommand, type Outcome } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorText } from '../../i18n';
import { DataGrid, GridApplyError, type ApplyLabel, type GridChanges } from '../../grid';
import { parseFigure } from '../targets/format';
import { buildColumns, buildRows, PERIOD_FIELDS, type BudgetRow } from './budgetGrid';
import { useItemName } from './itemName';
import { ActualExpensesDialog } from './ActualExpensesDialog';
import { ItemsDialog } from './ItemsDialog';
import { SliceView } from './SliceView';
import { SplitDialog } from './SplitDialog';
import './budget.css';

// The expense budget tab: the year's budget top-down (an amount or an expense
// ratio of the sales target, spread by item and phase), reallocation between items,
// head office's cap on the expense ratio, the items × months grid, the ratios and
// returns against the plan's targets, and the budget against actual expenses.

const fmtReturn = (v: number | null, language: Language) =>
  v === null ? '—' : new Intl.NumberFormat(language === 'en' ? 'en' : language, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);

/** `openSplit`: another area sent the user to an item's split (a finding of the pre-submission check). */
export function BudgetPanel({ openSplit = null }: { openSplit?: { itemId: number; seq: number } | null } = {}) {
  const { t } = useTranslation();
  const app = useApp();
  const { language } = app;
  const unit: DisplayUnit = app.summary?.displayUnit ?? 'wan';
  const budget = useQuery('expenses.budget', {});
  const data = budget.data;
  const loadError = budget.error ? errorText(budget.error) : null;
  // Counts the answers shown, so that a test can wait for the budget to change.
  const [shown, setShown] = useState<{ data: ExpenseBudgetResult | null; count: number }>({ data: null, count: 0 });
  if (data !== shown.data) setShown({ data, count: shown.count + 1 });
  const [view, setView] = useState<'budget' | 'actual' | 'slice'>('budget');
  /** The item of the grid's focused row (the split dialog starts from it). */
  const [focusItem, setFocusItem] = useState<number | null>(null);
  const [splitting, setSplitting] = useState(false);
  // Once per visit: the dialog opens on the item, and stays closed once the user closes it.
  const [splitVisit, setSplitVisit] = useState<number | null>(null);
  if (openSplit && openSplit.seq !== splitVisit) {
    setSplitVisit(openSplit.seq);
    setFocusItem(openSplit.itemId);
    setSplitting(true);
  }
  const [message, setMessage] = useState<string | null>(null);

  /** A toolbar action's command: its refusal shows beside the toolbar. */
  const act = useCallback(
    async (command: Promise<Outcome<unknown>>): Promise<boolean> => {
      const out = await command;
      setMessage(out.ok ? null : errorText(out.error));
      return out.ok;
    },
    [],
  );

  const money = useCallback((cents: number, withUnit = false) => formatAmount(cents, unit, language, { withUnit }), [unit, language]);

  const itemName = useItemName();
  const rows = useMemo(() => (data ? buildRows(data, t('expenses.budget.total'), itemName) : []), [data, t, itemName]);
  const columns = useMemo(() => buildColumns({ t, unit, language }), [t, unit, language]);
  const onApply = useCallback(
    async (changes: GridChanges, label: ApplyLabel) => {
      const edits: { itemId: number; period: ExpensePeriod; value: number }[] = [];
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const u of changes.updates) {
        const row = byId.get(String(u.id));
        if (!row || row.itemId === null) continue;
        for (const [field, value] of Object.entries(u.values)) {
          if (PERIOD_FIELDS.has(field)) edits.push({ itemId: row.itemId, period: field as ExpensePeriod, value: typeof value === 'number' ? value : 0 });
        }
      }
      if (edits.length === 0) return;
      const out = await runCommand('expenses.setCells', { edits, label: label === 'append' ? 'paste' : label });
      if (!out.ok) {
        const only = edits.length === 1 ? changes.updates[0] : null;
        throw new GridApplyError([{ rowId: only?.id, field: only ? edits[0].period : undefined, message: errorText(out.error) }]);
      }
    },
    [rows],
  );
  const onFocusChange = useCallback(
    (cell: { rowId: string | number } | null) => {
      const row = cell ? rows.find((r) => r.id === String(cell.rowId)) : undefined;
      if (row?.itemId != null) setFocusItem(row.itemId);
    },
    [rows],
  );
  const treeOptions = useMemo(() => ({ parentField: 'parent', labelField: 'label' }), []);
  const rowClass = useCallback((row: BudgetRow) => (row.itemId === null ? 'eb-row--total' : `eb-row--d${Math.min(row.depth, 2)}`), []);

  if (!data) {
    return (
      <div className="eb" data-testid="expenses-panel-budget" data-loaded="false">
        <p className="muted">{loadError ?? t('expenses.budget.loading')}</p>
      </div>
    );
  }

  return (
    <div className="eb" data-testid="expenses-panel-budget" data-loaded="true" data-revision={shown.count}>
      <TopDownBar data={data} unit={unit} language={language} act={act} money={money} />
      {message && (
        <p className="eb-message" role="alert" data-testid="eb-message">
          {message}
        </p>
      )}
      <SummaryStrip data={data} language={language} money={money} />
      <div className="eb__viewbar">
        <SegmentedControl
          label={t('expenses.view.label')}
          value={view}
          size="small"
          testId="eb-view"
          options={[
            { value: 'budget', label: t('expenses.view.budget') },
            { value: 'actual', label: t('expenses.view.actual') },
            { value: 'slice', label: t('expenses.view.slice') },
          ]}
          onChange={setView}
        />
        <button type="button" className="btn btn--small" onClick={() => setSplitting(true)} data-testid="eb-split">
          {t('expenses.split.open')}
        </button>
        <span className="muted eb__note">{t('expenses.topDown.hint')}</span>
      </div>
      {view === 'budget' ? (
        <div className="eb__main">
          <div className="eb__grid">
            <DataGrid<BudgetRow>
              gridId="expenses.budget"
              columns={columns}
              rows={rows}
              onApply={onApply}
              tree={treeOptions}
              appendRows={false}
              filterBox={false}
              rowClass={rowClass}
              testId="eb-grid"
              onFocusChange={onFocusChange}
            />
          </div>
          <MeasuresPanel data={data} language={language} money={money} />
        </div>
      ) : view === 'actual' ? (
        <ActualView data={data} unit={unit} language={language} money={money} />
      ) : (
        <SliceView unit={unit} language={language} money={money} />
      )}
      {splitting && (
        <SplitDialog data={data} initialItemId={focusItem} unit={unit} language={language} onClose={() => setSplitting(false)} />
      )}
    </div>
  );
}

// ---- the top-down toolbar, the reallocation dialog and the cap ---------------------------

interface BarProps {
  data: ExpenseBudgetResult;
  unit: DisplayUnit;
  language: Language;
  act: (command: Promise<Outcome<unknown>>) => Promise<boolean>;
  money: (cents: number, withUnit?: boolean) => string;
}

type PhaseChoice = 'sales' | 'equal' | 'quarters' | 'current';

function parsePercent(text: string): number | null {
  const s = text.replace(/[%％\s]/g, '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
  if (s === '' || !/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function TopDownBar({ data, unit, language, act, money }: BarProps) {
  const { t } = useTranslation();
  const ids = { amount: useId(), ratio: useId(), phase: useId(), cap: useId() };
  const [mode, setMode] = useState<'amount' | 'ratio'>('ratio');
  const [amountText, setAmountText] = useState('');
  const [ratioDraft, setRatioText] = useState<string | null>(null);
  const [phase, setPhase] = useState<PhaseChoice>('sales');
  const [qWeights, setQWeights] = useState(['25', '25', '25', '25']);
  const [reallocating, setReallocating] = useState(false);
  const [dialog, setDialog] = useState<'items' | 'actuals' | null>(null);
  const [busy, setBusy] = useState(false);
  const salesYear = sum(data.salesTarget);
  const budgetYear = sum(data.total.budget);

  // Until the user types, the ratio shows what the plan has now.
  const ratioText = ratioDraft ?? (budgetYear > 0 && salesYear > 0 ? String(Math.round((budgetYear / salesYear) * 10000) / 100) : '');

  const amount = useMemo(() => {
    if (mode === 'ratio') {
      const p = parsePercent(ratioText);
      return p === null || salesYear <= 0 ? null : Math.round((salesYear * p) / 100);
    }
    const r = parseFigure(amountText, { measure: 'amount', unit, language });
    return r.ok && amountText.trim() !== '' ? r.value : null;
  }, [mode, ratioText, amountText, salesYear, unit, language]);
  const weights = qWeights.map(parsePercent);
  const phaseOk = phase !== 'quarters' || (weights.every((w) => w !== null) && sum(weights.map((w) => w ?? 0)) > 0);

  const spread = async () => {
    if (amount === null || !phaseOk) return;
    setBusy(true);
    try {
      await act(
        runCommand('expenses.topDown', {
          ...(mode === 'ratio' ? { mode, ratio: (parsePercent(ratioText) ?? 0) / 100 } : { mode, amountCents: amount }),
          phase: phase === 'quarters' ? 'quarters' : phase,
          ...(phase === 'quarters' ? { phaseWeights: weights.map((w) => w ?? 0) } : {}),
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  const capValue = data.cap === null ? '' : String(Math.round(data.cap * 100000) / 1000);
  const [capDraft, setCapText] = useState<string | null>(null);
  const capText = capDraft ?? capValue;
  const commitCap = () => {
    setCapText(null);
    const p = capText.trim() === '' ? null : parsePercent(capText);
    if (capText.trim() !== '' && (p === null || p <= 0 || p > 1000)) return;
    const cap = p === null ? null : p / 100;
    if (cap === data.cap) return;
    void act(runCommand('expenses.setCap', { cap }));
  };

  return (
    <div className="eb-bar" data-testid="eb-topdown">
      <span className="eb-bar__title">{t('expenses.topDown.title')}</span>
      <SegmentedControl
        label={t('expenses.topDown.title')}
        value={mode}
        size="small"
        testId="eb-mode"
        options={[
          { value: 'ratio', label: t('expenses.topDown.byRatio') },
          { value: 'amount', label: t('expenses.topDown.byAmount') },
        ]}
        onChange={setMode}
      />
      {mode === 'ratio' ? (
        <label className="eb-field" htmlFor={ids.ratio}>
          <span className="eb-field__label">{t('expenses.topDown.ratio')}</span>
          <input id={ids.ratio} className="input eb-input eb-input--short" inputMode="decimal" value={ratioText} data-testid="eb-ratio"
            onChange={(e) => setRatioText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void spread()} />
        </label>
      ) : (
        <label className="eb-field" htmlFor={ids.amount}>
          <span className="eb-field__label">{t('expenses.topDown.amount', { unit: unitLabel(unit, language) })}</span>
          <input id={ids.amount} className="input eb-input" inputMode="decimal" value={amountText} data-testid="eb-amount"
            onChange={(e) => setAmountText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void spread()} />
        </label>
      )}
      {mode === 'ratio' && amount !== null && (
        <span className="eb-preview" data-testid="eb-preview">{t('expenses.topDown.preview', { amount: money(amount, true) })}</span>
      )}
      <label className="eb-field" htmlFor={ids.phase}>
        <span className="eb-field__label">{t('expenses.topDown.phase')}</span>
        <select id={ids.phase} className="input eb-select" value={phase} data-testid="eb-phase" onChange={(e) => setPhase(e.target.value as PhaseChoice)}>
          <option value="sales">{t('expenses.topDown.phaseSales')}</option>
          <option value="equal">{t('expenses.topDown.phaseEqual')}</option>
          <option value="quarters">{t('expenses.topDown.phaseQuarters')}</option>
          <option value="current">{t('expenses.topDown.phaseCurrent')}</option>
        </select>
      </label>
      {phase === 'quarters' && (
        <span className="eb-field" role="group" aria-label={t('expenses.topDown.quarterWeights')}>
          <span className="eb-field__label">{t('expenses.topDown.quarterWeights')}</span>
          {qWeights.map((w, q) => (
            <input key={q} className="input eb-input eb-input--q" aria-label={`Q${q + 1}`} value={w} data-testid={`eb-q${q + 1}`}
              onChange={(e) => setQWeights((prev) => prev.map((x, i) => (i === q ? e.target.value : x)))} />
          ))}
        </span>
      )}
      <button type="button" className="btn btn--primary btn--small" disabled={busy || amount === null || !phaseOk} onClick={() => void spread()} data-testid="eb-spread">
        {t('expenses.topDown.spread')}
      </button>
      <span className="eb-bar__spacer" />
      <button type="button" className="btn btn--small" onClick={() => setDialog('items')} data-testid="eb-items">
        {t('expenses.items.open')}
      </button>
      <button type="button" className="btn btn--small" onClick={() => setDialog('actuals')} data-testid="eb-typed-actuals">
        {t('expenses.typedActuals.open')}
      </button>
      <button type="button" className="btn btn--small" onClick={() => setReallocating(true)} data-testid="eb-reallocate">
        {t('expenses.reallocate.open')}
      </button>
      <label className="eb-field" htmlFor={ids.cap}>
        <span className="eb-field__label">{t('expenses.cap.label')}</span>
        <input id={ids.cap} className="input eb-input eb-input--short" inputMode="decimal" placeholder={t('expenses.cap.none')} value={capText}
          data-testid="eb-cap" onChange={(e) => setCapText(e.target.value)} onBlur={commitCap}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()} />
      </label>
      {reallocating && <ReallocateDialog data={data} act={act} money={money} onClose={() => setReallocating(false)} />}
      {dialog === 'items' && <ItemsDialog onClose={() => setDialog(null)} />}
      {dialog === 'actuals' && <ActualExpensesDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

function ReallocateDialog({ data, act, money, onClose }: Pick<BarProps, 'data' | 'act' | 'money'> & { onClose: () => void }) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const ids = { from: useId(), to: useId(), pct: useId() };
  const items = data.rows;
  const code = (c: string) => items.find((r) => r.code === c)?.itemId;
  const [from, setFrom] = useState<number>(code('ADV') ?? items[0]?.itemId ?? 0);
  const [to, setTo] = useState<number>(code('TERM') ?? items[1]?.itemId ?? 0);
  const [pct, setPct] = useState('10');
  const [busy, setBusy] = useState(false);
  const p = parsePercent(pct);
  const fromYear = sum(items.find((r) => r.itemId === from)?.entered ?? []);
  const valid = p !== null && p > 0 && p <= 100 && from !== to;
  const apply = async () => {
    if (!valid) return;
    setBusy(true);
    const ok = await act(runCommand('expenses.reallocate', { fromItemId: from, toItemId: to, percent: p }));
    setBusy(false);
    if (ok) onClose();
  };
  const option = (r: (typeof items)[number]) => (
    <option key={r.itemId} value={r.itemId}>
      {`${'\u3000'.repeat(r.depth)}${itemName(r)}`}
    </option>
  );
  return (
    <Modal
      title={t('expenses.reallocate.title')}
      onClose={onClose}
      testId="eb-reallocate-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('expenses.reallocate.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!valid || busy} onClick={() => void apply()} data-testid="eb-reallocate-apply">
            {t('expenses.reallocate.apply')}
          </button>
        </>
      }
    >
      <div className="eb-dialog">
        <label className="field" htmlFor={ids.from}>
          <span className="field__label">{t('expenses.reallocate.from')}</span>
          <select id={ids.from} className="input" value={from} onChange={(e) => setFrom(Number(e.target.value))} data-testid="eb-from">
            {items.map(option)}
          </select>
        </label>
        <label className="field" htmlFor={ids.to}>
          <span className="field__label">{t('expenses.reallocate.to')}</span>
          <select id={ids.to} className="input" value={to} onChange={(e) => setTo(Number(e.target.value))} data-testid="eb-to">
            {items.map(option)}
          </select>
        </label>
        <label className="field" htmlFor={ids.pct}>
          <span className="field__label">{t('expenses.reallocate.percent')}</span>
          <input id={ids.pct} className="input" inputMode="decimal" value={pct} onChange={(e) => setPct(e.target.value)} data-testid="eb-percent" />
        </label>
        <p className="muted">{valid ? t('expenses.reallocate.moved', { amount: money(Math.round((fromYear * (p ?? 0)) / 100), true) }) : t('expenses.invalid.percent')}</p>
      </div>
    </Modal>
  );
}

// ---- the summary strip and the measures --------------------------------------------------

function SummaryStrip({ data, language, money }: { data: ExpenseBudgetResult; language: Language; money: (c: number, u?: boolean) => string }) {
  const { t } = useTranslation();
  const m = budgetMeasures(data.total.budget, data.salesTarget, data.grossProfitTarget, data.cap);
  const warn = capWarnings(data);
  const phases = [...warn.quarters.map((q) => `Q${q}`), ...warn.months.map((mo) => t(`expenses.budget.month.m${mo}` as 'expenses.budget.month.m1'))];
  const tile = (key: string, label: string, value: string, extra?: string) => (
    <div className={`eb-tile${extra ? ` ${extra}` : ''}`} data-testid={`eb-sum-${key}`}>
      <span className="eb-tile__label">{label}</span>
      <span className="eb-tile__value" data-testid={`eb-sum-${key}-value`}>{value}</span>
    </div>
  );
  return (
    <section className="eb-strip" aria-label={t('expenses.summary.ratio')} data-over={m.year.overCap ? 'true' : 'false'}>
      {tile('budget', t('expenses.summary.budget'), money(m.year.expense, true))}
      {tile('sales', t('expenses.summary.sales'), money(m.year.sales, true))}
      {tile('gp', t('expenses.summary.grossProfit'), money(m.year.grossProfit, true))}
      {tile('ratio', t('expenses.summary.ratio'), formatPercent(m.year.ratio, language, 2), m.year.overCap ? 'eb-tile--over' : 'eb-tile--key')}
      {tile('return', t('expenses.summary.salesReturn'), fmtReturn(m.year.salesReturn, language))}
      {tile('gpreturn', t('expenses.summary.gpReturn'), fmtReturn(m.year.gpReturn, language))}
      <div className="eb-strip__notes">
        {m.year.sales <= 0 && <p className="eb-warn" data-testid="eb-no-sales">{t('expenses.summary.noSales')}</p>}
        {data.cap !== null && (warn.year || phases.length > 0) && (
          <p className="eb-warn" data-testid="eb-cap-warning">
            {warn.year ? t('expenses.cap.over', { cap: formatPercent(data.cap, language, 1) }) : ''} {phases.length > 0 ? t('expenses.cap.overPhases', { phases: phases.join('、') }) : ''}
          </p>
        )}
      </div>
    </section>
  );
}

function MeasuresPanel({ data, language, money }: { data: ExpenseBudgetResult; language: Language; money: (c: number, u?: boolean) => string }) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const items = itemMeasures(data);
  const byId = new Map(items.map((i) => [i.itemId, i]));
  const tops = data.rows.filter((r) => r.depth === 0);
  const m = budgetMeasures(data.total.budget, data.salesTarget, data.grossProfitTarget, data.cap);
  const phaseCell = (label: string, p: PhaseMeasures, key: string) => (
    <td key={key} className={p.overCap ? 'eb-over' : undefined} data-phase={key} title={`${money(p.expense, true)} / ${money(p.sales, true)}`}>
      <span className="eb-phase__label">{label}</span>
      <span>{formatPercent(p.ratio, language, 1)}</span>
    </td>
  );
  return (
    <aside className="eb-measures" data-testid="eb-measures">
      <h3 className="eb-measures__title">{t('expenses.measures.title')}</h3>
      <table className="eb-table">
        <thead>
          <tr>
            <th scope="col">{t('expenses.measures.item')}</th>
            <th scope="col">{t('expenses.measures.budget')}</th>
            <th scope="col">{t('expenses.measures.share')}</th>
            <th scope="col">{t('expenses.measures.ratio')}</th>
            <th scope="col">{t('expenses.measures.salesReturn')}</th>
            <th scope="col">{t('expenses.measures.gpReturn')}</th>
          </tr>
        </thead>
        <tbody>
          {tops.map((r) => {
            const x = byId.get(r.itemId)!;
            return (
              <tr key={r.itemId} data-code={r.code} data-testid={`eb-measure-${r.code}`}>
                <th scope="row">{itemName(r)}</th>
                <td data-col="budget">{money(x.expense)}</td>
                <td data-col="share">
                  <span className="eb-bar-cell" style={{ ['--share' as string]: `${Math.round((x.share ?? 0) * 100)}%` }}>{formatPercent(x.share, language, 1)}</span>
                </td>
                <td data-col="ratio">{formatPercent(x.ratio, language, 2)}</td>
                <td data-col="return">{fmtReturn(x.salesReturn, language)}</td>
                <td data-col="gpreturn">{fmtReturn(x.gpReturn, language)}</td>
              </tr>
            );
          })}
          <tr className="eb-table__total" data-testid="eb-measure-total">
            <th scope="row">{t('expenses.budget.total')}</th>
            <td data-col="budget">{money(m.year.expense)}</td>
            <td data-col="share">{formatPercent(m.year.expense > 0 ? 1 : null, language, 1)}</td>
            <td data-col="ratio" className={m.year.overCap ? 'eb-over' : undefined}>{formatPercent(m.year.ratio, language, 2)}</td>
            <td data-col="return">{fmtReturn(m.year.salesReturn, language)}</td>
            <td data-col="gpreturn">{fmtReturn(m.year.gpReturn, language)}</td>
          </tr>
        </tbody>
      </table>
      {(data.costMissingSkus ?? 0) > 0 && (
        <p className="eb-measures__missing" data-testid="eb-cost-missing">
          {t('expenses.measures.costMissing', { n: data.costMissingSkus })}
        </p>
      )}
      <h3 className="eb-measures__title">{t('expenses.measures.phaseTitle')}</h3>
      <table className="eb-phase" data-testid="eb-phases">
        <tbody>
          <tr>{m.quarters.map((q, i) => phaseCell(`Q${i + 1}`, q, `q${i + 1}`))}</tr>
          <tr>{m.months.slice(0, 6).map((p, i) => phaseCell(t(`expenses.budget.month.m${i + 1}` as 'expenses.budget.month.m1'), p, `m${i + 1}`))}</tr>
          <tr>{m.months.slice(6).map((p, i) => phaseCell(t(`expenses.budget.month.m${i + 7}` as 'expenses.budget.month.m1'), p, `m${i + 7}`))}</tr>
        </tbody>
      </table>
    </aside>
  );
}

// ---- budget against actual ---------------------------------------------------------------

function ActualView({ data, unit, language, money }: { data: ExpenseBudgetResult; unit: DisplayUnit; language: Language; money: (c: number, u?: boolean) => string }) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const [phase, setPhase] = useState('year');
  const pick = (months: readonly number[]) => {
    if (phase === 'year') return sum(months);
    if (phase.startsWith('q')) return quarters(months)[Number(phase.slice(1)) - 1];
    return months[Number(phase.slice(1)) - 1];
  };
  const hasActual = sum(data.total.actual) !== 0;
  const line = (key: string, label: string, budget: readonly number[], actual: readonly number[], cls: string) => {
    const b = pick(budget);
    const a = pick(actual);
    const v = variance([b], [a]).year;
    return (
      <tr key={key} className={cls} data-testid={`eb-actual-${key}`}>
        <th scope="row">{label}</th>
        <td>{money(b)}</td>
        <td>{money(a)}</td>
        <td className={v > 0 ? 'eb-over' : v < 0 ? 'eb-under' : undefined}>{money(v)}</td>
        <td>{formatPercent(b > 0 ? a / b : null, language, 1)}</td>
      </tr>
    );
  };
  const phases = ['year', 'q1', 'q2', 'q3', 'q4', ...Array.from({ length: 12 }, (_, i) => `m${i + 1}`)];
  return (
    <section className="eb-actual" data-testid="eb-actual">
      <div className="eb-actual__head">
        <h3 className="eb-measures__title">{t('expenses.actual.title', { unit: unitLabel(unit, language) })}</h3>
        <select className="input eb-select" value={phase} onChange={(e) => setPhase(e.target.value)} data-testid="eb-actual-phase" aria-label={t('expenses.topDown.phase')}>
          {phases.map((p) => (
            <option key={p} value={p}>
              {p === 'year' ? t('expenses.budget.year') : p.startsWith('q') ? `Q${p.slice(1)}` : t(`expenses.budget.month.${p}` as 'expenses.budget.month.m1')}
            </option>
          ))}
        </select>
      </div>
      {!hasActual && <p className="muted" data-testid="eb-actual-none">{t('expenses.actual.none', { year: data.planYear })}</p>}
      <table className="eb-table eb-table--wide">
        <thead>
          <tr>
            <th scope="col">{t('expenses.measures.item')}</th>
            <th scope="col">{t('expenses.actual.budget')}</th>
            <th scope="col">{t('expenses.actual.actual')}</th>
            <th scope="col">{t('expenses.actual.variance')}</th>
            <th scope="col">{t('expenses.actual.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => line(r.code, `${'\u3000'.repeat(r.depth)}${itemName(r)}`, r.budget, r.actual, r.depth === 0 ? 'eb-table__top' : ''))}
          {line('total', t('expenses.budget.total'), data.total.budget, data.total.actual, 'eb-table__total')}
        </tbody>
      </table>
    </section>
  );
}
