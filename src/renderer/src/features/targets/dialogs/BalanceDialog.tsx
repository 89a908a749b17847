import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BalanceResult, TargetMeasure, TargetSummary } from '../../../../../shared/endpoints/targets';
import { formatInteger } from '../../../../../shared/units';
import { runCommand, useCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { DataGrid, type GridChanges, type GridColumn, type GridRow } from '../../../grid';
import { monthNames } from '../../overview/chartOption';
import { editText, measureUnit, parseValue, showExact, showValue, showWithUnit, sum, type Fmt } from './format';
import { ErrorNote, LoadNote } from './parts';
import './targetDialogs.css';

// The balanced breakdown: month targets and brand × channel targets held at once by
// iterative proportional fitting in the core. Preview first (the command with apply
// off changes nothing), then apply (one undo step).

interface BalanceDialogProps {
  versionId: number;
  measure: TargetMeasure;
  onClose(): void;
}

type Source = 'ho' | 'plan';

interface MatrixRow extends GridRow {
  id: number;
  brand: string;
  [channel: `c${number}`]: number;
  total: number;
}

const pairKey = (brandId: number, channelId: number) => `${brandId}:${channelId}`;

function sourceMonths(summary: TargetSummary, source: Source, measure: TargetMeasure): number[] {
  const block = source === 'ho' ? summary.ho : summary.plan;
  return (measure === 'amount' ? block.amountCents : block.volume).slice(0, 12);
}

export function BalanceDialog({ versionId, measure, onClose }: BalanceDialogProps) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const f: Fmt = { unit, language, measure };
  const months = monthNames(language);

  const summaryQuery = useQuery('targets.summary', { versionId });
  const pairsQuery = useQuery('targets.pairs', { versionId, measure });
  const loadError = summaryQuery.error ?? pairsQuery.error;
  // Both answers, or neither: a failed read shows its error instead of the last answer.
  const loaded = useMemo(
    () => (loadError || !summaryQuery.data || !pairsQuery.data ? null : { summary: summaryQuery.data, pairs: pairsQuery.data }),
    [loadError, summaryQuery.data, pairsQuery.data],
  );

  const [source, setSource] = useState<Source | null>(null);
  const [monthDraft, setMonthDraft] = useState<string[] | null>(null);
  const [pairEdits, setPairEdits] = useState<Record<string, number>>({});
  const [preview, setPreview] = useState<{ key: string; result: BalanceResult } | null>(null);
  const [applied, setApplied] = useState<number | null>(null);
  const [applying, setApplying] = useState(false);
  const previewCommand = useCommand('targets.balance');

  const hoTotal = loaded ? sum(sourceMonths(loaded.summary, 'ho', measure)) : 0;
  const effectiveSource: Source = source ?? (measure === 'amount' && hoTotal > 0 ? 'ho' : 'plan');
  const baseMonths = loaded ? sourceMonths(loaded.summary, effectiveSource, measure) : Array.from({ length: 12 }, () => 0);
  // Untouched months show formatted; the first edit starts every month from its exact text.
  const monthTexts = monthDraft ?? baseMonths.map((v) => showValue(v, f));
  const monthParsed = monthDraft ? monthDraft.map((text) => parseValue(text, measure, unit, t)) : baseMonths.map((v) => ({ ok: true as const, value: v }));
  const monthsValid = monthParsed.every((p) => p.ok);
  const monthTargets = monthParsed.map((p) => (p.ok ? p.value : 0));

  // The matrix: brands as rows, channels as columns, in the order the core gives.
  const { brands, channels, current } = useMemo(() => {
    const b = new Map<number, string>();
    const c = new Map<number, string>();
    const cur = new Map<string, number>();
    for (const p of loaded?.pairs ?? []) {
      b.set(p.brandId, p.brand);
      c.set(p.channelId, p.channel);
      cur.set(pairKey(p.brandId, p.channelId), p.current);
    }
    return { brands: [...b], channels: [...c], current: cur };
  }, [loaded]);

  const pairValue = useCallback(
    (brandId: number, channelId: number) => pairEdits[pairKey(brandId, channelId)] ?? current.get(pairKey(brandId, channelId)) ?? 0,
    [pairEdits, current],
  );

  const rows = useMemo<MatrixRow[]>(
    () =>
      brands.map(([id, name]) => {
        const row: MatrixRow = { id, brand: name, total: 0 };
        for (const [cid] of channels) {
          const v = pairValue(id, cid);
          row[`c${cid}`] = v;
          row.total += v;
        }
        return row;
      }),
    [brands, channels, pairValue],
  );

  const columns = useMemo<GridColumn<MatrixRow>[]>(() => {
    const fmt: Fmt = { unit, language, measure };
    const num = (field: string, header: string, editable: boolean): GridColumn<MatrixRow> => ({
      field,
      header,
      kind: measure === 'amount' ? 'money' : 'number',
      editable,
      total: true,
      width: 118,
      format: (v) => (typeof v === 'number' ? showValue(v, fmt) : ''),
      text: (v) => (typeof v === 'number' ? editText(v, measure, unit) : ''),
      parse: (text) => {
        const r = parseValue(text, measure, unit, t);
        return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
      },
      cellClass: editable ? undefined : () => 'td-cell-total',
    });
    return [
      { field: 'brand', header: t('targetDialogs.balance.brand'), kind: 'text', pinned: true, width: 130 },
      ...channels.map(([cid, name]) => num(`c${cid}`, name, true)),
      num('total', t('targetDialogs.balance.rowTotal'), false),
    ];
  }, [channels, unit, language, measure, t]);

  const onApply = useCallback(async (changes: GridChanges) => {
    setPairEdits((prev) => {
      const next = { ...prev };
      for (const u of changes.updates) {
        for (const [field, value] of Object.entries(u.values)) {
          if (!field.startsWith('c')) continue;
          next[pairKey(Number(u.id), Number(field.slice(1)))] = typeof value === 'number' ? value : 0;
        }
      }
      return next;
    });
  }, []);

  const pairTargets = useMemo(() => {
    const list: { brandId: number; channelId: number; value: number }[] = [];
    for (const [b] of brands)
      for (const [c] of channels) {
        const k = pairKey(b, c);
        const v = pairValue(b, c);
        if (current.has(k) || v > 0) list.push({ brandId: b, channelId: c, value: v });
      }
    return list;
  }, [brands, channels, current, pairValue]);

  const monthTotal = sum(monthTargets);
  const pairTotal = sum(pairTargets.map((p) => p.value));
  const inputKey = JSON.stringify([monthTargets, pairTargets]);
  const canRun = !!loaded && monthsValid && pairTargets.length > 0 && !previewCommand.pending && !applying;
  const stale = preview !== null && preview.key !== inputKey;

  const runPreview = async () => {
    setApplied(null);
    const key = inputKey;
    const outcome = await previewCommand.run({ versionId, measure, monthTargets, pairTargets, apply: false });
    if (outcome.ok) setPreview({ key, result: outcome.value });
  };
  const runApply = async () => {
    setApplying(true);
    const key = inputKey;
    const outcome = await runCommand('targets.balance', { versionId, measure, monthTargets, pairTargets, apply: true });
    setApplying(false);
    if (!outcome.ok) app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
    else {
      const result = outcome.value;
      // Keep the inputs as they were applied: the re-read plan must not move them.
      setMonthDraft(monthTargets.map((v) => editText(v, measure, unit)));
      setPairEdits(Object.fromEntries(pairTargets.map((p) => [pairKey(p.brandId, p.channelId), p.value])));
      setPreview({ key, result });
      setApplied(result.changed);
    }
  };

  const result = preview?.result ?? null;
  const unreachable = new Set((result?.unreachable ?? []).map((u) => pairKey(u.brandId, u.channelId)));
  // Toolbar, header and totals row around the rows; AG Grid keeps its row area at least ~150px tall.
  const gridHeight = Math.min(440, 124 + Math.max(160, rows.length * 34));

  return (
    <Modal
      title={t('targetDialogs.balance.title')}
      onClose={onClose}
      wide
      testId="balance-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
          <button type="button" className="btn" disabled={!canRun} onClick={() => void runPreview()} data-testid="balance-preview">
            {previewCommand.pending ? t('common.working') : t('targetDialogs.balance.preview')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!canRun} onClick={() => void runApply()} data-testid="balance-apply">
            {applying ? t('common.working') : t('targetDialogs.balance.apply')}
          </button>
        </>
      }
    >
      <div className="td td--balance">
        <p className="td-intro" data-testid="balance-explanation">
          {t('targetDialogs.balance.intro')}
        </p>
        <LoadNote query={{ data: loaded, error: loadError, loading: summaryQuery.loading || pairsQuery.loading }} />
        {loaded && (
          <>
            <section className="td-section">
              <div className="td-section__head">
                <h3 className="td-h3">{t('targetDialogs.balance.months')}</h3>
                {measure === 'amount' && <span className="muted">{t('targetDialogs.unitNote', { unit: measureUnit(f, t) })}</span>}
                <span className="gk__spacer" />
                <button
                  type="button"
                  className={effectiveSource === 'ho' && monthDraft === null ? 'btn btn--small is-active td-src' : 'btn btn--small td-src'}
                  disabled={hoTotal === 0}
                  title={hoTotal === 0 ? t('targetDialogs.balance.noHo') : undefined}
                  onClick={() => {
                    setSource('ho');
                    setMonthDraft(null);
                  }}
                  data-testid="balance-from-ho"
                >
                  {t('targetDialogs.balance.fromHo')}
                </button>
                <button
                  type="button"
                  className={effectiveSource === 'plan' && monthDraft === null ? 'btn btn--small is-active td-src' : 'btn btn--small td-src'}
                  onClick={() => {
                    setSource('plan');
                    setMonthDraft(null);
                  }}
                  data-testid="balance-from-plan"
                >
                  {t('targetDialogs.balance.fromPlan')}
                </button>
              </div>
              <div className="td-scroll">
                <table className="td-table td-table--months">
                  <thead>
                    <tr>
                      {months.map((m) => (
                        <th key={m} className="num">
                          {m}
                        </th>
                      ))}
                      <th className="num">{t('targetDialogs.yearTotal')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      {monthTexts.map((text, i) => {
                        const p = monthParsed[i];
                        return (
                          <td key={i}>
                            <input
                              className={p.ok ? 'input td-num-input' : 'input td-num-input is-invalid'}
                              value={text}
                              inputMode="decimal"
                              title={p.ok ? showExact(p.value, f, t) : p.reason}
                              aria-label={months[i]}
                              onChange={(e) => {
                                const next = monthDraft ? [...monthDraft] : baseMonths.map((v) => editText(v, measure, unit));
                                next[i] = e.target.value;
                                setMonthDraft(next);
                              }}
                              data-testid="balance-month"
                            />
                          </td>
                        );
                      })}
                      <td className="num td-strong" title={showExact(monthTotal, f, t)}>
                        {showValue(monthTotal, f)}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>
            </section>

            <section className="td-section">
              <div className="td-section__head">
                <h3 className="td-h3">{t('targetDialogs.balance.pairs')}</h3>
                <span className="muted">{t('targetDialogs.balance.pairsHint')}</span>
              </div>
              {rows.length === 0 ? (
                <p className="empty-note">{t('targetDialogs.balance.noPairs')}</p>
              ) : (
                <div className="td-grid" style={{ height: gridHeight }}>
                  <DataGrid<MatrixRow> gridId={`targets-balance-${measure}`} columns={columns} rows={rows} onApply={onApply} totals testId="balance-pairs-grid" />
                </div>
              )}
            </section>

            <div className={monthTotal === pairTotal ? 'td-check-line is-ok' : 'td-check-line is-warn'} data-testid="balance-consistency">
              <span>{t('targetDialogs.balance.monthTotal', { value: showWithUnit(monthTotal, f, t) })}</span>
              <span>{t('targetDialogs.balance.pairTotal', { value: showWithUnit(pairTotal, f, t) })}</span>
              <strong>
                {monthTotal === pairTotal
                  ? t('targetDialogs.balance.consistent')
                  : t('targetDialogs.balance.inconsistent', { diff: showWithUnit(Math.abs(monthTotal - pairTotal), f, t) })}
              </strong>
            </div>

            {previewCommand.error && <ErrorNote error={previewCommand.error} />}
            {applied !== null && (
              <p className="td-ok" data-testid="balance-applied">
                {t('targetDialogs.balance.applied', { value: formatInteger(applied, language) })}
              </p>
            )}
            {result && (
              <section className="td-section td-result" data-testid="balance-result">
                <div className="td-result__stats">
                  <span className={result.converged ? 'td-badge td-badge--ok' : 'td-badge td-badge--warn'}>
                    {result.converged ? t('targetDialogs.balance.converged') : t('targetDialogs.balance.notConverged')}
                  </span>
                  <span>{t('targetDialogs.balance.iterations', { value: formatInteger(result.iterations, language) })}</span>
                  <span title={showExact(result.maxResidual, f, t)}>
                    {t('targetDialogs.balance.maxResidual', { value: showWithUnit(result.maxResidual, f, t) })}
                  </span>
                  {stale && <span className="td-warn-inline">{t('targetDialogs.balance.stale')}</span>}
                </div>
                {result.unreachable.length > 0 && (
                  <p className="td-warn" data-testid="balance-unreachable">
                    {t('targetDialogs.balance.unreachable', { count: result.unreachable.length })}
                  </p>
                )}
                <div className="td-result__tables">
                  <table className="td-table td-table--compact">
                    <thead>
                      <tr>
                        <th>{t('targetDialogs.month')}</th>
                        <th className="num">{t('targetDialogs.balance.target')}</th>
                        <th className="num">{t('targetDialogs.balance.result')}</th>
                        <th className="num">{t('targetDialogs.balance.diff')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {result.months.map((m, i) => (
                        <tr key={i}>
                          <td>{months[i]}</td>
                          <td className="num" title={showExact(m.target, f, t)}>{showValue(m.target, f)}</td>
                          <td className="num" title={showExact(m.result, f, t)}>{showValue(m.result, f)}</td>
                          <td className={m.result === m.target ? 'num muted' : 'num td-down'}>{showValue(m.result - m.target, f)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <div className="td-scroll td-scroll--pairs">
                    <table className="td-table td-table--compact">
                      <thead>
                        <tr>
                          <th>{t('targetDialogs.balance.pair')}</th>
                          <th className="num">{t('targetDialogs.balance.current')}</th>
                          <th className="num">{t('targetDialogs.balance.target')}</th>
                          <th className="num">{t('targetDialogs.balance.result')}</th>
                          <th className="num">{t('targetDialogs.balance.diff')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {result.pairs.map((p) => {
                          const bad = unreachable.has(pairKey(p.brandId, p.channelId));
                          return (
                            <tr key={pairKey(p.brandId, p.channelId)} className={bad ? 'is-unreachable' : undefined} data-testid={bad ? 'balance-pair-unreachable' : 'balance-pair'}>
                              <td>
                                {p.brand} · {p.channel}
                                {bad && <span className="td-tag-bad">{t('targetDialogs.balance.unreachableTag')}</span>}
                              </td>
                              <td className="num" title={showExact(p.current, f, t)}>{showValue(p.current, f)}</td>
                              <td className="num" title={showExact(p.target, f, t)}>{showValue(p.target, f)}</td>
                              <td className="num" title={showExact(p.result, f, t)}>{showValue(p.result, f)}</td>
                              <td className={p.result === p.target ? 'num muted' : 'num td-down'}>{showValue(p.result - p.target, f)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                </div>
              </section>
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
