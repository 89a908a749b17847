import type { TFunction } from 'i18next';
import type { WrittenPlan } from '../../../../../shared/endpoints/planWritten';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { FIGURE_FORMAT, figureKey, type FigureRef } from '../../../../../shared/planWritten';
import { formatAmount, formatPercent, type DisplayUnit, type Language } from '../../../../../shared/units';

// How a live figure reads: its value in the display unit (or why it has none) and what
// it is ("江蘇省 · 2026年銷售額"), from the values the core computed for the version.

export interface FigureShown {
  /** The value, or the reason there is none. */
  text: string;
  /** What the figure is. */
  label: string;
  status: 'ok' | 'missing' | 'noData';
}

export interface FigureContext {
  plan: Pick<WrittenPlan, 'figures' | 'provinces'>;
  unit: DisplayUnit;
  language: Language;
  t: TFunction;
}

export function figureLabel(ref: FigureRef, ctx: FigureContext): string {
  const { planYear, reviewYear } = ctx.plan.figures;
  const label = ctx.t(`planWritten.figure.${ref.kind}`, { planYear, reviewYear });
  if (ref.provinceId === undefined) return label;
  const province = ctx.plan.provinces.find((p) => p.id === ref.provinceId);
  const scope = province ? geoDisplayName(province.name, 'province', ctx.language) : `#${ref.provinceId}`;
  return ctx.t('planWritten.figureOf', { scope, label });
}

export function showFigure(ref: FigureRef, ctx: FigureContext): FigureShown {
  const label = figureLabel(ref, ctx);
  const value = ctx.plan.figures.values[figureKey(ref)] ?? (ref.provinceId !== undefined ? { status: 'missing' as const } : { status: 'noData' as const });
  if (value.status === 'missing') return { text: ctx.t('planWritten.missing'), label, status: 'missing' };
  if (value.status === 'noData') return { text: ctx.t('planWritten.noData'), label, status: 'noData' };
  const text = FIGURE_FORMAT[ref.kind] === 'money' ? formatAmount(value.value, ctx.unit, ctx.language, { withUnit: true }) : formatPercent(value.value, ctx.language);
  return { text, label, status: 'ok' };
}
