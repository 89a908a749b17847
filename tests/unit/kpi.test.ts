import { describe, expect, it } from 'vitest';
import {
  achievement,
  daysOfStock,
  expenseRatio,
  grossMargin,
  inventoryToSales,
  isBlankArea,
  isPriceInverted,
  marketShare,
  monthOnMonth,
  numericDistribution,
  returnOnExpense,
  salesShareAtTerminals,
  shelfShare,
  terminalMeasures,
  yearOnYear,
  type AuditLine,
} from '../../src/shared/kpi';

// The measures against cases computed by hand.

describe('ratios', () => {
  it('are the formulas of the measures table, and undefined (null) over zero', () => {
    expect(achievement(1_150, 1_000)).toBe(1.15);
    expect(achievement(5, 0)).toBeNull();
    expect(yearOnYear(1_200, 1_000)).toBeCloseTo(0.2, 12);
    expect(yearOnYear(800, 1_000)).toBeCloseTo(-0.2, 12);
    expect(yearOnYear(100, 0)).toBeNull();
    expect(monthOnMonth(90, 120)).toBe(-0.25);
    expect(marketShare(300, 1_200)).toBe(0.25);
    expect(grossMargin(1_000, 650)).toBeCloseTo(0.35, 12);
    expect(grossMargin(0, 0)).toBeNull();
    expect(expenseRatio(80, 1_000)).toBe(0.08);
    expect(returnOnExpense(350, 80)).toBe(4.375);
    expect(inventoryToSales(1_500, 1_000)).toBe(1.5);
    expect(numericDistribution(18, 24)).toBe(0.75);
    expect(shelfShare(12, 48)).toBe(0.25);
    expect(salesShareAtTerminals(2_500, 10_000)).toBe(0.25);
    expect(achievement(Number.NaN, 1)).toBeNull();
  });

  it('days of stock: closing stock over the average daily sales', () => {
    // 600 cases in stock; 1,800 cases sold over 30 days → 60 a day → 10 days.
    expect(daysOfStock(600, 1_800, 30)).toBe(10);
    expect(daysOfStock(600, 0, 30)).toBeNull();
    expect(daysOfStock(600, 1_800, 0)).toBeNull();
  });

  it('price inversion: selling below buying', () => {
    expect(isPriceInverted(2.3, 2.5)).toBe(true);
    expect(isPriceInverted(2.5, 2.5)).toBe(false);
    expect(isPriceInverted(2.8, 2.5)).toBe(false);
  });

  it('blank area: no active distributor, or coverage under the target when both are known', () => {
    expect(isBlankArea(0, 0.9, 0.5)).toBe(true);
    expect(isBlankArea(2, 0.3, 0.5)).toBe(true);
    expect(isBlankArea(2, 0.6, 0.5)).toBe(false);
    expect(isBlankArea(1, null, 0.5)).toBe(false);
    expect(isBlankArea(1, 0.1, null)).toBe(false);
  });
});

describe('terminal measures from audit lines', () => {
  // Four stores audited for water (category 1); ours is brand 10, the competitor 20.
  const lines: AuditLine[] = [
    { storeId: 1, brandId: 10, categoryId: 1, skusOnShelf: 3, facings: 6, selloutCents: 30_000 },
    { storeId: 1, brandId: 20, categoryId: 1, skusOnShelf: 4, facings: 10, selloutCents: 50_000 },
    { storeId: 2, brandId: 10, categoryId: 1, skusOnShelf: 0, facings: 0, selloutCents: 0 },
    { storeId: 2, brandId: 20, categoryId: 1, skusOnShelf: 2, facings: 4, selloutCents: 20_000 },
    { storeId: 3, brandId: 20, categoryId: 1, skusOnShelf: 1, facings: 2, selloutCents: null },
    { storeId: 4, brandId: 10, categoryId: 1, skusOnShelf: 1, facings: 2, selloutCents: 10_000 },
    // Another category in store 1: not counted for water.
    { storeId: 1, brandId: 10, categoryId: 2, skusOnShelf: 5, facings: 9, selloutCents: 90_000 },
  ];

  it('ours: carried in 2 of 4 stores, 8 of 24 facings, 40,000 of 110,000 sell-out', () => {
    const m = terminalMeasures(lines, 10, 1);
    expect(m.storesAudited).toBe(4);
    expect(m.storesCarrying).toBe(2);
    expect(m.numericDistribution).toBe(0.5);
    expect(m.shelfShare).toBeCloseTo(8 / 24, 12);
    expect(m.salesShare).toBeCloseTo(40_000 / 110_000, 12);
  });

  it('the competitor: 3 of 4 stores, 16 of 24 facings', () => {
    const m = terminalMeasures(lines, 20, 1);
    expect(m.numericDistribution).toBe(0.75);
    expect(m.shelfShare).toBeCloseTo(16 / 24, 12);
    expect(m.salesShare).toBeCloseTo(70_000 / 110_000, 12);
  });

  it('a category nobody audited has no measures', () => {
    expect(terminalMeasures(lines, 10, 9)).toEqual({ storesAudited: 0, storesCarrying: 0, numericDistribution: null, shelfShare: null, salesShare: null });
  });
});
