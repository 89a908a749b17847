import { z } from 'zod';
import { command, query } from '../endpoint';

// The product plan (品牌與產品規劃) of a plan version: the product mix (each brand's and
// category's share of the sales target and its gross margin, against last year), the
// channel positioning of each brand and category, and the new products to launch.
// Money is integer cents; a launch month is a yyyymm period; a distribution is a
// fraction (0.6 = 60%).

const idSchema = z.number().int().positive();

export const MIX_DIMS = ['brand', 'category'] as const;
export type MixDim = (typeof MIX_DIMS)[number];

/** A brand's or category's stance in a channel: a focus, sold as usual, or not sold there. */
export const POSITION_LEVELS = ['focus', 'normal', 'not_sold'] as const;
export type PositionLevel = (typeof POSITION_LEVELS)[number];

export interface ProductMixRow {
  dim: MixDim;
  /** The brand's or category's id (0: the total). */
  id: number;
  name: string;
  /** The version's sales target for the plan year. */
  targetCents: number;
  targetShare: number | null;
  /** Gross profit of the target from the SKUs' standard margins, over the SKUs whose cost is known. */
  targetGrossProfitCents: number;
  /** Target of SKUs whose cost is not known: left out of the target margin. */
  targetNoCostCents: number;
  targetMargin: number | null;
  /** Last year's actual sales (the calendar year before the plan year). */
  lastYearCents: number;
  lastYearShare: number | null;
  /** Last year's gross profit, over the sales whose gross profit is known. */
  lastYearGrossProfitCents: number;
  /** Last year's sales whose gross profit is not known: left out of the margin. */
  lastYearNoGpCents: number;
  lastYearMargin: number | null;
  /** Target against last year (同比). */
  growth: number | null;
  /** Target share − last year's share, in points of 1 (0.02 = 2 points). */
  shareChange: number | null;
}

export interface ProductPosition {
  dim: MixDim;
  id: number;
  channelId: number;
  /** Only 'focus' and 'not_sold' are listed; every other cell is 'normal'. */
  focus: Exclude<PositionLevel, 'normal'>;
}

export interface NewProductInfo {
  skuId: number;
  code: string;
  name: string;
  brandId: number;
  categoryId: number;
  /** yyyymm, in the plan year. */
  launchPeriod: number;
  channelIds: number[];
  /** Target numeric distribution (鋪貨率), 0–1. */
  targetDistribution: number;
  targetCents: number;
  /** What the version's target cells hold for the SKU (the target grid). */
  planCents: number;
  promotionId: number | null;
  /** The linked promotion's name and budget; null when none is linked or it no longer exists. */
  promotion: { name: string; budgetCents: number } | null;
  /** True when the linked promotion was deleted from the calendar. */
  promotionMissing: boolean;
  /** A promotion budget set aside for the launch, beside (or instead of) a linked promotion. */
  supportCents: number;
  note: string;
}

export interface NewProductTotals {
  /** The sum of the new products' target sales. */
  plannedCents: number;
  /** The new-product target the targets area derives: the plan's sales of SKUs flagged new. */
  derivedCents: number;
  /** Head office's new-product target. */
  hoCents: number;
  /** plannedCents − derivedCents. */
  gapCents: number;
  /** plannedCents − hoCents. */
  hoGapCents: number;
  /** Promotion support: linked promotions' budgets plus budget figures. */
  supportCents: number;
}

export interface ProductPlan {
  versionId: number;
  versionName: string;
  versionKind: 'working' | 'snapshot' | 'scenario';
  frozen: boolean;
  planYear: number;
  lastYear: number;
  /** Whether the version has target cells (false: no plan yet, so no target shares). */
  seeded: boolean;
  channels: { id: number; name: string }[];
  brands: ProductMixRow[];
  categories: ProductMixRow[];
  total: ProductMixRow;
  positions: ProductPosition[];
  newProducts: NewProductInfo[];
  newTotals: NewProductTotals;
  options: {
    /** SKUs flagged new in master data and not yet in the list. */
    newSkus: { id: number; code: string; name: string }[];
    /** The working plan's promotions (a snapshot links none it did not already have). */
    promotions: { id: number; name: string; budgetCents: number; startDate: string; endDate: string }[];
  };
}

const positionCell = z
  .object({ dim: z.enum(MIX_DIMS), id: idSchema, channelId: idSchema, focus: z.enum(POSITION_LEVELS) })
  .strict();

// Ranges are domain rules checked in the service, so that their refusals name the field in words.
const newProductRow = z
  .object({
    skuId: idSchema,
    launchPeriod: z.number().int().min(0).max(999_999).optional(),
    channelIds: z.array(idSchema).max(1_000).optional(),
    targetDistribution: z.number().finite().min(-1e6).max(1e6).optional(),
    targetCents: z.number().int().min(-1e15).max(1e15).optional(),
    promotionId: idSchema.nullable().optional(),
    supportCents: z.number().int().min(-1e15).max(1e15).optional(),
    note: z.string().max(2_000).optional(),
  })
  .strict();

export const planProductEndpoints = {
  /** The product plan of a version (default: the working plan). */
  'plan.product.get': query<ProductPlan>(['chapters', 'targets', 'master', 'actuals', 'promotions'])(
    z.object({ versionId: idSchema.optional() }).strict(),
  ),
  /** Sets cells of the working plan's positioning matrix; one undo step. */
  'plan.product.setPositions': command<null>(['chapters'])(z.object({ cells: z.array(positionCell).min(1).max(10_000) }).strict()),
  /** Adds (a SKU not yet listed) and updates (a listed SKU) new products of the working plan; one undo step. */
  'plan.product.applyNewProducts': command<{ skuIds: number[] }>(['chapters'])(
    z.object({ rows: z.array(newProductRow).min(1).max(1_000) }).strict(),
  ),
  'plan.product.removeNewProducts': command<{ removed: number }>(['chapters'])(
    z.object({ skuIds: z.array(idSchema).min(1).max(1_000) }).strict(),
  ),
} as const;
