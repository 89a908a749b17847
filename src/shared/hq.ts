// Head office's side: what the consolidated workbook (io/hqWorkbook) is written from.
// The head-office store builds the model from the accepted packages and head office's
// targets; the writer only lays it out. Amounts are integer cents, months index 0 =
// January, every monthly array has 12 entries.

/** Where a region's plan stands this cycle: 未報送, 已報送, 退回, 已確認. */
export type RegionState = 'missing' | 'submitted' | 'returned' | 'confirmed';

export const REGION_STATES: readonly RegionState[] = ['missing', 'submitted', 'returned', 'confirmed'];

export interface ConsolidatedModel {
  planYear: number;
  cycleName: string;
  /** When the model was built (ISO 8601), written as it is. */
  generatedAt: string;
  /** Every expected region, in the order the workbook lists them. */
  regions: { id: string; name: string; state: RegionState; revision: number | null; receivedAt: string | null; fingerprint: string | null; late: boolean }[];
  /** Per region: 12 months of plan amount (cents), volume, gross profit (cents), and head office's target amount (cents) and volume. */
  byRegionMonth: { regionId: string; planCents: number[]; volume: number[]; grossProfitCents: number[]; targetCents: number[]; targetVolume: number[] }[];
  byBrand: { brand: string; category: string | null; planCents: number[]; volume: number[] }[];
  byChannel: { channel: string; planCents: number[]; volume: number[] }[];
  expenseByRegion: { regionId: string; budgetCents: number[]; salesCents: number[] }[];
}
