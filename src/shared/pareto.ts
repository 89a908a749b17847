// The 80/20 rule (二八法則) for customers: ranked by sales over the last 12 months,
// the smallest set of customers reaching 80% of sales are the key customers (A),
// the next ones up to 95% are B, the rest C. Customers without sales are C.

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];

/** Share of sales that A reaches, and A + B, as fractions num/den (exact in integers). */
const A_SHARE = { num: 4, den: 5 }; // 80%
const AB_SHARE = { num: 19, den: 20 }; // 95%

/**
 * Classifies customers by sales (integer cents). A class ends at the first customer
 * with which the cumulative share reaches its cut-off (80% reached exactly counts).
 * Customers with equal sales always get the same class: a tie at a cut-off goes
 * wholly to the higher class, so the result never depends on input order.
 * Zero or negative sales are C; if nobody sold anything, everyone is C.
 */
export function classifyAbc(salesByCustomer: ReadonlyMap<number, number> | Iterable<readonly [number, number]>): Map<number, AbcClass> {
  const entries = [...(salesByCustomer as Iterable<readonly [number, number]>)];
  const out = new Map<number, AbcClass>();
  const selling: [number, number][] = [];
  let total = 0;
  for (const [id, sales] of entries) {
    if (sales > 0) {
      selling.push([id, sales]);
      total += sales;
    } else out.set(id, 'C');
  }
  selling.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  let phase: AbcClass = 'A';
  let cumulative = 0;
  let i = 0;
  while (i < selling.length) {
    // One group of equal sales at a time, so ties are never split.
    const sales = selling[i][1];
    let j = i;
    while (j < selling.length && selling[j][1] === sales) {
      out.set(selling[j][0], phase);
      cumulative += sales;
      j++;
    }
    i = j;
    if (phase === 'A' && cumulative * A_SHARE.den >= total * A_SHARE.num) phase = 'B';
    if (phase === 'B' && cumulative * AB_SHARE.den >= total * AB_SHARE.num) phase = 'C';
  }
  return out;
}
