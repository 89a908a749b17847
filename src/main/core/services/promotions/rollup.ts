import type { ReadDb } from '../../db/handle';
import { largestRemainder } from '../../../../shared/spread';
import { datedBudgetLines } from '../../repos/promotions';

// How promotions' budgets roll into the expense budget: each promotion's budget per
// expense item is spread over the plan year's months by the days the promotion runs in
// each (largest remainder, so the months add up to the budget exactly). Days outside
// the plan year carry their share of the budget out of it.

export interface PromotionBudgetCell {
  itemId: number;
  /** 1–12 in the plan year. */
  month: number;
  amountCents: number;
}

const DAY_MS = 86_400_000;

function daysInMonths(start: string, end: string, planYear: number): Float64Array {
  // Index 0–11: the plan year's months; 12: days outside it.
  const days = new Float64Array(13);
  const from = Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)) - 1, Number(start.slice(8, 10)));
  const to = Date.UTC(Number(end.slice(0, 4)), Number(end.slice(5, 7)) - 1, Number(end.slice(8, 10)));
  for (let t = from; t <= to; t += DAY_MS) {
    const d = new Date(t);
    days[d.getUTCFullYear() === planYear ? d.getUTCMonth() : 12]++;
  }
  return days;
}

/** The plan version's promotion budgets by expense item and month of the plan year (summed over promotions). */
export function promotionBudgetByMonth(db: ReadDb, versionId: number, planYear: number): PromotionBudgetCell[] {
  const rows = datedBudgetLines(db, versionId);
  const sums = new Map<string, PromotionBudgetCell>();
  const spans = new Map<number, Float64Array>();
  for (const r of rows) {
    let days = spans.get(r.id);
    if (!days) {
      days = daysInMonths(r.start, r.end, planYear);
      spans.set(r.id, days);
    }
    const split = largestRemainder(r.amount, days);
    for (let m = 0; m < 12; m++) {
      if (split[m] === 0) continue;
      const key = `${r.itemId}|${m + 1}`;
      const cell = sums.get(key);
      if (cell) cell.amountCents += split[m];
      else sums.set(key, { itemId: r.itemId, month: m + 1, amountCents: split[m] });
    }
  }
  return [...sums.values()].sort((a, b) => a.itemId - b.itemId || a.month - b.month);
}
