import type { Deck, Slide, SlideFilter } from '../../../../../shared/deck';
import { formatAmount, formatInteger, formatPeriod, unitLabel } from '../../../../../shared/units';
import { DRILL_COLUMNS } from './drill';
import type { DrillRowsView } from './channel';
import { useT } from './usePresentation';

// What opens over a slide during the meeting: the rows behind a bar, and the filter
// bar that answers "what about 浙江 only?".

const HEADER_KEY: Record<string, string> = {
  period: 'period',
  customerCode: 'customerCode',
  customerName: 'customerName',
  skuName: 'skuName',
  cityName: 'city',
  categoryName: 'category',
  brandName: 'brand',
  amountCents: 'amount',
  volume: 'volume',
};

export function DrillOverlay({ deck, drill, onClose }: { deck: Pick<Deck, 'unit' | 'language'>; drill: DrillRowsView; onClose?: () => void }) {
  const t = useT();
  const { unit, language } = deck;
  const fields = DRILL_COLUMNS[drill.source];
  const ns = `analysis.${drill.source}.drill`;
  const unitText = unitLabel(unit, language);
  const cell = (field: string, v: unknown): string => {
    if (typeof v !== 'number') return typeof v === 'string' ? v : '';
    if (field === 'period') return formatPeriod(v);
    if (field === 'amountCents') return formatAmount(v, unit, language);
    return formatInteger(v, language);
  };
  const amount = drill.rows?.reduce((sum, r) => sum + (typeof r.amountCents === 'number' ? r.amountCents : 0), 0) ?? 0;
  return (
    <section className="present-drill" data-testid="present-drill" data-total={drill.rows ? drill.total : ''} data-amount={drill.rows ? amount : ''} role="dialog" aria-label={drill.title}>
      <div className="present-drill__head">
        <h2>{drill.title}</h2>
        {drill.rows && <span className="present-drill__count">{t(`${ns}.count`, { total: formatInteger(drill.total, language), shown: formatInteger(drill.rows.length, language) })}</span>}
        <span className="present-spacer" />
        {onClose && (
          <button type="button" className="present-btn" onClick={onClose} data-testid="present-drill-close">
            {t('deck.present.drillClose')}
          </button>
        )}
      </div>
      {drill.error && <p className="present-drill__error">{drill.error}</p>}
      {!drill.rows && <p className="present-drill__loading">{t('deck.present.loading')}</p>}
      {drill.rows && (
        <div className="present-drill__body">
          <table className="present-drill__table" data-testid="present-drill-rows">
            <thead>
              <tr>
                {fields.map((f) => (
                  <th key={f} className={f === 'amountCents' || f === 'volume' ? 'num' : undefined}>
                    {t(`${ns}.${HEADER_KEY[f]}`, { unit: unitText })}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.rows.map((r, i) => (
                <tr key={i}>
                  {fields.map((f) => (
                    <td key={f} className={f === 'amountCents' || f === 'volume' ? 'num' : undefined} data-field={f}>
                      {cell(f, r[f])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type FilterField = keyof SlideFilter;

export function FilterBar({ slide, filter, live, onChange, onClose }: { slide: Slide; filter: SlideFilter; live: boolean; onChange(filter: SlideFilter): void; onClose(): void }) {
  const t = useT();
  const options = slide.filters ?? {};
  const cities = (options.cities ?? []).filter((c) => filter.provinceId === undefined || c.provinceId === 0 || c.provinceId === filter.provinceId);
  const fields: { field: FilterField; label: string; list: { id: number; name: string }[] | undefined }[] = [
    { field: 'provinceId', label: t('deck.present.province'), list: options.provinces },
    { field: 'cityId', label: t('deck.present.city'), list: options.cities ? cities : undefined },
    { field: 'channelId', label: t('deck.present.channel'), list: options.channels },
    { field: 'brandId', label: t('deck.present.brand'), list: options.brands },
  ];
  const set = (field: FilterField, value: string) => {
    const next: SlideFilter = { ...filter };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    onChange(next);
  };
  return (
    <div className="present-filter" data-testid="present-filter" data-live={live ? 'true' : 'false'}>
      <span className="present-filter__title">{t('deck.present.filterTitle')}</span>
      {fields
        .filter((f) => f.list && f.list.length > 0)
        .map((f) => (
          <label key={f.field}>
            {f.label}
            <select value={filter[f.field] ?? ''} onChange={(e) => set(f.field, e.target.value)} data-testid={`present-filter-${f.field}`}>
              <option value="">{t('deck.present.all')}</option>
              {f.list!.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ))}
      {live && <span className="present-filter__badge">{t('deck.present.filtered')}</span>}
      <button type="button" className="present-btn" onClick={onClose} data-testid="present-filter-close">
        {t('deck.present.clearFilter')}
      </button>
    </div>
  );
}
