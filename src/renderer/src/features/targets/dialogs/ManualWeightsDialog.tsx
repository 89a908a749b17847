import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_PERIODS, type TargetDim, type TargetMeasure, type TargetNode, type TargetPeriod } from '../../../../../shared/endpoints/targets';
import { formatPercent, intlLocale } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { monthNames } from '../../overview/chartOption';
import { editText, measureUnit, parseValue, shareOut, showExact, showValue, showWithUnit, sum, type Fmt } from './format';
import './targetDialogs.css';

// Manual weights: a node's period total shared among its children by weights the
// user types (defaulting to their current shares), with the result shown live.

interface ManualWeightsDialogProps {
  versionId: number;
  levels: TargetDim[];
  measure: TargetMeasure;
  node: { path: number[]; label: string; months: number[] };
  children: TargetNode[];
  onClose(): void;
}

function monthsOf(period: TargetPeriod): number[] {
  if (period === 'year') return Array.from({ length: 12 }, (_, i) => i);
  if (period.startsWith('q')) {
    const q = Number(period.slice(1)) - 1;
    return [q * 3, q * 3 + 1, q * 3 + 2];
  }
  return [Number(period.slice(1)) - 1];
}

function periodValue(months: number[], period: TargetPeriod): number {
  return sum(monthsOf(period).map((m) => months[m] ?? 0));
}

function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(/[%％\s]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  if (cleaned === '') return 0;
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return n <= 1e12 ? n : null;
}

