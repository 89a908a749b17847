import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  VARIANCE_PERIOD_KINDS, canonicalSlice, type VarianceCause, type VariancePeriod, type VariancePeriodKind, type VarianceSlice,
} from '../../../../../shared/endpoints/planVariance';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { runCommand } from '../../../api/commands';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { errorText } from '../../../i18n';
import { useCauseName } from './varianceText';
import './variance.css';

// The note dialog: the period (month, quarter or year), the slice (fixed when the note
// is made from a chart point or a grid cell, picked here when made in the log), a cause
// from the list and a text. Saving is one command; a refusal shows here and keeps the form.

export interface NoteDraft {
  id?: number;
  period: VariancePeriod;
  slice: VarianceSlice;
  causeId: number | null;
  body: string;
  author: string;
}

/** The dimensions a note made in the log can be narrowed to. */
const PICKABLE = ['city', 'channel', 'brand', 'category'] as const;
type Pickable = (typeof PICKABLE)[number];

interface Props {
  draft: NoteDraft;
  /** The fixed slice's text; absent: the slice is picked from `options`. */
  sliceLabel?: string;
  options?: Record<Pickable, { id: number; name: string }[]>;
  causes: readonly VarianceCause[];
  years: readonly [number, number];
  onClose: () => void;
  onSaved?: (id: number) => void;
}

function withKind(p: VariancePeriod, kind: VariancePeriodKind): VariancePeriod {
  const first = p.kind === 'month' ? p.month : p.kind === 'quarter' ? p.quarter * 3 - 2 : 1;
  if (kind === 'month') return { kind, year: p.year, month: first };
  if (kind === 'quarter') return { kind, year: p.year, quarter: Math.ceil(first / 3) };
  return { kind, year: p.year };
}

