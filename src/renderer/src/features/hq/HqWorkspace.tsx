import { useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent } from 'react';
import type { HqSummary } from '../../../../shared/endpoints/hq';
import type { BoardRow, DimensionRow, NationalCell, Receipt, RegionState } from '../../../../shared/hq';
import { centsToUnit, formatAmount, formatInteger, formatPercent, intlLocale, type Language } from '../../../../shared/units';
import { api, toErrorData } from '../../api/client';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { CHART_GRID_LINE, CHART_TEXT, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE } from '../../components/chart/chartStyle';
import { Icon } from '../../components/icons';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Logo } from '../../components/Logo';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { PageTabs } from '../../components/PageTabs';
import { errorText } from '../../i18n';
import { tooltipLine, useT, type T } from '../analysis/kit';
import { HqPickDialog } from './HqDialogs';
import { ReceiptSayso } from './HqSayso';
import { HqLocationChip, HqSettingsDialog, SlidersIcon } from './HqSettings';
import { HqTargetsView } from './HqTargetsView';
import { HqTerminalsView } from './HqTerminalsView';
import { HqChange } from './HqChange';
import { HqDrill, type DrillStart } from './HqDrill';
import { HqExpenses } from './HqExpenses';
import { HqChartCard } from './hqViewKit';
import './hqViews.css';
import './hq.css';

const TABS = ['board', 'targets', 'national', 'mix', 'terminals', 'expenses', 'change', 'receipts'] as const;
/** Tabs that name themselves under their own catalog section. */
const VIEW_TABS: readonly Tab[] = ['expenses', 'change'];
const TARGET_TABS: readonly Tab[] = ['targets', 'terminals'];
type Tab = (typeof TABS)[number];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const UNIT = 'wan';

const money = (cents: number, language: Language) => formatAmount(cents, UNIT, language);
const gapOf = (plan: number, target: number): number | null => (target === 0 ? null : (plan - target) / target);
function timeText(iso: string | null, language: Language): string {
  if (iso === null) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}
function signedPercent(ratio: number | null, language: Language): string {
  if (ratio === null) return '—';
  const text = formatPercent(Math.abs(ratio), language);
  return ratio > 0 ? `+${text}` : ratio < 0 ? `−${text}` : text;
}

