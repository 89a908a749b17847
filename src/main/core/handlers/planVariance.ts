import type { HandlerRegistry } from '../registry';
import { applyCauses, linkAction, removeCauses, removeNotes, saveNote, varianceLog, varianceNotes } from '../services/plan/variance';

/** 差異分析: variance notes, their causes and the actions they led to. */
export function registerPlanVariance(r: HandlerRegistry): void {
  r.query('plan.variance.notes', (input, { db }) => varianceNotes(db, input));
  r.query('plan.variance.log', (input, { db }) => varianceLog(db, input));
  r.command('plan.variance.save', (input, { db }) => saveNote(db, input));
  r.command('plan.variance.remove', ({ ids }, { db }) => removeNotes(db, ids));
  r.command('plan.variance.link', (input, { db }) => linkAction(db, input));
  r.command('plan.variance.causes.apply', ({ rows }, { db }) => applyCauses(db, rows));
  r.command('plan.variance.causes.remove', ({ ids }, { db }) => removeCauses(db, ids));
}
