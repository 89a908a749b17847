// The promotion and advertising calendar: pure helpers shared by the core
// and the renderer.

export const PROMOTION_TYPES = ['consumer', 'trade', 'advertising', 'display', 'tasting', 'other'] as const;
export type PromotionType = (typeof PROMOTION_TYPES)[number];

export const SCOPE_DIMS = ['sku', 'brand', 'category', 'channel', 'city', 'customer'] as const;
export type ScopeDim = (typeof SCOPE_DIMS)[number];

/** A promotion's scope: ids per dimension; an empty list means "all". */
export type PromotionScope = Record<ScopeDim, number[]>;

export function emptyScope(): PromotionScope {
  return { sku: [], brand: [], category: [], channel: [], city: [], customer: [] };
}

/** What the overlap check needs of a promotion. Dates are ISO `YYYY-MM-DD`. */
export interface OverlapInput {
  id: number;
  startDate: string;
  endDate: string;
  scope: Pick<PromotionScope, 'sku' | 'brand' | 'category' | 'channel'>;
}

/** A SKU's place in the product hierarchy. */
export interface SkuPlace {
  id: number;
  brandId: number;
  categoryId: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function periodsIntersect(a: OverlapInput, b: OverlapInput): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}

function channelsIntersect(a: OverlapInput, b: OverlapInput): boolean {
  if (a.scope.channel.length === 0 || b.scope.channel.length === 0) return true;
  const set = new Set(a.scope.channel);
  return b.scope.channel.some((id) => set.has(id));
}

/** The SKUs a product scope covers (null: all products). */
function skuSet(p: OverlapInput, skus: readonly SkuPlace[]): Set<number> | null {
  const { sku, brand, category } = p.scope;
  if (sku.length === 0 && brand.length === 0 && category.length === 0) return null;
  const brands = new Set(brand);
  const categories = new Set(category);
  const out = new Set(sku);
  for (const s of skus) if (brands.has(s.brandId) || categories.has(s.categoryId)) out.add(s.id);
  return out;
}

function productsIntersect(a: OverlapInput, b: OverlapInput, sa: Set<number> | null, sb: Set<number> | null): boolean {
  if (sa === null || sb === null) return true;
  // The same brand or category picked on both sides overlaps even before it has SKUs.
  for (const dim of ['brand', 'category'] as const) {
    const set = new Set(a.scope[dim]);
    if (b.scope[dim].some((id) => set.has(id))) return true;
  }
  const [small, large] = sa.size <= sb.size ? [sa, sb] : [sb, sa];
  for (const id of small) if (large.has(id)) return true;
  return false;
}

/**
 * Which promotions overlap which: two overlap when their periods intersect, their
 * products intersect (a SKU lies inside its brand and its category; no product scope
 * means all products) and their channels intersect (no channel scope means all).
 * Returns, per promotion id, the ids of the others it overlaps (ascending).
 */
export function findOverlaps(promotions: readonly OverlapInput[], skus: readonly SkuPlace[]): Map<number, number[]> {
  const sets = promotions.map((p) => skuSet(p, skus));
  const out = new Map<number, number[]>(promotions.map((p) => [p.id, []]));
  for (let i = 0; i < promotions.length; i++) {
    for (let j = i + 1; j < promotions.length; j++) {
      const a = promotions[i];
      const b = promotions[j];
      if (periodsIntersect(a, b) && channelsIntersect(a, b) && productsIntersect(a, b, sets[i], sets[j])) {
        out.get(a.id)!.push(b.id);
        out.get(b.id)!.push(a.id);
      }
    }
  }
  for (const list of out.values()) list.sort((x, y) => x - y);
  return out;
}

/**
 * Where a period sits on the plan year as fractions of the year [0, 1]: the part
 * inside the year, or null when the period misses it. Used by the timeline.
 */
export function yearSpan(startDate: string, endDate: string, planYear: number): { from: number; to: number } | null {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  const y0 = Date.UTC(planYear, 0, 1);
  const y1 = Date.UTC(planYear + 1, 0, 1);
  const a = Math.max(day(startDate), y0);
  const b = Math.min(day(endDate) + 86_400_000, y1);
  if (b <= a) return null;
  return { from: (a - y0) / (y1 - y0), to: (b - y0) / (y1 - y0) };
}