/** 總部匯總 is open: the bar, the board, the national plan and the receipt log. */
export function HqWorkspace({ summary }: { summary: HqSummary }) {
  const t = useT();
  const app = useApp();
  const [tab, setTab] = useState<Tab>('board');
  const [picking, setPicking] = useState(false);
  const [receipts, setReceipts] = useState<Receipt[] | null>(null);
  const [returning, setReturning] = useState<BoardRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [settings, setSettings] = useState(false);
  const [drill, setDrill] = useState<DrillStart | null>(null);

  useEffect(() => {
    document.title = `${summary.name} ${summary.planYear} — RegionPlan`;
    return () => {
      document.title = 'RegionPlan';
    };
  }, [summary.name, summary.planYear]);

  const receive = async (paths?: string[]) => {
    setPicking(false);
    const outcome = await runCommand('hq.receive', paths === undefined ? {} : { paths });
    if (!outcome.ok) app.showError({ titleKey: 'errors.title', data: outcome.error });
    else if (outcome.value !== null) setReceipts(outcome.value);
  };
  // In the browser, .rplanpkg files dropped on the window are copied to the host's folder
  // and received (a capture listener, ahead of the window's drop of region files, which
  // leaves a drop whose default is prevented alone).
  // Electron gives the page no path for a dropped file: there 接收計劃包… picks them.
  const onDropPackages = useEffectEvent((files: File[]) => {
    void (async () => {
      try {
        const paths: string[] = [];
        for (const f of files) paths.push(await api.upload(f, 'package'));
        await receive(paths);
      } catch (e) {
        app.showError({ titleKey: 'errors.title', data: toErrorData(e) });
      }
    })();
  });
  useEffect(() => {
    if (api.transport !== 'web') return;
    const onDrop = (e: DragEvent) => {
      const files = Array.from(e.dataTransfer?.files ?? []).filter((f) => f.name.toLowerCase().endsWith('.rplanpkg'));
      if (files.length === 0) return;
      e.preventDefault();
      onDropPackages(files);
    };
    window.addEventListener('drop', onDrop, true);
    return () => window.removeEventListener('drop', onDrop, true);
  }, []);

  const exportWorkbook = async () => {
    const outcome = await runCommand('hq.exportWorkbook', {});
    if (!outcome.ok) app.showError({ titleKey: 'errors.title', data: outcome.error });
    else if (outcome.value !== null) setNotice(t('hqUi.bar.exported', { path: outcome.value.path }));
  };
  const targetsInput = useRef<HTMLInputElement>(null);
  const importTargets = async (file?: File) => {
    let path: string | undefined;
    if (file) {
      try {
        path = await api.upload(file, 'import');
      } catch (e) {
        return app.showError({ titleKey: 'errors.title', data: toErrorData(e) });
      }
    }
    const outcome = await runCommand('hq.importTargets', path !== undefined ? { path } : {});
    if (!outcome.ok) app.showError({ titleKey: 'errors.title', data: outcome.error });
    else if (outcome.value !== null) setNotice(t('hqUi.bar.targetsImported', { count: outcome.value.count }));
  };
  const exportTargets = async () => {
    const outcome = await runCommand('hq.exportTargets', {});
    if (!outcome.ok) return app.showError({ titleKey: 'errors.title', data: outcome.error });
    const { paths, skipped } = outcome.value;
    const dir = paths.length > 0 ? paths[0].replace(/[\\/][^\\/]*$/, '') : '';
    const separator = app.language === 'en' ? ', ' : '、';
    setNotice(t('hqUi.bar.targetsWritten', { count: paths.length, dir }) + (skipped.length > 0 ? t('hqUi.bar.targetsSkipped', { regions: skipped.join(separator) }) : ''));
  };
  const confirm = async (row: BoardRow) => {
    const outcome = await runCommand('hq.confirm', { region: row.regionName });
    if (!outcome.ok) app.showError({ titleKey: 'errors.title', data: outcome.error });
    else setNotice(t('hqUi.confirmed', { region: row.regionName, revision: outcome.value.revision }));
  };

  return (
    <div className="hq" data-testid="hq-workspace">
      <header className="topbar hq__bar">
        <div className="topbar__brand">
          <Logo size={26} />
        </div>
        <div className="topbar__title">
          <span className="hq__kind">{t('hqUi.bar.title')}</span>
          <span className="topbar__region" data-testid="hq-cycle">
            {/* A cycle named after its year (the default, 2027 年度計劃) is not followed by the year again. */}
            {summary.name.includes(String(summary.planYear)) ? summary.name : t('hqUi.bar.cycle', { name: summary.name, year: summary.planYear })}
          </span>
          <HqLocationChip summary={summary} />
        </div>
        <div className="topbar__tools">
          <button type="button" className="btn btn--primary" onClick={() => (app.info.nativeDialogs ? void receive() : setPicking(true))} data-testid="hq-receive">
            <Icon name="upload" />
            <span>{t('hqUi.bar.receive')}</span>
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => (app.info.nativeDialogs ? void importTargets() : targetsInput.current?.click())}
            data-testid="hq-import-targets"
          >
            {t('hqUi.bar.importTargets')}
          </button>
          <input
            ref={targetsInput}
            type="file"
            accept=".csv,.xlsx,.xls"
            hidden
            data-testid="hq-import-targets-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importTargets(file);
            }}
          />
          <button type="button" className="btn" onClick={() => void exportWorkbook()} data-testid="hq-export-workbook">
            {t('hqUi.bar.exportWorkbook')}
          </button>
          <button type="button" className="btn" onClick={() => void exportTargets()} data-testid="hq-export-targets">
            {t('hqUi.bar.exportTargets')}
          </button>
          <button type="button" className="btn btn--ghost hq-settings-button" onClick={() => setSettings(true)} title={t('hqPg.bar.settings')} aria-label={t('hqPg.bar.settings')} data-testid="hq-settings">
            <SlidersIcon />
          </button>
          <LanguageSwitcher />
          <button type="button" className="btn btn--ghost" onClick={() => void runCommand('hq.close', {})} data-testid="hq-close">
            <Icon name="close" />
            <span>{t('hqUi.bar.close')}</span>
          </button>
        </div>
      </header>
      <main className="hq__main">
        {notice && (
          <div className="hq-notice" role="status" data-testid="hq-notice">
            <Icon name="check" />
            <span>{notice}</span>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setNotice(null)} aria-label={t('common.close')}>
              <Icon name="close" />
            </button>
          </div>
        )}
        <PageTabs
          label={t('hqUi.bar.title')}
          tabs={TABS}
          value={tab}
          onChange={(v) => {
            setTab(v);
            setDrill(null);
          }}
          labelOf={(v) => (VIEW_TABS.includes(v) ? t(`hqViews.tabs.${v}`) : TARGET_TABS.includes(v) ? t(`hqTargets.tabs.${v}`) : t(`hqUi.tabs.${v}`))}
          testIdPrefix="hq-tab"
        />
        {tab === 'board' && <BoardView onReturn={setReturning} onConfirm={(r) => void confirm(r)} />}
        {tab === 'targets' && <HqTargetsView />}
        {drill && <HqDrill start={drill} onExit={() => setDrill(null)} />}
        {!drill && tab === 'national' && <NationalView onDrill={setDrill} />}
        {!drill && tab === 'mix' && <MixView onDrill={setDrill} />}
        {tab === 'terminals' && <HqTerminalsView />}
        {tab === 'expenses' && <HqExpenses expenseCap={summary.expenseCap} />}
        {tab === 'change' && <HqChange />}
        {tab === 'receipts' && <ReceiptLog />}
      </main>
      {picking && <HqPickDialog kind="package" onClose={() => setPicking(false)} onPicked={(p) => void receive(p)} />}
      {receipts && (
        <ReceiveResult
          receipts={receipts}
          onClose={() => setReceipts(null)}
          onReplace={(old, next) => setReceipts((rs) => rs && rs.map((x) => (x.receiptId === old.receiptId ? next : x)))}
        />
      )}
      {settings && (
        <HqSettingsDialog
          summary={summary}
          onClose={() => setSettings(false)}
          onSaved={(text) => {
            setSettings(false);
            setNotice(text);
          }}
        />
      )}
      {returning && (
        <ReturnDialog
          row={returning}
          onClose={() => setReturning(null)}
          onDone={(text) => {
            setReturning(null);
            setNotice(text);
          }}
        />
      )}
    </div>
  );
}

