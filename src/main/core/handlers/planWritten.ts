import type { HandlerRegistry } from '../registry';
import { draftSection, saveSection, writtenPlan } from '../services/plan/written';

/** The written plan (計劃文字) of a plan version. */
export function registerPlanWritten(r: HandlerRegistry): void {
  r.query('planWritten.get', (input, { db }) => writtenPlan(db, input));
  r.command('planWritten.save', (input, { db }) => (saveSection(db, input), null));
  r.command('planWritten.draft', (input, { db }) => draftSection(db, input));
}
