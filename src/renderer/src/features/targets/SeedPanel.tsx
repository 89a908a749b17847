import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SPREAD_METHODS, type SpreadMethod, type TargetMeasure } from '../../../../shared/endpoints/targets';
import { unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { editText, parseFigure, type FigureEnv } from './format';

// An empty plan: one clear step to start, the region's annual target (prefilled from
// head office's), spread by the chosen method down to every month, customer and SKU.

interface Props {
  measure: TargetMeasure;
  unit: DisplayUnit;
  language: Language;
  method: SpreadMethod;
  onMethod(method: SpreadMethod): void;
  /** Methods that cannot be used here (a reference version is needed but there is none). */
  disabledMethods: readonly SpreadMethod[];
  busy: boolean;
  /** Why the core refused the last try (already in the user's language). */
  refusal: string | null;
  onSubmit(value: number): void;
}

export function SeedPanel({ measure, unit, language, method, onMethod, disabledMethods, busy, refusal, onSubmit }: Props) {
  const { t } = useTranslation();
  const env: FigureEnv = { measure, unit, language };
  const [error, setError] = useState<string | null>(null);
  const valueId = useId();
  const methodId = useId();

  // Head office's year total prefills the value (a failed read: as if there were none).
  const ho = useQuery('targets.hoTarget', {});
  const hoTotal = ho.data ? ho.data.reduce((a, m) => a + (measure === 'amount' ? m.amountCents : m.volume), 0) : ho.error ? 0 : null;
  const prefill = hoTotal !== null && hoTotal > 0 ? editText(hoTotal, env) : '';
  /** What the user typed, for the measure and unit it was typed in. */
  const [draft, setDraft] = useState<{ env: string; text: string } | null>(null);
  const envKey = `${measure}|${unit}|${language}`;
  const text = draft?.env === envKey ? draft.text : prefill;

  const unitText = measure === 'amount' ? unitLabel(unit, language) : t('targets.measure.volumeUnit');
  const submit = () => {
    const r = parseFigure(text, env);
    if (!r.ok) {
      setError(t(`targets.invalid.${r.reason}`));
      return;
    }
    if (r.value <= 0) {
      setError(t('targets.invalid.positive'));
      return;
    }
    setError(null);
    onSubmit(r.value);
  };

  return (
    <div className="tg-seed" data-testid="targets-seed">
      <div className="tg-seed__card">
        <h2 className="tg-seed__title">{t('targets.empty.title')}</h2>
        <p className="tg-seed__body">{t('targets.empty.body')}</p>
        <form
          className="tg-seed__form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <div className="tg-seed__field">
            <label htmlFor={valueId}>{t('targets.empty.value')}</label>
            <div className="tg-seed__input">
              <input
                id={valueId}
                className="input tg-seed__value"
                inputMode="decimal"
                value={text}
                onChange={(e) => {
                  setDraft({ env: envKey, text: e.target.value });
                  setError(null);
                }}
                aria-invalid={error ? true : undefined}
                data-testid="targets-seed-value"
              />
              <span className="tg-seed__unit">{unitText}</span>
            </div>
            <span className="tg-seed__hint muted">
              {hoTotal !== null && hoTotal > 0 ? t('targets.empty.valueHint', { unit: unitText }) : t('targets.empty.valueHintNoHo', { unit: unitText })}
            </span>
          </div>
          <div className="tg-seed__field">
            <label htmlFor={methodId}>{t('targets.empty.method')}</label>
            <select
              id={methodId}
              className="input"
              value={method}
              onChange={(e) => onMethod(e.target.value as SpreadMethod)}
              data-testid="targets-seed-method"
            >
              {SPREAD_METHODS.map((m) => (
                <option key={m} value={m} disabled={disabledMethods.includes(m)}>
                  {t(`targets.method.${m}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn--primary tg-seed__submit" disabled={busy} data-testid="targets-seed-button">
            {t('targets.empty.submit')}
          </button>
        </form>
        {(error ?? refusal) && (
          <p className="inline-error" role="alert" data-testid="targets-seed-error">
            {error ?? refusal}
          </p>
        )}
      </div>
    </div>
  );
}
