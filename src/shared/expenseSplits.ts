// Splits of an expense item's budget by product (brand or category) and by place
// (channel or city), and the measures by such a slice. Money in cents.

export const SPLIT_DIMENSIONS = ['brand', 'category', 'channel', 'city'] as const;
export type SplitDimension = (typeof SPLIT_DIMENSIONS)[number];
/** A product split (brand or category) and a place split (channel or city) can coexist. */
export type SplitGroup = 'product' | 'place';

export const splitGroupOf = (d: SplitDimension): SplitGroup => (d === 'brand' || d === 'category' ? 'product' : 'place');

export interface SplitMember {
  id: number;
  code: string;
  name: string;
}

export interface ItemSplit {
  dimension: SplitDimension;
  /** Per member: the year amount and its share of the item's year (a fraction). */
  members: { id: number; amountCents: number; ratio: number | null }[];
}

export interface ExpenseSplitResult {
  itemId: number;
  /** The item's entered budget for the year (promotions not included): what the splits add up to. */
  yearCents: number;
  /** The item's budget by month (entered part). */
  months: number[];
  /** At most one product split and one place split. */
  splits: ItemSplit[];
  /** The members each dimension offers (own brands, active channels). */
  members: Record<SplitDimension, SplitMember[]>;
}

export interface SliceRow {
  /** null: 未分攤, the budget not split along this dimension. */
  id: number | null;
  code: string;
  name: string;
  expense: number;
  /** The plan's sales and gross-profit targets of the slice (0 for the unsplit row). */
  sales: number;
  grossProfit: number;
  ratio: number | null;
  salesReturn: number | null;
  gpReturn: number | null;
  overCap: boolean;
  /** The slice's expense by top-level item id. */
  byItem: Record<number, number>;
}

export interface SliceResult {
  dimension: SplitDimension;
  rows: SliceRow[];
  total: SliceRow;
  cap: number | null;
}
