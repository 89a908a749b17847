import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionInfo } from '../../../../shared/endpoints/promotions';
import { yearSpan } from '../../../../shared/promotions';
import { intlLocale, type Language } from '../../../../shared/units';
import { TYPE_COLORS } from './typeColors';

// A Gantt-like view of the plan year: the months across, one bar per activity,
// coloured by type; an activity that overlaps another has a red outline.

interface Props {
  planYear: number;
  promotions: readonly PromotionInfo[];
  language: Language;
  onOpen(id: number): void;
}

export function Timeline({ planYear, promotions, language, onOpen }: Props) {
  const { t } = useTranslation();
  const months = useMemo(() => {
    const f = new Intl.DateTimeFormat(intlLocale(language), { month: 'short', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, m) => f.format(new Date(Date.UTC(planYear, m, 1))));
  }, [planYear, language]);
  const monthStarts = useMemo(() => {
    const y0 = Date.UTC(planYear, 0, 1);
    const len = Date.UTC(planYear + 1, 0, 1) - y0;
    return Array.from({ length: 13 }, (_, m) => (Date.UTC(planYear, m, 1) - y0) / len);
  }, [planYear]);
  const names = new Map(promotions.map((p) => [p.id, p.name]));
  const used = [...new Set(promotions.map((p) => p.type))];

  return (
    <div className="promo-tl" data-testid="promo-timeline">
      <div className="promo-tl__head">
        <div className="promo-tl__label promo-tl__label--head">{planYear}</div>
        <div className="promo-tl__track">
          {months.map((m, i) => (
            <div key={i} className="promo-tl__month" style={{ left: `${monthStarts[i] * 100}%`, width: `${(monthStarts[i + 1] - monthStarts[i]) * 100}%` }}>
              {m}
            </div>
          ))}
        </div>
      </div>
      {promotions.map((p) => {
        const span = yearSpan(p.startDate, p.endDate, planYear);
        const overlapNames = p.overlaps.map((id) => names.get(id) ?? String(id)).join('、');
        const tip = `${p.name} · ${t(`promotions.type.${p.type}`)} · ${p.startDate} ~ ${p.endDate}` +
          (p.overlaps.length > 0 ? `\n${t('promotions.overlap', { names: overlapNames })}` : '');
        return (
          <div key={p.id} className="promo-tl__row" data-testid={`promo-tl-row-${p.id}`}>
            <div className="promo-tl__label" title={p.name}>
              {p.overlaps.length > 0 && <span className="promo-warn" aria-label={t('promotions.overlapShort')}>⚠</span>}
              {p.name}
            </div>
            <div className="promo-tl__track">
              {monthStarts.slice(1, 12).map((x, i) => (
                <div key={i} className="promo-tl__grid" style={{ left: `${x * 100}%` }} />
              ))}
              {span && (
                <button
                  type="button"
                  className={p.overlaps.length > 0 ? 'promo-tl__bar is-overlap' : 'promo-tl__bar'}
                  style={{ left: `${span.from * 100}%`, width: `${Math.max(span.to - span.from, 0.004) * 100}%`, background: TYPE_COLORS[p.type] }}
                  title={tip}
                  onClick={() => onOpen(p.id)}
                  data-testid={`promo-tl-bar-${p.id}`}
                  data-overlap={p.overlaps.length > 0 ? 'true' : 'false'}
                >
                  <span className="promo-tl__bartext">{p.name}</span>
                </button>
              )}
            </div>
          </div>
        );
      })}
      <div className="promo-tl__legend">
        {used.map((type) => (
          <span key={type} className="promo-tl__key">
            <span className="promo-tl__swatch" style={{ background: TYPE_COLORS[type] }} />
            {t(`promotions.type.${type}`)}
          </span>
        ))}
      </div>
    </div>
  );
}
