import type { HandlerRegistry } from '../registry';
import { draftSection, saveSection, writtenPlan } from '../services/plan/written';
import { targetCache } from '../services/targets/model';

/** The written plan (計劃文字) of a plan version. */
export function registerPlanWritten(r: HandlerRegistry): void {
  // The targets' cube (shared with the target page and the expense views) gives the plan's figures.
  r.query('plan.written.get', (input, { db, file }) => writtenPlan(db, input, targetCache(file, db)));
  r.command('plan.written.save', (input, { db }) => (saveSection(db, input), null));
  r.command('plan.written.draft', (input, { db, file }) => draftSection(db, input, targetCache(file, db)));
}
