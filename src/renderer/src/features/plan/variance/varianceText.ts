import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { VarianceCause, VariancePeriod, VarianceSlice } from '../../../../../shared/endpoints/planVariance';
import { geoDisplayName } from '../../../../../shared/geoNames';
import type { Language } from '../../../../../shared/units';
import { planVarianceZhHant } from '../../../../../shared/i18n/planVariance';

// How a note's cause, period and slice read on screen, in the UI's language.

type T = (k: string, o?: Record<string, unknown>) => string;

/** A default cause keeps its translated name as long as it keeps its seeded code and name; any other shows as typed. */
export function useCauseName(): (cause: Pick<VarianceCause, 'code' | 'name'> | undefined) => string {
  const { t: tt } = useTranslation();
  const t = tt as unknown as T;
  return useCallback(
    (cause) => {
      if (!cause) return t('planVariance.noCause');
      const seeded = (planVarianceZhHant.seedCause as Record<string, string>)[cause.code];
      return seeded !== undefined && seeded === cause.name ? t(`planVariance.seedCause.${cause.code}`) : cause.name;
    },
    [t],
  );
}

export function periodText(t: T, p: VariancePeriod): string {
  if (p.kind === 'month') return t('planVariance.period.month', { year: p.year, month: p.month });
  if (p.kind === 'quarter') return t('planVariance.period.quarter', { year: p.year, quarter: p.quarter });
  return t('planVariance.period.year', { year: p.year });
}

/** "蘇州市 · KA" — the slice's members in order; the whole region when it names none. */
export function sliceText(t: T, slice: VarianceSlice, names: readonly string[], language: Language): string {
  if (slice.length === 0) return t('planVariance.region');
  return slice
    .map((p, i) => {
      const name = names[i] ?? '';
      if (!name) return `${t(`planVariance.dim.${p.dim}`)} ${t('planVariance.removedMember')}`;
      return p.dim === 'province' || p.dim === 'city' ? geoDisplayName(name, p.dim, language) : name;
    })
    .join(' · ');
}