function StatePill({ state, t }: { state: RegionState; t: T }) {
  return (
    <span className={`hq-state hq-state--${state}`} data-state={state}>
      {t(`hq.state.${state}`)}
    </span>
  );
}

function BoardView({ onReturn, onConfirm }: { onReturn: (row: BoardRow) => void; onConfirm: (row: BoardRow) => void }) {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const board = useQuery('hq.board', {});
  const rows = board.data?.regions ?? [];
  const count = (s: RegionState) => rows.filter((r) => r.state === s).length;
  const plan = rows.reduce((s, r) => s + r.planCents, 0);
  const target = rows.reduce((s, r) => s + r.targetCents, 0);
  const cycle = board.data?.cycle;
  const kpis: { key: string; label: string; value: string; tone?: string }[] = [
    { key: 'regions', label: t('hqUi.kpi.regions'), value: String(rows.length) },
    { key: 'pending', label: t('hqUi.kpi.pending'), value: String(count('pending')), tone: count('pending') > 0 ? 'muted' : undefined },
    { key: 'submitted', label: t('hqUi.kpi.submitted'), value: String(count('submitted')), tone: 'submitted' },
    { key: 'returned', label: t('hqUi.kpi.returned'), value: String(count('returned')), tone: 'returned' },
    { key: 'confirmed', label: t('hqUi.kpi.confirmed'), value: String(count('confirmed')), tone: 'confirmed' },
    { key: 'plan', label: t('hqUi.kpi.plan', { unit: t('unit.short.wan') }), value: money(plan, language) },
    { key: 'target', label: t('hqUi.kpi.target', { unit: t('unit.short.wan') }), value: target === 0 ? '—' : money(target, language) },
    { key: 'gap', label: t('hqUi.kpi.gap'), value: signedPercent(gapOf(plan, target), language) },
  ];
  return (
    <section className="hq-board" data-testid="hq-board">
      <div className="hq-kpis">
        {kpis.map((k) => (
          <div key={k.key} className={`hq-kpi${k.tone ? ` hq-kpi--${k.tone}` : ''}`} data-testid={`hq-kpi-${k.key}`}>
            <span className="hq-kpi__label">{k.label}</span>
            <span className="hq-kpi__value">{k.value}</span>
          </div>
        ))}
      </div>
      <div className="card hq-card">
        <table className="hq-table" data-testid="hq-board-table">
          <thead>
            <tr>
              <th>{t('hqUi.board.region')}</th>
              <th>{t('hqUi.board.state')}</th>
              <th>{t('hqUi.board.revision')}</th>
              <th>{t('hqUi.board.receivedAt')}</th>
              <th className="num">{t('hqUi.board.plan')}</th>
              <th className="num">{t('hqUi.board.target')}</th>
              <th className="num">{t('hqUi.board.gap')}</th>
              <th className="num">{t('hqUi.board.expenseRatio')}</th>
              <th>{t('hqUi.board.warnings')}</th>
              <th className="hq-table__actions">{t('hqUi.board.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const gap = gapOf(r.planCents, r.targetCents);
              const overTolerance = gap !== null && cycle !== undefined && Math.abs(gap) > cycle.tolerance;
              const overCap = r.expenseRatio !== null && cycle?.expenseCap != null && r.expenseRatio > cycle.expenseCap;
              return (
                <tr key={r.regionKey} className={r.late ? 'is-late' : undefined} data-testid="hq-board-row" data-region={r.regionName} data-state={r.state}>
                  <td className="hq-table__region">
                    <span>{r.regionName}</span>
                    {r.late && <span className="hq-tag hq-tag--late">{t('hqUi.board.late')}</span>}
                    {!r.expected && <span className="hq-tag">{t('hqUi.board.notExpected')}</span>}
                  </td>
                  <td>
                    <StatePill state={r.state} t={t} />
                  </td>
                  <td data-testid="hq-board-revision">{r.revision === null ? '—' : t('hqUi.board.revisionValue', { revision: r.revision })}</td>
                  <td className="muted">{timeText(r.receivedAt, language)}</td>
                  <td className="num">{r.revision === null ? '—' : money(r.planCents, language)}</td>
                  <td className="num">{r.targetCents === 0 ? t('hqUi.board.noTarget') : money(r.targetCents, language)}</td>
                  <td className={`num${overTolerance ? ' is-bad' : ''}`} data-testid="hq-board-gap">{r.revision === null ? '—' : signedPercent(gap, language)}</td>
                  <td className={`num${overCap ? ' is-bad' : ''}`}>{formatPercent(r.expenseRatio, language)}</td>
                  <td className="hq-table__warnings" title={r.warnings.map((w) => t(`hq.warning.${w.key}`, w.params)).join('\n')}>
                    {/* Two on the board; all of them in the cell's tooltip. */}
                    {r.warnings.slice(0, 2).map((w) => (
                      <span key={w.key + JSON.stringify(w.params)} className="hq-warning">
                        {t(`hq.warning.${w.key}`, w.params)}
                      </span>
                    ))}
                    {r.warnings.length > 2 && <span className="hq-warning hq-warning--more">{t('hqUi.board.moreWarnings', { count: r.warnings.length - 2 })}</span>}
                  </td>
                  <td className="hq-table__actions">
                    {/* Only a submitted revision can be returned or confirmed. */}
                    {r.state === 'submitted' && (
                      <>
                        <button type="button" className="btn btn--small" onClick={() => onReturn(r)} data-testid="hq-return">
                          {t('hqUi.board.return')}
                        </button>
                        <button type="button" className="btn btn--small btn--primary" onClick={() => onConfirm(r)} data-testid="hq-confirm">
                          {t('hqUi.board.confirm')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 && board.data && <p className="empty-note">{t('hqUi.board.empty')}</p>}
      </div>
    </section>
  );
}

function ReturnDialog({ row, onClose, onDone }: { row: BoardRow; onClose: () => void; onDone: (text: string) => void }) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (comment.trim() === '') return;
    setBusy(true);
    const outcome = await runCommand('hq.return', { region: row.regionName, comment: comment.trim() });
    setBusy(false);
    if (!outcome.ok) return setError(errorText(outcome.error));
    const path = outcome.value.returnPath;
    onDone(path === null ? t('hqUi.returnDialog.doneNoFile', { region: row.regionName }) : t('hqUi.returnDialog.done', { region: row.regionName, path }));
  };
  return (
    <Modal title={t('hqUi.returnDialog.title', { region: row.regionName, revision: row.revision ?? 0 })} onClose={onClose} testId="hq-return-dialog" dismissible={!busy}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form__intro">{t('hqUi.returnDialog.intro')}</p>
        <label className="field">
          <span className="field__label">{t('hqUi.returnDialog.comment')}</span>
          <textarea name="comment" className={tried && comment.trim() === '' ? 'input is-invalid' : 'input'} rows={5} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={4000} autoFocus />
          {tried && comment.trim() === '' && (
            <span className="field__error" role="alert">
              {t('hqUi.returnDialog.required')}
            </span>
          )}
        </label>
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <FormButtons busy={busy} label={t('hqUi.returnDialog.submit')} onCancel={onClose} testId="hq-return-submit" />
      </form>
    </Modal>
  );
}

function ReceiveResult({ receipts, onClose, onReplace }: { receipts: Receipt[]; onClose: () => void; onReplace: (old: Receipt, next: Receipt) => void }) {
  const t = useT();
  const accepted = receipts.filter((r) => r.verdict === 'accepted').length;
  return (
    <Modal
      title={t('hqUi.receive.title')}
      onClose={onClose}
      testId="hq-receive-result"
      wide
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} data-testid="hq-receive-close">
          {t('hqUi.receive.close')}
        </button>
      }
    >
      <p className="form__intro">{t('hqUi.receive.summary', { accepted, refused: receipts.length - accepted })}</p>
      <ul className="hq-verdicts">
        {receipts.map((r) => (
          <li key={r.receiptId} className={`hq-verdict hq-verdict--${r.verdict}`} data-testid="hq-verdict" data-verdict={r.verdict} data-file={r.fileName}>
            <span className="hq-verdict__mark">{r.verdict === 'accepted' ? t('hqUi.receive.accepted') : t('hqUi.receive.refused')}</span>
            <span className="hq-verdict__file">{r.fileName}</span>
            <span className="hq-verdict__message">{r.message}</span>
            <ReceiptSayso receipt={r} onReceived={(next) => onReplace(r, next)} />
          </li>
        ))}
      </ul>
    </Modal>
  );
}

function ReceiptLog() {
  const t = useT();
  const app = useApp();
  const log = useQuery('hq.receipts', {});
  const rows = log.data ?? [];
  return (
    <section className="card hq-card" data-testid="hq-receipts">
      {rows.length === 0 && log.data && <p className="empty-note">{t('hqUi.receipts.empty')}</p>}
      {rows.length > 0 && (
        <table className="hq-table">
          <thead>
            <tr>
              <th>{t('hqUi.receipts.time')}</th>
              <th>{t('hqUi.receipts.file')}</th>
              <th>{t('hqUi.receipts.region')}</th>
              <th>{t('hqUi.receipts.revision')}</th>
              <th>{t('hqUi.receipts.verdict')}</th>
              <th>{t('hqUi.receipts.reason')}</th>
              <th>{t('hqUi.receipts.by')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="hq-receipt-row" data-verdict={r.verdict}>
                <td className="muted">{timeText(r.receivedAt, app.language)}</td>
                <td className="hq-table__file">{r.fileName}</td>
                <td>{r.regionName ?? '—'}</td>
                <td>{r.revision === null ? '—' : t('hqUi.board.revisionValue', { revision: r.revision })}</td>
                <td>
                  <span className={`hq-state hq-state--${r.verdict === 'accepted' ? 'confirmed' : 'returned'}`}>
                    {r.verdict === 'accepted' ? t('hqUi.receive.accepted') : t('hqUi.receive.refused')}
                  </span>
                </td>
                <td className="hq-table__reason">{r.verdict === 'accepted' ? '' : r.message}</td>
                <td className="muted">{r.receivedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface RegionLine {
  key: number;
  name: string;
  plan: number[];
  target: number[];
}

function linesOf(cells: readonly NationalCell[]): RegionLine[] {
  const byRegion = new Map<number, RegionLine>();
  for (const c of cells) {
    if (c.month < 1 || c.month > 12) continue;
    let line = byRegion.get(c.regionKey);
    if (!line) {
      line = { key: c.regionKey, name: c.regionName, plan: Array<number>(12).fill(0), target: Array<number>(12).fill(0) };
      byRegion.set(c.regionKey, line);
    }
    line.plan[c.month - 1] += c.planCents;
    line.target[c.month - 1] += c.targetCents;
  }
  return [...byRegion.values()];
}

const total = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

function NationalView({ onDrill }: { onDrill: (start: DrillStart) => void }) {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const national = useQuery('hq.national', {});
  const lines = useMemo(() => linesOf(national.data ?? []), [national.data]);
  const planByMonth = MONTHS.map((_, i) => total(lines.map((l) => l.plan[i])));
  const targetByMonth = MONTHS.map((_, i) => total(lines.map((l) => l.target[i])));
  const hasTarget = total(targetByMonth) !== 0;
  const option = useMemo(() => {
    const monthLabels = MONTHS.map((m) => t('hqUi.national.month', { month: m }));
    return {
      color: [OURS_COLOR, OTHER_COLORS[0]],
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      legend: { top: 4, right: 8, textStyle: { color: CHART_TEXT } },
      tooltip: {
        trigger: 'axis',
        ...TOOLTIP_STYLE,
        formatter: (params: { seriesName: string; value: number; axisValueLabel: string }[]) =>
          `<b>${params[0]?.axisValueLabel ?? ''}</b>${params.map((p) => tooltipLine(p.seriesName, formatAmount(Math.round(p.value * 1_000_000), UNIT, language))).join('')}`,
      },
      xAxis: { type: 'category', data: monthLabels, axisLabel: { color: CHART_TEXT }, axisLine: { lineStyle: { color: CHART_GRID_LINE } } },
      yAxis: { type: 'value', axisLabel: { color: CHART_TEXT }, splitLine: { lineStyle: { color: CHART_GRID_LINE } } },
      series: [
        { name: t('hqUi.national.plan'), type: 'bar', barMaxWidth: 28, data: planByMonth.map((c) => centsToUnit(c, UNIT)) },
        ...(hasTarget ? [{ name: t('hqUi.national.target'), type: 'line', symbolSize: 6, data: targetByMonth.map((c) => centsToUnit(c, UNIT)) }] : []),
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lines, language, t]);

  const drillMonth = (month: number) => onDrill({ origin: 'national', filter: { month } });
  if (national.data && lines.length === 0) return <p className="empty-note" data-testid="hq-national-empty">{t('hqUi.national.empty')}</p>;
  return (
    <section className="hq-national" data-testid="hq-national">
      <p className="an-note hqv-hint">{t('hqViews.drill.hint')}</p>
      <HqChartCard
        title={t('hqUi.national.chartTitle')}
        unit={t('hqUi.national.unit')}
        option={option}
        testId="hq-national-chart"
        fileName={t('hqUi.national.chartTitle')}
        onClick={(c) => drillMonth(c.dataIndex + 1)}
      />
      <div className="card hq-card hq-card--scroll">
        <table className="hq-table hq-table--months" data-testid="hq-national-table">
          <thead>
            <tr>
              <th>{t('hqUi.national.region')}</th>
              <th />
              {MONTHS.map((m) => (
                <th key={m} className="num">
                  <button type="button" className="hqv-link" onClick={() => drillMonth(m)} data-testid="hq-national-drill-month" data-month={m}>
                    {t('hqUi.national.month', { month: m })}
                  </button>
                </th>
              ))}
              <th className="num">
                <button type="button" className="hqv-link" onClick={() => onDrill({ origin: 'national', filter: {} })} data-testid="hq-national-drill-year">
                  {t('hqUi.national.year')}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...lines, { key: -1, name: t('hqUi.national.total'), plan: planByMonth, target: targetByMonth }].map((l) => (
              <NationalRows key={l.key} line={l} language={language} t={t} isTotal={l.key === -1} hasTarget={hasTarget} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function NationalRows({ line, language, t, isTotal, hasTarget }: { line: RegionLine; language: Language; t: T; isTotal: boolean; hasTarget: boolean }) {
  const cls = isTotal ? 'is-total' : undefined;
  return (
    <>
      <tr className={cls} data-testid="hq-national-row" data-region={line.name}>
        <th rowSpan={hasTarget ? 2 : 1} className="hq-table__region">
          {line.name}
        </th>
        <td className="hq-table__measure">{t('hqUi.national.plan')}</td>
        {line.plan.map((c, i) => (
          <td key={i} className="num">
            {money(c, language)}
          </td>
        ))}
        <td className="num hq-table__year">{money(total(line.plan), language)}</td>
      </tr>
      {hasTarget && (
        <tr className={`${cls ?? ''} hq-table__target`}>
          <td className="hq-table__measure">{t('hqUi.national.target')}</td>
          {line.target.map((c, i) => (
            <td key={i} className="num">
              {money(c, language)}
            </td>
          ))}
          <td className="num hq-table__year">{money(total(line.target), language)}</td>
        </tr>
      )}
    </>
  );
}

/** One dimension's rows with their share of the national plan, as a bar in the cell. */
function MixTable({ title, rows, testId, nameHeader, parentHeader, onDrill }: {
  title: string; rows: readonly DimensionRow[]; testId: string; nameHeader: string; parentHeader?: string; onDrill: (row: DimensionRow, parentOnly: boolean) => void;
}) {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const sum = rows.reduce((s, r) => s + r.planCents, 0);
  return (
    <div className="card hq-card">
      <div className="hq-card__head">
        <h2 className="card__title">{title}</h2>
        <span className="card__subtitle">{t('hqUi.national.unit')}</span>
      </div>
      <table className="hq-table" data-testid={testId}>
        <thead>
          <tr>
            {parentHeader !== undefined && <th>{parentHeader}</th>}
            <th>{nameHeader}</th>
            <th className="num">{t('hqUi.mix.plan')}</th>
            <th className="num">{t('hqUi.mix.volume')}</th>
            <th className="num">{t('hqUi.mix.margin')}</th>
            <th className="hq-share">{t('hqUi.mix.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const share = sum === 0 ? 0 : r.planCents / sum;
            return (
              <tr key={`${r.parentCode ?? ''}/${r.code}`} data-testid={`${testId}-row`}>
                {parentHeader !== undefined && (
                  <td className="hq-table__region">
                    <button type="button" className="hqv-link" onClick={() => onDrill(r, true)} data-testid={`${testId}-drill-parent`}>
                      {r.parentName ?? '—'}
                    </button>
                  </td>
                )}
                <td>
                  <button type="button" className="hqv-link" onClick={() => onDrill(r, false)} data-testid={`${testId}-drill`}>
                    {r.name}
                  </button>
                </td>
                <td className="num">{money(r.planCents, language)}</td>
                <td className="num">{formatInteger(r.volume, language)}</td>
                <td className="num">{formatPercent(r.planCents === 0 ? null : r.grossProfitCents / r.planCents, language)}</td>
                <td className="hq-share">
                  <span className="hq-share__bar" style={{ width: `${Math.round(share * 100)}%` }} />
                  <span className="hq-share__text">{formatPercent(share, language)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** 品牌與渠道: the national plan by brand and category, and by channel. */
function MixView({ onDrill }: { onDrill: (start: DrillStart) => void }) {
  const t = useT();
  const brands = useQuery('hq.byBrand', {});
  const channels = useQuery('hq.byChannel', {});
  if (brands.data && brands.data.length === 0) return <p className="empty-note">{t('hqUi.national.empty')}</p>;
  return (
    <section className="hq-mix" data-testid="hq-mix">
      <p className="an-note hqv-hint">{t('hqViews.drill.hint')}</p>
      <MixTable
        title={t('hqUi.mix.byBrand')}
        rows={brands.data ?? []}
        testId="hq-mix-brand"
        nameHeader={t('hqUi.mix.category')}
        parentHeader={t('hqUi.mix.brand')}
        onDrill={(r, parentOnly) =>
          onDrill(
            parentOnly
              ? { origin: 'mix', filter: { brandCode: r.parentCode ?? r.code }, name: r.parentName ?? r.name }
              : { origin: 'mix', filter: { ...(r.parentCode !== null ? { brandCode: r.parentCode } : {}), categoryCode: r.code }, name: `${r.parentName ?? ''} · ${r.name}` },
          )
        }
      />
      <MixTable
        title={t('hqUi.mix.byChannel')}
        rows={channels.data ?? []}
        testId="hq-mix-channel"
        nameHeader={t('hqUi.mix.channel')}
        onDrill={(r) => onDrill({ origin: 'mix', filter: { channelCode: r.code }, name: r.name })}
      />
    </section>
  );
}
