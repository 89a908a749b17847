import type { HandlerRegistry } from '../registry';
import { applyShareTargets, removeOpenings, removeShareTargets, setOpenings, setSkuTargets, terminalPlan, terminalTrend } from '../services/plan/terminal';

/** 終端建設規劃, the terminal plan chapter. */
export function registerPlanTerminal(r: HandlerRegistry): void {
  r.query('plan.terminal.get', (input, { db }) => terminalPlan(db, input));
  r.query('plan.terminal.trend', (input, { db }) => terminalTrend(db, input));
  r.command('plan.terminal.setOpenings', ({ cells }, { db }) => (setOpenings(db, cells), null));
  r.command('plan.terminal.removeOpenings', ({ pairs }, { db }) => (removeOpenings(db, pairs), null));
  r.command('plan.terminal.applyShareTargets', ({ rows }, { db }) => applyShareTargets(db, rows));
  r.command('plan.terminal.removeShareTargets', ({ ids }, { db }) => (removeShareTargets(db, ids), null));
  r.command('plan.terminal.setSkuTargets', ({ rows }, { db }) => (setSkuTargets(db, rows), null));
}