export function ManualWeightsDialog({ versionId, levels, measure, node, children, onClose }: ManualWeightsDialogProps) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const f: Fmt = { unit, language, measure };
  const months = monthNames(language);
  const pct = new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: 2 });

  const [period, setPeriod] = useState<TargetPeriod>('year');
  const [weightDraft, setWeightDraft] = useState<string[] | null>(null);
  const [totalDraft, setTotalDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const currentTotal = periodValue(node.months, period);
  const currents = children.map((c) => periodValue(c.months, period));
  const currentSum = sum(currents);
  const defaultWeights = currents.map((v) =>
    currentSum > 0 ? String(Math.round((v / currentSum) * 10000) / 100) : String(Math.round(10000 / Math.max(1, children.length)) / 100),
  );
  const weightTexts = weightDraft ?? defaultWeights;
  const weights = weightTexts.map(parsePercent);
  const weightsValid = weights.every((w) => w !== null);
  const ws = weights.map((w) => w ?? 0);
  const weightSum = sum(ws);

  const totalText = totalDraft ?? editText(currentTotal, measure, unit);
  const totalParsed = parseValue(totalText, measure, unit, t);
  const total = totalParsed.ok ? totalParsed.value : currentTotal;
  const results = weightSum > 0 ? shareOut(total, ws, measure === 'amount' ? 100 : 1) : ws.map(() => 0);
  const canApply = children.length > 0 && weightsValid && weightSum > 0 && totalParsed.ok && !busy;

  const apply = async () => {
    setBusy(true);
    const outcome = await runCommand('targets.spreadManual', {
      versionId,
      levels,
      measure,
      path: node.path,
      period,
      total: totalDraft !== null && total !== currentTotal ? total : undefined,
      weights: children.map((c, i) => ({ id: c.path[c.path.length - 1] ?? 0, weight: ws[i] })),
    });
    setBusy(false);
    if (outcome.ok) onClose();
    else app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
  };

  const periodLabel = (p: TargetPeriod) =>
    p === 'year' || p.startsWith('q') ? t(`targetDialogs.manual.periods.${p as 'year' | 'q1' | 'q2' | 'q3' | 'q4'}`) : months[Number(p.slice(1)) - 1];

  return (
    <Modal
      title={t('targetDialogs.manual.title', { label: node.label })}
      onClose={onClose}
      wide
      testId="manual-weights-dialog"
      dismissible={!busy}
      footer={
        <>
          <button
            type="button"
            className="btn td-footer-left"
            disabled={busy || children.length === 0}
            onClick={() => setWeightDraft(children.map(() => String(Math.round(10000 / children.length) / 100)))}
            data-testid="manual-equal"
          >
            {t('targetDialogs.manual.equal')}
          </button>
          <button type="button" className="btn" disabled={busy || weightDraft === null} onClick={() => setWeightDraft(null)}>
            {t('targetDialogs.manual.resetWeights')}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!canApply} onClick={() => void apply()} data-testid="manual-apply">
            {busy ? t('common.working') : t('targetDialogs.manual.apply')}
          </button>
        </>
      }
    >
      <div className="td td--manual">
        <p className="td-intro">{t('targetDialogs.manual.intro', { label: node.label })}</p>
        <div className="td-controls__row">
          <label className="td-inline-field">
            <span className="field__label">{t('targetDialogs.manual.period')}</span>
            <select
              className="input td-select"
              value={period}
              onChange={(e) => {
                setPeriod(e.target.value as TargetPeriod);
                setWeightDraft(null);
                setTotalDraft(null);
              }}
              data-testid="manual-period"
            >
              {TARGET_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(p)}
                </option>
              ))}
            </select>
          </label>
          <label className="td-inline-field">
            <span className="field__label">{t('targetDialogs.manual.nodeTotal', { unit: measureUnit(f, t) })}</span>
            <input
              className={totalParsed.ok ? 'input td-num-input td-num-input--wide' : 'input td-num-input td-num-input--wide is-invalid'}
              value={totalText}
              inputMode="decimal"
              title={totalParsed.ok ? showExact(totalParsed.value, f, t) : totalParsed.reason}
              onChange={(e) => setTotalDraft(e.target.value)}
              data-testid="manual-total"
            />
          </label>
          <span className="muted td-inline-note" title={showExact(currentTotal, f, t)}>
            {t('targetDialogs.manual.currentTotal', { value: showWithUnit(currentTotal, f, t) })}
          </span>
        </div>
        {!totalParsed.ok && <p className="field__error">{t('targetDialogs.manual.invalidTotal')}</p>}
        {children.length === 0 ? (
          <p className="empty-note">{t('targetDialogs.manual.noChildren')}</p>
        ) : (
          <div className="td-scroll td-scroll--manual">
            <table className="td-table" data-testid="manual-table">
              <thead>
                <tr>
                  <th>{t('targetDialogs.manual.child')}</th>
                  <th className="num">{t('targetDialogs.manual.current')}</th>
                  <th className="num">{t('targetDialogs.manual.weight')}</th>
                  <th className="num">{t('targetDialogs.manual.share')}</th>
                  <th className="num">{t('targetDialogs.manual.result')}</th>
                </tr>
              </thead>
              <tbody>
                {children.map((c, i) => (
                  <tr key={c.path.join('/')} data-testid="manual-row">
                    <td className="td-label">{c.label}</td>
                    <td className="num" title={showExact(currents[i], f, t)}>{showValue(currents[i], f)}</td>
                    <td className="num">
                      <input
                        className={weights[i] === null ? 'input td-num-input is-invalid' : 'input td-num-input'}
                        value={weightTexts[i]}
                        inputMode="decimal"
                        aria-label={`${c.label} ${t('targetDialogs.manual.weight')}`}
                        onChange={(e) => {
                          const next = [...weightTexts];
                          next[i] = e.target.value;
                          setWeightDraft(next);
                        }}
                        data-testid="manual-weight"
                      />
                    </td>
                    <td className="num">{formatPercent(weightSum > 0 ? ws[i] / weightSum : null, language)}</td>
                    <td className="num td-strong" title={showExact(results[i], f, t)} data-testid="manual-result">
                      {showValue(results[i], f)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td className="td-label">{t('targetDialogs.total')}</td>
                  <td className="num" title={showExact(currentSum, f, t)}>{showValue(currentSum, f)}</td>
                  <td className="num">{pct.format(weightSum)}%</td>
                  <td className="num">{formatPercent(weightSum > 0 ? 1 : null, language)}</td>
                  <td className="num td-strong" title={showExact(sum(results), f, t)}>{showValue(sum(results), f)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {!weightsValid && <p className="field__error">{t('targetDialogs.seasonality.invalid')}</p>}
        {weightsValid && weightSum <= 0 && children.length > 0 && <p className="field__error">{t('targetDialogs.manual.zeroWeights')}</p>}
        {weightsValid && weightSum > 0 && Math.abs(weightSum - 100) > 0.05 && (
          <p className="muted td-note">
            {t('targetDialogs.manual.weightSum', { value: `${pct.format(weightSum)}%` })} · {t('targetDialogs.manual.scaled')}
          </p>
        )}
      </div>
    </Modal>
  );
}
