import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VarianceLogNote, VarianceSlice } from '../../../../../shared/endpoints/planVariance';
import { formatAmount, formatPercent, unitLabel } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { errorText } from '../../../i18n';
import { todayIso } from '../../targets/dialogs/format';
import { CausesDialog } from './CausesDialog';
import { NoteDialog, type NoteDraft } from './NoteDialog';
import { periodText, sliceText, useCauseName } from './varianceText';
import './variance.css';
import { PlanVersionSelect } from '../PlanVersionSelect';

// 差異分析, the variance log: every note of a plan version by period and cause, with the
// gap it explains (the slice × period's actual against the version's plan, by the sales
// analysis's measures; against the same months of the year before where there is no
// plan), the totals per cause, and the actions each note led to with their status.

export function VarianceLogPanel() {
  const { t: tt } = useTranslation();
  const t = tt as unknown as (k: string, o?: Record<string, unknown>) => string;
  const app = useApp();
  const { language } = app;
  const unit = app.summary?.displayUnit ?? 'wan';
  const [today] = useState(todayIso);
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const { data, error } = useQuery('plan.variance.log', { ...(versionId !== undefined ? { versionId } : {}), today });
  const causeName = useCauseName();
  const [causeFilter, setCauseFilter] = useState<string>('');
  const [yearFilter, setYearFilter] = useState<string>('');
  const [dialog, setDialog] = useState<NoteDraft | null>(null);
  const [causesOpen, setCausesOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const readOnly = data?.frozen ?? false;
  const causeById = useMemo(() => new Map((data?.causes ?? []).map((c) => [c.id, c])), [data]);
  const money = (cents: number | null) => (cents === null ? '' : formatAmount(cents, unit, language));
  const signed = (cents: number) => `${cents > 0 ? '+' : ''}${formatAmount(cents, unit, language)}`;
  const notes = useMemo(() => {
    const list = data?.notes ?? [];
    return list.filter(
      (n) =>
        (causeFilter === '' || String(n.causeId ?? 'none') === causeFilter) && (yearFilter === '' || String(n.period.year) === yearFilter),
    );
  }, [data, causeFilter, yearFilter]);
  const years = useMemo(() => [...new Set((data?.notes ?? []).map((n) => n.period.year))].sort((a, b) => b - a), [data]);

  const run = async (work: () => ReturnType<typeof runCommand>) => {
    setMessage(null);
    const outcome = await work();
    if (!outcome.ok) setMessage(errorText(outcome.error));
  };

  const newDraft = (): NoteDraft => ({
    period: { kind: 'month', year: data?.planYear ?? new Date().getFullYear(), month: 1 },
    slice: [],
    causeId: null,
    body: '',
    author: '',
  });
  const editDraft = (n: VarianceLogNote): NoteDraft => ({ id: n.id, period: n.period, slice: n.slice, causeId: n.causeId, body: n.body, author: n.author });
  const sliceLabel = (slice: VarianceSlice, names: readonly string[]) => sliceText(t, slice, names, language);

  return (
    <div className="vl" data-testid="plan-variance-panel" data-frozen={readOnly ? 'true' : 'false'}>
      <div className="an-filters vl-toolbar">
        <PlanVersionSelect value={data?.versionId} onChange={(id) => setVersionId(id)} testId="vl-version" />
        <label>
          {t('planVariance.col.period')}
          <select value={yearFilter} onChange={(e) => setYearFilter(e.target.value)} data-testid="vl-year">
            <option value="">{t('planVariance.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planVariance.col.cause')}
          <select value={causeFilter} onChange={(e) => setCauseFilter(e.target.value)} data-testid="vl-cause">
            <option value="">{t('planVariance.allCauses')}</option>
            {(data?.causes ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {causeName(c)}
              </option>
            ))}
            <option value="none">{t('planVariance.noCause')}</option>
          </select>
        </label>
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={() => setCausesOpen(true)} disabled={!data} data-testid="vl-causes">
          {t('planVariance.causesButton')}
        </button>
        {!readOnly && (
          <button type="button" className="btn btn--small btn--primary" onClick={() => setDialog(newDraft())} disabled={!data} data-testid="vl-add">
            {t('planVariance.add')}
          </button>
        )}
      </div>
      <p className="an-note">
        {t('planVariance.intro')} {t('planVariance.unitNote', { unit: unitLabel(unit, language) })}
      </p>
      {readOnly && (
        <p className="vl-frozen" data-testid="vl-frozen">
          {t('planVariance.frozen')}
        </p>
      )}
      {error && <p className="an-note an-neg">{errorText(error)}</p>}
      {message && (
        <p className="form__error" role="alert" data-testid="vl-message">
          {message}
        </p>
      )}
      {!data && !error && <p className="an-note">{t('planVariance.loading')}</p>}
      {data && data.notes.length === 0 && (
        <div className="an-empty" data-testid="vl-empty">
          <p>{t('planVariance.empty')}</p>
        </div>
      )}
      {data && data.notes.length > 0 && (
        <div className="vl-body">
          <section className="vl-cards" aria-label={t('planVariance.byCauseTitle')} data-testid="vl-by-cause">
            {data.byCause.map((b) => {
              const value = String(b.causeId ?? 'none');
              return (
                <button
                  key={value}
                  type="button"
                  className={causeFilter === value ? 'vl-card is-selected' : 'vl-card'}
                  onClick={() => setCauseFilter(causeFilter === value ? '' : value)}
                  aria-pressed={causeFilter === value}
                  data-testid="vl-card"
                >
                  <span className="vl-card__name">{causeName(b.causeId === null ? undefined : causeById.get(b.causeId))}</span>
                  <span className="vl-card__count">{t('planVariance.cardNotes', { count: b.notes })}</span>
                  <span className={`vl-card__gap${(b.gapCents ?? b.yoyCents) < 0 ? ' an-neg' : ''}`}>
                    {b.gapCents !== null ? `${t('planVariance.vsPlan')} ${signed(b.gapCents)}` : `${t('planVariance.vsLastYear')} ${signed(b.yoyCents)}`}
                  </span>
                </button>
              );
            })}
          </section>
          <section className="vl-log" aria-label={t('planVariance.logTitle')}>
            {notes.length === 0 && <p className="an-note">{t('planVariance.emptyFiltered')}</p>}
            <table className="an-table vl-table" data-testid="vl-table">
              <thead>
                <tr>
                  <th>{t('planVariance.col.period')}</th>
                  <th className="vl-slice">{t('planVariance.col.slice')}</th>
                  <th className="vl-cause">{t('planVariance.col.cause')}</th>
                  <th className="vl-text">{t('planVariance.col.body')}</th>
                  <th>{t('planVariance.col.actual')}</th>
                  <th>{t('planVariance.col.target')}</th>
                  <th>{t('planVariance.col.gap')}</th>
                  <th>{t('planVariance.col.achievement')}</th>
                  <th>{t('planVariance.col.yoy')}</th>
                  <th className="vl-text">{t('planVariance.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {notes.map((n) => {
                  const unlinked = data.actions.filter((a) => !n.actions.some((x) => x.id === a.id));
                  const gap = n.gap.gapCents ?? n.gap.yoyCents;
                  return (
                    <tr key={n.id} data-testid="vl-row" data-id={n.id} data-gap={n.gap.gapCents ?? ''} data-actual={n.gap.actualCents}>
                      <td>{periodText(t, n.period)}</td>
                      <td className="vl-slice" data-col="slice">
                        {sliceLabel(n.slice, n.sliceNames)}
                      </td>
                      <td className="vl-cause" data-col="cause">{causeName(n.causeId === null ? undefined : causeById.get(n.causeId))}</td>
                      <td className="vl-text">
                        <span data-col="body">{n.body}</span>
                        {n.author && <span className="vl-author">{t('planVariance.by', { name: n.author })}</span>}
                        {!readOnly && (
                          <span className="vl-buttons">
                            <button type="button" className="vl-linkbtn" onClick={() => setDialog(editDraft(n))} data-testid="vl-edit">
                              {t('planVariance.edit')}
                            </button>
                            <button type="button" className="vl-linkbtn" onClick={() => void run(() => runCommand('plan.variance.remove', { ids: [n.id] }))} data-testid="vl-remove">
                              {t('planVariance.remove')}
                            </button>
                          </span>
                        )}
                      </td>
                      <td>{money(n.gap.actualCents)}</td>
                      <td>{n.gap.targetCents === null ? <span className="vl-muted">{t('planVariance.noTarget')}</span> : money(n.gap.targetCents)}</td>
                      <td className={gap < 0 ? 'an-neg' : undefined}>
                        {signed(gap)}
                        {n.gap.gapCents === null && <span className="vl-tag">{t('planVariance.vsLastYear')}</span>}
                      </td>
                      <td>{formatPercent(n.gap.achievement, language)}</td>
                      <td className={n.gap.yoy !== null && n.gap.yoy < 0 ? 'an-neg' : undefined}>{formatPercent(n.gap.yoy, language)}</td>
                      <td className="vl-text" data-col="actions">
                        <span className="vl-actions">
                          {n.actions.map((a) => (
                            <span key={a.id} className={`vl-chip vl-chip--${a.status}${a.overdue ? ' vl-chip--overdue' : ''}`} title={a.title} data-testid="vl-action" data-status={a.status}>
                              <span className="vl-chip__title">{a.title}</span>
                              <span className="vl-chip__status">{a.overdue ? t('planVariance.overdue') : t(`planVariance.status.${a.status}`)}</span>
                              {!readOnly && (
                                <button
                                  type="button"
                                  className="vl-chip__x"
                                  aria-label={t('planVariance.unlink')}
                                  title={t('planVariance.unlink')}
                                  onClick={() => void run(() => runCommand('plan.variance.link', { noteId: n.id, actionId: a.id, linked: false }))}
                                  data-testid="vl-unlink"
                                >
                                  ×
                                </button>
                              )}
                            </span>
                          ))}
                          {!readOnly && (
                            <select
                              className="vl-link"
                              value=""
                              aria-label={t('planVariance.linkAction')}
                              title={data.actions.length === 0 ? t('planVariance.noActions') : undefined}
                              disabled={unlinked.length === 0}
                              onChange={(e) => e.target.value && void run(() => runCommand('plan.variance.link', { noteId: n.id, actionId: Number(e.target.value), linked: true }))}
                              data-testid="vl-link"
                            >
                              <option value="">{t('planVariance.linkAction')}</option>
                              {unlinked.map((a) => (
                                <option key={a.id} value={a.id}>
                                  {a.title}
                                </option>
                              ))}
                            </select>
                          )}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        </div>
      )}
      {dialog && data && (
        <NoteDialog
          draft={dialog}
          {...(dialog.id !== undefined ? { sliceLabel: sliceLabel(dialog.slice, data.notes.find((n) => n.id === dialog.id)?.sliceNames ?? []) } : { options: data.options })}
          causes={data.causes}
          years={data.years}
          onClose={() => setDialog(null)}
        />
      )}
      {causesOpen && data && <CausesDialog causes={data.causes} readOnly={readOnly} onClose={() => setCausesOpen(false)} />}
    </div>
  );
}
