// 價格分析: the pure rules of the price matrix, shared by the core and the tests.

/** A price check as far as the latest-check rule cares. */
export interface CheckKey {
  visitDate: string;
  visitId: number;
  id: number;
}

/** True when check a is later than check b: later visit date, then higher visit id, then higher price row id. */
export function isLaterCheck(a: CheckKey, b: CheckKey): boolean {
  if (a.visitDate !== b.visitDate) return a.visitDate > b.visitDate;
  if (a.visitId !== b.visitId) return a.visitId > b.visitId;
  return a.id > b.id;
}

export interface CompetitorCheck {
  brandId: number;
  label: string;
}

/**
 * The competitor checks comparable with one of our SKUs among the competitor rows of a
 * visit: the competitor brand sells in the SKU's category (brand_category), and, when any
 * of those rows names the SKU's pack (its spec, e.g. "550ml×24") in its product label,
 * only those (same category, same pack). A visit price row of a competitor has no SKU,
 * so its category is known only through its brand, and its pack only through its label.
 */
export function comparableCompetitors<C extends CompetitorCheck>(
  sku: { categoryId: number; spec: string },
  rows: readonly C[],
  brandSellsIn: (brandId: number, categoryId: number) => boolean,
): C[] {
  const inCategory = rows.filter((r) => brandSellsIn(r.brandId, sku.categoryId));
  const spec = sku.spec.trim();
  if (!spec) return inCategory;
  const samePack = inCategory.filter((r) => r.label.includes(spec));
  return samePack.length > 0 ? samePack : inCategory;
}

/** Average of the non-null values, rounded to a cent; null when there is none. */
export function averageCents(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? null : Math.round(sum / n);
}
