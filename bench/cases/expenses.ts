import { paired } from '../measure';
import type { BenchCase } from '../types';
import { ok, openAt, seededLargeRegion } from './targets';

// The expense budget on the large region with its 2027 plan: change the year's budget
// and re-spread it over the items and months (through the handler registry, with its
// undo record), against one SQL statement updating the same budget rows.

export const expenseReallocate: BenchCase = {
  name: 'expense-reallocate',
  async run(ctx) {
    const { session, registry, working: v } = await openAt(ctx, await seededLargeRegion(ctx), true);
    // The budget tab is open (the plan's targets are read), and the plan has a budget: 8% of sales.
    await ok(registry, 'expenses.budget', {});
    await ok(registry, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
    const budget = await ok<{ total: { budget: number[] } }>(registry, 'expenses.budget', {});
    const start = budget.total.budget.reduce((a, b) => a + b, 0);
    const sqlite = session.requireFile().sqlite;
    const rows = sqlite.prepare('SELECT count(*) FROM expense_budget WHERE version_id = ?').pluck().get(v) as number;
    let round = 0;
    // Ours: a new year budget (±5%), spread by the items' current shares and the sales target's months, one undo step.
    const ours = async () => {
      round++;
      const amountCents = Math.round((start * (1 + (round % 2 ? 0.05 : -0.03))) / 100) * 100;
      await ok(registry, 'expenses.topDown', { mode: 'amount', amountCents, phase: 'sales' });
    };
    // Baseline: one UPDATE of the same rows in one transaction, same file and connection.
    const update = sqlite.prepare(`UPDATE expense_budget SET amount_cents = amount_cents + 100 WHERE version_id = ?
      AND brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL`);
    const back = sqlite.prepare(`UPDATE expense_budget SET amount_cents = amount_cents - 100 WHERE version_id = ?
      AND brand_id IS NULL AND category_id IS NULL AND channel_id IS NULL AND city_id IS NULL`);
    let flip = false;
    const baseline = () => {
      flip = !flip;
      sqlite.transaction(() => (flip ? update : back).run(v)).immediate();
    };
    const { ours: o, baseline: b } = await paired(7, ours, baseline);
    await session.close();
    return {
      case: 'expense-reallocate',
      ours_ms: Math.round(o * 10) / 10,
      baseline: 'one set-based UPDATE of amount_cents over the same budget rows (same file, same connection)',
      baseline_ms: Math.round(b * 10) / 10,
      ratio: Math.round((o / b) * 100) / 100,
      note: `${rows.toLocaleString('en')} budget rows (items × months); the spread reads the plan's sales target from the targets' cube`,
    };
  },
};
