import type { IconName } from '../../components/icons';

// The workspace's areas, in the order of the manager's year: look at the region,
// set up its data, plan, record what happened, analyse, and present.
export const AREAS = ['overview', 'masterData', 'targets', 'expenses', 'plan', 'actuals', 'analysis', 'review', 'submit'] as const;
export type Area = (typeof AREAS)[number];
export const AREA_ICONS: Record<Area, IconName> = {
  overview: 'overview',
  masterData: 'masterData',
  targets: 'targets',
  expenses: 'expenses',
  plan: 'plan',
  actuals: 'actuals',
  analysis: 'analysis',
  review: 'review',
  submit: 'submit',
};
