import type { IconName } from '../../components/icons';

// The workspace's areas, in the order of the manager's year: look at the region,
// set up its data, plan, record what happened, analyse, and present.
export const AREAS = ['overview', 'masterData', 'targets', 'expenses', 'plan', 'actuals', 'analysis', 'review'] as const;
export type Area = (typeof AREAS)[number];
/** Areas that are not built yet and show what they will hold. */
export type ComingArea = Exclude<Area, 'overview' | 'masterData' | 'targets' | 'actuals' | 'expenses' | 'plan' | 'analysis'>;

const BUILT: ReadonlySet<Area> = new Set<Area>(['overview', 'masterData', 'targets', 'actuals', 'expenses', 'plan', 'analysis']);

/** Whether the area is not built yet (the navigation marks it, the area says what it will hold). */
export function isComingArea(area: Area): area is ComingArea {
  return !BUILT.has(area);
}

export const AREA_ICONS: Record<Area, IconName> = {
  overview: 'overview',
  masterData: 'masterData',
  targets: 'targets',
  expenses: 'expenses',
  plan: 'plan',
  actuals: 'actuals',
  analysis: 'analysis',
  review: 'review',
};
