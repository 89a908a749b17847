// The measures of the review and the plan, one function each, used by the core and the renderer
// alike so that every screen agrees. A ratio with a zero or missing denominator is
// null ("not defined"), never 0 or Infinity.

function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  return numerator / denominator;
}

/** 達成率: actual / target for the same slice and period. */
export function achievement(actual: number, target: number): number | null {
  return ratio(actual, target);
}

/** 同比: (this period − same period last year) / same period last year. */
export function yearOnYear(current: number, lastYear: number): number | null {
  return ratio(current - lastYear, lastYear);
}

/** 環比: (this month − previous month) / previous month. */
export function monthOnMonth(current: number, previous: number): number | null {
  return ratio(current - previous, previous);
}

/** 市場佔有率 / 貨架佔有率 / 銷售佔有率: ours / all brands, same slice. */
export function share(ours: number, allBrands: number): number | null {
  return ratio(ours, allBrands);
}

/** 毛利率: (sales − cost) / sales. */
export function grossMargin(sales: number, cost: number): number | null {
  return ratio(sales - cost, sales);
}

/** 費用率: expense / sales amount. */
export function expenseRatio(expense: number, sales: number): number | null {
  return ratio(expense, sales);
}

/** A return on expense: 毛利投入產出比 (gross profit / expense) or 銷售投入產出比 (sales / expense). */
export function returnOnExpense(grossProfitOrIncrement: number, expense: number): number | null {
  return ratio(grossProfitOrIncrement, expense);
}

/** 庫銷比: closing stock / average monthly sales. */
export function inventoryToSales(closingStock: number, averageMonthlySales: number): number | null {
  return ratio(closingStock, averageMonthlySales);
}

/** 鋪貨率: audited stores carrying ≥1 of the brand's SKUs in the category / stores audited. */
export function numericDistribution(storesCarrying: number, storesAudited: number): number | null {
  return ratio(storesCarrying, storesAudited);
}

/** 貨架佔有率: the brand's facings / all brands' facings in the category, in audited stores. */
export function shelfShare(brandFacings: number, allFacings: number): number | null {
  return ratio(brandFacings, allFacings);
}

/** 銷售佔有率: the brand's sell-out / the category's sell-out at the audited terminals. */
export function salesShareAtTerminals(brandSellout: number, categorySellout: number): number | null {
  return ratio(brandSellout, categorySellout);
}

/** 市場佔有率: our sales / all brands' sales in the category, same slice. */
export function marketShare(ourSales: number, allBrandsSales: number): number | null {
  return ratio(ourSales, allBrandsSales);
}

/**
 * Days of stock: closing stock over the average daily sales of a period
 * (sales in the period / its days). Stock and sales in the same unit (cases or 分).
 */
export function daysOfStock(closingStock: number, salesInPeriod: number, daysInPeriod: number): number | null {
  if (!Number.isFinite(daysInPeriod) || daysInPeriod <= 0) return null;
  return ratio(closingStock, salesInPeriod / daysInPeriod);
}

/** 價格倒掛: a customer's selling price below its purchase price (both per the same unit). */
export function isPriceInverted(sellingPrice: number, purchasePrice: number): boolean {
  return Number.isFinite(sellingPrice) && Number.isFinite(purchasePrice) && sellingPrice < purchasePrice;
}

/**
 * 空白區域: a city (or county) with no active distributor, or whose coverage (e.g. the
 * numeric distribution of our brands) is below the coverage target. A coverage that
 * is not known (null) counts only through the distributors.
 */
export function isBlankArea(activeDistributors: number, coverage: number | null, coverageTarget: number | null): boolean {
  if (activeDistributors <= 0) return true;
  return coverage !== null && coverageTarget !== null && coverage < coverageTarget;
}

/** One store's audit line: a brand in a category, with how many of its SKUs were on the shelf. */
export interface AuditLine {
  storeId: number;
  brandId: number;
  categoryId: number;
  skusOnShelf: number;
  facings: number;
  selloutCents: number | null;
}

/** The measures of one brand in one category over a set of audit lines (each store audited once: its latest audit). */
export interface TerminalMeasures {
  storesAudited: number;
  storesCarrying: number;
  numericDistribution: number | null;
  shelfShare: number | null;
  salesShare: number | null;
}

/**
 * 鋪貨率, 貨架佔有率 and 銷售佔有率 of a brand in a category from audit lines. The stores
 * audited are the stores with any line in the category (a store that does not stock the
 * category at all was still audited for it only if the audit recorded the category).
 * Pass each store's latest audit in the period.
 */
export function terminalMeasures(lines: readonly AuditLine[], brandId: number, categoryId: number): TerminalMeasures {
  const audited = new Set<number>();
  const carrying = new Set<number>();
  let brandFacings = 0;
  let allFacings = 0;
  let brandSellout = 0;
  let allSellout = 0;
  for (const l of lines) {
    if (l.categoryId !== categoryId) continue;
    audited.add(l.storeId);
    allFacings += l.facings;
    allSellout += l.selloutCents ?? 0;
    if (l.brandId !== brandId) continue;
    if (l.skusOnShelf > 0) carrying.add(l.storeId);
    brandFacings += l.facings;
    brandSellout += l.selloutCents ?? 0;
  }
  return {
    storesAudited: audited.size,
    storesCarrying: carrying.size,
    numericDistribution: numericDistribution(carrying.size, audited.size),
    shelfShare: shelfShare(brandFacings, allFacings),
    salesShare: salesShareAtTerminals(brandSellout, allSellout),
  };
}
