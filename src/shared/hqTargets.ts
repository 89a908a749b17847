// Head office's own figures typed in its window: the national target grid (regions ×
// months, amount and volume), and the terminal and channel plans of the accepted
// revisions summed nationally. Amounts are integer cents, volumes whole cases.

/** One region's row of head office's target: months index 0 = January. */
export interface TargetGridRow {
  regionKey: number;
  regionName: string;
  amountCents: number[];
  volume: number[];
  /** The accepted revision's plan by month (what a year total typed is spread like); zeros without a package. */
  planCents: number[];
  planVolume: number[];
}

/** One typed or pasted cell: a month (1–12), or 0 for the year total, spread over the months. */
export interface TargetCellInput {
  region: string;
  month: number;
  measure: 'amount' | 'volume';
  /** Cents for an amount, cases for a volume. */
  value: number;
}

/** The channel customer plan's measures, in the order the view shows them. */
export const CHANNEL_PLAN_MEASURES = [
  'distributors', 'subDistributors', 'keyAccounts', 'blankFills', 'fillSalesCents', 'prospects', 'prospectsSigned', 'prospectSalesCents', 'upgrades', 'terminations',
] as const;
export type ChannelPlanMeasure = (typeof CHANNEL_PLAN_MEASURES)[number];

/** A region's (or the nation's) terminal and channel plan. */
export interface TerminalChannelLine {
  /** -1 for the national total. */
  regionKey: number;
  regionName: string;
  revision: number | null;
  stores: number;
  storesToOpen: number;
  /** Store-weighted target distribution and shelf share over its channels × categories, or null with none set. */
  distribution: number | null;
  shelf: number | null;
  channel: Record<ChannelPlanMeasure, number>;
}

/** National distribution and shelf-share targets by channel × category, store-weighted. */
export interface TerminalShareLine {
  channelCode: string;
  channelName: string;
  categoryCode: string;
  categoryName: string;
  distribution: number | null;
  shelf: number | null;
  /** The stores the averages weigh (each region's city × channel counts its active stores, at least one). */
  weight: number;
  regions: number;
}

export interface TerminalChannelView {
  national: TerminalChannelLine;
  regions: TerminalChannelLine[];
  byChannel: { channelCode: string; channelName: string; stores: number; storesToOpen: number }[];
  shares: TerminalShareLine[];
}
