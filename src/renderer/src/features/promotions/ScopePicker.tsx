import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldGeoChars, geoDisplayName } from '../../../../shared/geoNames';
import type { ScopeDim } from '../../../../shared/promotions';
import { useApp } from '../../app/AppContext';
import type { ScopeOption } from './usePromotions';

// Picks ids of one dimension: the chosen ones as chips, a searchable checklist below.
// Nothing picked means all.

interface Props {
  dim: ScopeDim;
  options: readonly ScopeOption[];
  value: number[];
  onChange(ids: number[]): void;
}

const SHOWN = 300;

export function ScopePicker({ dim, options, value, onChange }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const byId = useMemo(() => new Map(options.map((o) => [o.id, o])), [options]);
  const chosen = new Set(value);
  const { language } = useApp();
  // Cities: searched in either script (苏州 finds 蘇州市), and named in the UI language when listed nationally.
  const isPlace = dim === 'city';
  const fold = (text: string) => (isPlace ? foldGeoChars(text.toLowerCase()) : text.toLowerCase());
  const nameOf = (o: ScopeOption) => (isPlace ? geoDisplayName(o.name, 'city', language) : o.name);
  const q = fold(filter.trim());
  const matches = q === '' ? options : options.filter((o) => fold(o.name).includes(q) || o.code.toLowerCase().includes(q));
  const toggle = (id: number) => onChange(chosen.has(id) ? value.filter((x) => x !== id) : [...value, id]);

  return (
    <div className="promo-pick" data-testid={`promo-pick-${dim}`}>
      <div className="promo-pick__head">
        <span className="promo-pick__label">{t(`promotions.dim.${dim}`)}</span>
        <span className="promo-pick__chips">
          {value.length === 0 && <span className="muted">{t('promotions.dialog.noneAll')}</span>}
          {value.map((id) => (
            <button key={id} type="button" className="promo-chip" onClick={() => toggle(id)} title="×">
              {byId.has(id) ? nameOf(byId.get(id)!) : id} ×
            </button>
          ))}
        </span>
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(!open)} aria-expanded={open} data-testid={`promo-pick-${dim}-toggle`}>
          {t('promotions.dialog.pick')}
        </button>
      </div>
      {open && (
        <div className="promo-pick__panel">
          <input className="input promo-pick__filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('promotions.dialog.filter')} aria-label={t(`promotions.dim.${dim}`)} />
          <div className="promo-pick__list">
            {matches.slice(0, SHOWN).map((o) => (
              <label key={o.id} className="promo-pick__item">
                <input type="checkbox" checked={chosen.has(o.id)} onChange={() => toggle(o.id)} />
                <span>{nameOf(o)}</span>
                <span className="muted promo-pick__code">{o.code}</span>
              </label>
            ))}
            {matches.length > SHOWN && <span className="muted">… +{matches.length - SHOWN}</span>}
          </div>
        </div>
      )}
    </div>
  );
}
