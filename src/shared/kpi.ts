// The measures of DOMAIN.md, one function each, used by the core and the renderer
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

/** 投入產出比: gross profit (or incremental sales) / expense. */
export function returnOnExpense(grossProfitOrIncrement: number, expense: number): number | null {
  return ratio(grossProfitOrIncrement, expense);
}

/** 庫銷比: closing stock / average monthly sales. */
export function inventoryToSales(closingStock: number, averageMonthlySales: number): number | null {
  return ratio(closingStock, averageMonthlySales);
}
