import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { readBudget, reallocate, setCap, setCells, topDown, type PlanTargets } from '../services/expenses/budget';
import { addActual, listActuals, removeActual } from '../services/expenses/actuals';
import { addItem, deleteItem, listItems, renameItem } from '../services/expenses/items';
import { bySlice, planSliceTargets, readSplit, setSplit } from '../services/expenses/split';
import { sum } from '../../../shared/expenses';
import { targetCache, type TargetCache } from '../services/targets/model';
import { targetSummary } from '../services/targets/read';
import { ensureWorking } from '../services/targets/versions';

/**
 * Issue 6: the expense budget: items, the budget grid, top-down spreads, ratios and
 * returns, head office's cap, actual expenses. The plan's sales and gross-profit
 * targets come from the targets' cube (the targets summary); an expense edit does not
 * change it, so after one the cube is re-stamped rather than rebuilt.
 */
export function registerExpenses(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  const cache = (): TargetCache => targetCache(session.requireFile(), session.generation);
  // The targets' monthly totals, kept while the cube's generation stands (any change to
  // the file but ours moves it on).
  let memo: { cache: TargetCache; generation: number; versionId: number; value: PlanTargets } | null = null;
  const targets = (c: TargetCache): PlanTargets => {
    const versionId = ensureWorking(sqlite());
    if (memo && memo.cache === c && memo.generation === c.generation && memo.versionId === versionId) return memo.value;
    const s = targetSummary(sqlite(), c, versionId);
    const value = { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents };
    memo = { cache: c, generation: c.generation, versionId, value };
    return value;
  };
  /** Commits an edit that left the targets' cube as it was. */
  const touched = (c: TargetCache | null): void => {
    const current = c ?? cache();
    const wasCurrent = current.generation === session.generation;
    const memoCurrent = memo !== null && memo.cache === current && memo.generation === current.generation;
    session.touch();
    if (wasCurrent) current.generation = session.generation;
    if (memo && memoCurrent && wasCurrent) memo.generation = current.generation;
  };

  r.register('expenses.items', () => listItems(sqlite()));
  r.register('expenses.addItem', ({ parentId, name, code, kind }) => {
    const c = cache();
    addItem(sqlite(), parentId, name, code, kind);
    touched(c);
    return listItems(sqlite());
  });
  r.register('expenses.renameItem', ({ id, name }) => {
    const c = cache();
    renameItem(sqlite(), id, name);
    touched(c);
    return listItems(sqlite());
  });
  r.register('expenses.deleteItem', ({ id }) => {
    const c = cache();
    deleteItem(sqlite(), id);
    touched(c);
    return listItems(sqlite());
  });

  r.register('expenses.actuals.list', () => listActuals(sqlite()));
  r.register('expenses.actuals.add', (input) => {
    const c = cache();
    const id = addActual(sqlite(), input);
    touched(c);
    return { id };
  });
  r.register('expenses.actuals.remove', ({ id }) => {
    const c = cache();
    removeActual(sqlite(), id);
    touched(c);
    return null;
  });

  r.register('expenses.budget', () => readBudget(sqlite(), targets(cache())));
  r.register('expenses.setCells', ({ edits, label }) => {
    const c = cache();
    setCells(sqlite(), edits, label);
    touched(c);
    return null;
  });
  r.register('expenses.topDown', (input) => {
    const c = cache();
    topDown(sqlite(), input, targets(c));
    touched(c);
    return null;
  });
  r.register('expenses.reallocate', ({ fromItemId, toItemId, percent }) => {
    const c = cache();
    const movedCents = reallocate(sqlite(), fromItemId, toItemId, percent);
    touched(c);
    return { movedCents };
  });
  r.register('expenses.setCap', ({ cap }) => {
    const c = cache();
    setCap(sqlite(), cap);
    touched(c);
    return null;
  });

  r.register('expenses.split', ({ itemId }) => readSplit(sqlite(), itemId));
  r.register('expenses.setSplit', (input) => {
    const c = cache();
    const out = setSplit(sqlite(), input);
    touched(c);
    return out;
  });
  r.register('expenses.bySlice', ({ dimension }) => {
    const c = cache();
    const budget = readBudget(sqlite(), targets(c));
    const topOf = new Map<number, number>();
    const parent = new Map(budget.rows.map((row) => [row.itemId, row.parentId]));
    for (const row of budget.rows) {
      let at = row.itemId;
      while (parent.get(at) != null) at = parent.get(at)!;
      topOf.set(row.itemId, at);
    }
    return bySlice(sqlite(), dimension, planSliceTargets(sqlite(), c, dimension), {
      budget: sum(budget.total.budget), sales: sum(budget.salesTarget), grossProfit: sum(budget.grossProfitTarget), cap: budget.cap, topOf,
    }, { code: '', name: '' });
  });
}
