import type { DrillFilter, RegionState } from './hq';

// Head office's drill into one region's accepted package: its plan cut one way
// (province, city, channel, brand, category or SKU) by month, read from the workspace's
// plan facts, with the members named from the regions' own dimensions.

export const REGION_PLAN_CUTS = ['province', 'city', 'channel', 'brand', 'category', 'sku'] as const;
export type RegionPlanCut = (typeof REGION_PLAN_CUTS)[number];

export interface RegionPlanRow {
  code: string;
  name: string;
  /** A city's province, a category's or a SKU's brand; null for the other cuts. */
  parentCode: string | null;
  parentName: string | null;
  /** Plan amount by month, January first (12 entries), cents. */
  months: number[];
  planCents: number;
  volume: number;
  grossProfitCents: number;
}

export interface RegionPlan {
  regionKey: number;
  regionName: string;
  state: RegionState;
  /** The accepted revision the facts are of, or null (nothing accepted yet: no rows). */
  revision: number | null;
  receivedAt: string | null;
  cut: RegionPlanCut;
  /** The national figure the drill came from, applied to the region's facts too. */
  filter: DrillFilter;
  rows: RegionPlanRow[];
}
