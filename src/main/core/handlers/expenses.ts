import { sum } from '../../../shared/expenses';
import type { HandlerRegistry } from '../registry';
import { addExpenseActual, listExpenseActuals, removeExpenseActual } from '../services/expenses/actuals';
import { readBudget, reallocate, setCap, setCells, topDown } from '../services/expenses/budget';
import { addItem, deleteItem, listItems, renameItem } from '../services/expenses/items';
import { bySlice, planSliceTargets, readSplit, setSplit } from '../services/expenses/split';
import { targetCache } from '../services/targets/model';
import { planTargets } from '../services/targets/read';

/**
 * The expense budget's endpoints: items, the budget grid, top-down spreads, ratios and
 * returns, head office's cap, actual expenses. The plan's sales and gross-profit
 * targets come from the targets' cube; an expense edit does not change the areas the
 * cube is built from, so it stays as it is.
 */
export function registerExpenses(r: HandlerRegistry): void {
  r.query('expenses.items', (_, { db }) => listItems(db));
  r.command('expenses.addItem', ({ parentId, name, code, kind }, { db }) => {
    addItem(db, parentId, name, code, kind);
    return listItems(db);
  });
  r.command('expenses.renameItem', ({ id, name }, { db }) => {
    renameItem(db, id, name);
    return listItems(db);
  });
  r.command('expenses.deleteItem', ({ id }, { db }) => {
    deleteItem(db, id);
    return listItems(db);
  });

  r.query('expenses.actuals.list', (_, { db }) => listExpenseActuals(db));
  r.command('expenses.actuals.add', (input, { db }) => ({ id: addExpenseActual(db, input) }));
  r.command('expenses.actuals.remove', ({ id }, { db }) => {
    removeExpenseActual(db, id);
    return null;
  });

  r.query('expenses.budget', (_, { db, file }) => readBudget(db, planTargets(file, db)));
  r.command('expenses.setCells', ({ edits, label }, { db }) => {
    setCells(db, edits, label);
    return null;
  });
  r.command('expenses.topDown', (input, { db, file }) => {
    topDown(db, input, planTargets(file, db));
    return null;
  });
  r.command('expenses.reallocate', ({ fromItemId, toItemId, percent }, { db }) => ({ movedCents: reallocate(db, fromItemId, toItemId, percent) }));
  r.command('expenses.setCap', ({ cap }, { db }) => {
    setCap(db, cap);
    return null;
  });

  r.query('expenses.split', ({ itemId }, { db }) => readSplit(db, itemId));
  r.command('expenses.setSplit', (input, { db }) => setSplit(db, input));
  r.query('expenses.bySlice', ({ dimension }, { db, file }) => {
    const budget = readBudget(db, planTargets(file, db));
    const topOf = new Map<number, number>();
    const parent = new Map(budget.rows.map((row) => [row.itemId, row.parentId]));
    for (const row of budget.rows) {
      let at = row.itemId;
      while (parent.get(at) != null) at = parent.get(at)!;
      topOf.set(row.itemId, at);
    }
    return bySlice(db, dimension, planSliceTargets(db, targetCache(file, db), dimension), {
      budget: sum(budget.total.budget), sales: sum(budget.salesTarget), grossProfit: sum(budget.grossProfitTarget), cap: budget.cap, topOf,
    }, { code: '', name: '' });
  });
}