export function NoteDialog({ draft, sliceLabel, options, causes, years, onClose, onSaved }: Props) {
  const { t: tt } = useTranslation();
  const t = tt as unknown as (k: string, o?: Record<string, unknown>) => string;
  const app = useApp();
  const { language } = app;
  const causeName = useCauseName();
  const id = useId();
  const [period, setPeriod] = useState<VariancePeriod>(draft.period);
  const [slice, setSlice] = useState<VarianceSlice>(draft.slice);
  const [causeId, setCauseId] = useState<number | null>(draft.causeId);
  const [body, setBody] = useState(draft.body);
  // A new note is the region manager's unless someone else is named.
  const [author, setAuthor] = useState(draft.id === undefined && !draft.author ? (app.summary?.managerName ?? '') : draft.author);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const yearChoices: number[] = [];
  for (let y = years[1]; y >= years[0]; y--) yearChoices.push(y);
  if (!yearChoices.includes(period.year)) yearChoices.push(period.year);

  const save = async () => {
    setBusy(true);
    setError(null);
    const outcome = await runCommand('plan.variance.save', {
      ...(draft.id !== undefined ? { id: draft.id } : {}),
      period,
      slice: canonicalSlice(slice),
      causeId,
      body,
      author: author.trim(),
    });
    setBusy(false);
    if (!outcome.ok) {
      setError(errorText(outcome.error));
      return;
    }
    onSaved?.(outcome.value.id);
    onClose();
  };

  const pick = (dim: Pickable, value: string) =>
    setSlice((s) => {
      const rest = s.filter((p) => p.dim !== dim);
      return value === '' ? rest : [...rest, { dim, id: Number(value) }];
    });

  return (
    <Modal
      title={t(draft.id === undefined ? 'planVariance.dialog.addTitle' : 'planVariance.dialog.editTitle')}
      onClose={onClose}
      wide
      testId="vn-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-testid="vn-cancel">
            {t('planVariance.dialog.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void save()} data-testid="vn-save">
            {t('planVariance.dialog.save')}
          </button>
        </>
      }
    >
      <div className="vn-form">
        <div className="field">
          <span className="field__label">{t('planVariance.dialog.slice')}</span>
          {sliceLabel !== undefined ? (
            <span className="vn-slice" data-testid="vn-slice">
              {sliceLabel}
            </span>
          ) : (
            <span className="vn-row">
              {PICKABLE.map((dim) => (
                <label key={dim} className="vn-pick">
                  <span className="vn-pick__label">{t(`planVariance.dim.${dim}`)}</span>
                  <select
                    className="input"
                    value={slice.find((p) => p.dim === dim)?.id ?? ''}
                    onChange={(e) => pick(dim, e.target.value)}
                    data-testid={`vn-pick-${dim}`}
                  >
                    <option value="">{t('planVariance.dialog.pick')}</option>
                    {(options?.[dim] ?? []).map((m) => (
                      <option key={m.id} value={m.id}>
                        {dim === 'city' ? geoDisplayName(m.name, 'city', language) : m.name}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </span>
          )}
        </div>
        <div className="vn-row">
          <label className="vn-pick" htmlFor={`${id}-kind`}>
            <span className="vn-pick__label">{t('planVariance.dialog.periodKind')}</span>
            <select id={`${id}-kind`} className="input" value={period.kind} onChange={(e) => setPeriod((p) => withKind(p, e.target.value as VariancePeriodKind))} data-testid="vn-kind">
              {VARIANCE_PERIOD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`planVariance.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="vn-pick" htmlFor={`${id}-year`}>
            <span className="vn-pick__label">{t('planVariance.dialog.year')}</span>
            <select id={`${id}-year`} className="input" value={period.year} onChange={(e) => setPeriod((p) => ({ ...p, year: Number(e.target.value) }))} data-testid="vn-year">
              {yearChoices.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          {period.kind === 'month' && (
            <label className="vn-pick" htmlFor={`${id}-month`}>
              <span className="vn-pick__label">{t('planVariance.dialog.month')}</span>
              <select id={`${id}-month`} className="input" value={period.month} onChange={(e) => setPeriod({ kind: 'month', year: period.year, month: Number(e.target.value) })} data-testid="vn-month">
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={i + 1}>
                    {t('planVariance.dialog.monthOption', { m: i + 1 })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {period.kind === 'quarter' && (
            <label className="vn-pick" htmlFor={`${id}-quarter`}>
              <span className="vn-pick__label">{t('planVariance.dialog.quarter')}</span>
              <select id={`${id}-quarter`} className="input" value={period.quarter} onChange={(e) => setPeriod({ kind: 'quarter', year: period.year, quarter: Number(e.target.value) })} data-testid="vn-quarter">
                {[1, 2, 3, 4].map((q) => (
                  <option key={q} value={q}>
                    {t('planVariance.dialog.quarterOption', { q })}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <label className="field" htmlFor={`${id}-cause`}>
          <span className="field__label">{t('planVariance.dialog.cause')}</span>
          <select id={`${id}-cause`} className="input" value={causeId ?? ''} onChange={(e) => setCauseId(e.target.value === '' ? null : Number(e.target.value))} data-testid="vn-cause">
            <option value="">{t('planVariance.dialog.noCause')}</option>
            {causes.map((c) => (
              <option key={c.id} value={c.id}>
                {causeName(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-body`}>
          <span className="field__label">{t('planVariance.dialog.body')}</span>
          <textarea
            id={`${id}-body`}
            className="input vn-body"
            rows={4}
            maxLength={4000}
            value={body}
            placeholder={t('planVariance.dialog.bodyPlaceholder')}
            onChange={(e) => setBody(e.target.value)}
            data-testid="vn-body"
          />
        </label>
        <label className="field" htmlFor={`${id}-author`}>
          <span className="field__label">{t('planVariance.dialog.author')}</span>
          <input id={`${id}-author`} className="input" maxLength={60} value={author} onChange={(e) => setAuthor(e.target.value)} data-testid="vn-author" />
        </label>
        {error && (
          <p className="form__error" role="alert" data-testid="vn-error">
            {error}
          </p>
        )}
      </div>
    </Modal>
  );
}
