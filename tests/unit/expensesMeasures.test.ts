import { describe, expect, it } from 'vitest';
import {
  budgetMeasures, capWarnings, expenseRatio, itemMeasures, overCap, quarters, returnOnExpense, variance, type ExpenseBudgetResult,
} from '../../src/shared/expenses';

// The expense budget's measures, on figures worked out by hand.

const flat = (v: number) => new Array<number>(12).fill(v);

describe('expense measures', () => {
  it('ratio, return on expense and the cap', () => {
    expect(expenseRatio(8_000, 100_000)).toBe(0.08);
    expect(expenseRatio(8_000, 0)).toBeNull();
    expect(returnOnExpense(100_000, 8_000)).toBe(12.5);
    expect(returnOnExpense(100_000, 0)).toBeNull();
    expect(overCap(0.081, 0.08)).toBe(true);
    expect(overCap(0.08, 0.08)).toBe(false);
    expect(overCap(0.5, null)).toBe(false);
    expect(overCap(null, 0.08)).toBe(false);
  });

  it('per month, quarter and year', () => {
    // Expense 1,000 a month, 2,000 in December; sales 10,000 a month; gross profit 3,000 a month.
    const expense = flat(1_000);
    expense[11] = 2_000;
    const m = budgetMeasures(expense, flat(10_000), flat(3_000), 0.1);
    expect(quarters(expense)).toEqual([3_000, 3_000, 3_000, 4_000]);
    expect(m.months[0]).toMatchObject({ ratio: 0.1, salesReturn: 10, gpReturn: 3, overCap: false });
    expect(m.months[11]).toMatchObject({ ratio: 0.2, salesReturn: 5, gpReturn: 1.5, overCap: true });
    expect(m.quarters[3].ratio).toBeCloseTo(4_000 / 30_000, 12);
    expect(m.quarters[3].overCap).toBe(true);
    expect(m.quarters[0].overCap).toBe(false);
    expect(m.year).toMatchObject({ expense: 13_000, sales: 120_000, grossProfit: 36_000 });
    expect(m.year.ratio).toBeCloseTo(13_000 / 120_000, 12);
    expect(m.year.salesReturn).toBeCloseTo(120_000 / 13_000, 12);
    expect(m.year.overCap).toBe(true);
  });

  it('items, warnings and variance', () => {
    const row = (itemId: number, budget: number[]) => ({
      itemId, parentId: null, code: `I${itemId}`, name: '', depth: 0, leaf: true, entered: budget, promo: flat(0), budget, actual: flat(0),
    });
    const result: ExpenseBudgetResult = {
      versionId: 1, planYear: 2027,
      rows: [row(1, flat(300)), row(2, flat(100))],
      total: { entered: flat(400), promo: flat(0), budget: flat(400), actual: flat(0) },
      salesTarget: flat(5_000), grossProfitTarget: flat(1_000), cap: 0.07,
    };
    const items = itemMeasures(result);
    expect(items[0]).toMatchObject({ itemId: 1, share: 0.75, expense: 3_600, ratio: 0.06, salesReturn: 60_000 / 3_600 });
    expect(items[1].ratio).toBe(0.02);
    // 400 / 5,000 = 8% > 7%: every phase over the cap.
    expect(capWarnings(result)).toEqual({ year: true, quarters: [1, 2, 3, 4], months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    const v = variance(flat(100), [...flat(100).slice(0, 11), 160]);
    expect(v.months[11]).toBe(60);
    expect(v.quarters).toEqual([0, 0, 0, 60]);
    expect(v.year).toBe(60);
  });
});
