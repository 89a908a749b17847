import { z } from 'zod';
import { query } from '../endpoint';

// 終端分析: 鋪貨率, 貨架佔有率 and 終端銷售佔有率 of our brands against each
// competitor brand, in one category, by city, by channel or by month, from the store
// audits (store_audit + store_audit_brand; the terminal gives the city and channel).
// Each store counts once per group: its latest audit in the period (by month: in the
// month), as kpi.ts's terminalMeasures asks. The measures are per category (their
// denominators are the category's stores and facings), so a category is always chosen.

export const TERMINAL_GROUPINGS = ['city', 'channel', 'month'] as const;
export type TerminalGrouping = (typeof TERMINAL_GROUPINGS)[number];
export const TERMINAL_MEASURES = ['distribution', 'shelf', 'sales'] as const;
export type TerminalMeasure = (typeof TERMINAL_MEASURES)[number];
export const TERMINAL_LINES_LIMIT = 5000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);
const monthSchema = z.number().int().min(1).max(12);

/** The slice shared by the view and its drill. */
const sliceShape = {
  year: yearSchema.optional(),
  /** Months of the year, inclusive (default 1–12). */
  fromMonth: monthSchema.optional(),
  toMonth: monthSchema.optional(),
  /** Default: the category with the most audit lines in the period. */
  categoryId: id.optional(),
  cityId: id.optional(),
  channelId: id.optional(),
};

const monthOrder = (v: { fromMonth?: number; toMonth?: number }) => (v.fromMonth ?? 1) <= (v.toMonth ?? 12);
const monthOrderError = { message: 'fromMonth must not be after toMonth', path: ['toMonth'] };

export interface TerminalBrand {
  id: number;
  name: string;
}

/** One brand's (or our brands') figures in one group. */
export interface TerminalCell {
  /** Stores whose latest audit found ≥ 1 of the brand's SKUs on the shelf. */
  carrying: number;
  facings: number;
  /** Cents (a missing sell-out counts as 0). */
  sellout: number;
  /** Audit lines of the brand. */
  lines: number;
  /** 鋪貨率 = carrying / audited; 貨架佔有率 = facings / all facings; 銷售佔有率 = sellout / all sellout. */
  distribution: number | null;
  shelf: number | null;
  sales: number | null;
}

export interface TerminalGroup {
  /** City id, channel id or yyyymm; 0 for the total. */
  key: number;
  label: string;
  /** Stores whose latest audit has a line in the category. */
  audited: number;
  /** Audit lines in the category (every brand). */
  lines: number;
  allFacings: number;
  allSellout: number;
  /** Our brands together: a store carries "ours" when it carries any of our brands. */
  ours: TerminalCell;
  /** Parallel to TerminalsAnalysis.competitors. */
  competitors: TerminalCell[];
}

export interface TerminalsAnalysis {
  year: number;
  planYear: number;
  /** Years with store audits, ascending. */
  years: number[];
  fromMonth: number;
  toMonth: number;
  by: TerminalGrouping;
  /** The category shown (null: no audit line in the period). */
  categoryId: number | null;
  /** Categories with audit lines in the period and slice, most lines first. */
  categories: { id: number; name: string; lines: number }[];
  /** Our brands with lines in the category (shown together as "ours"). */
  ownBrands: TerminalBrand[];
  /** Competitor brands with lines in the category, most stores carrying first. */
  competitors: TerminalBrand[];
  /** City/channel in the region's order, months ascending; groups without audits left out. */
  groups: TerminalGroup[];
  /** The whole slice: each store's latest audit in the period. */
  total: TerminalGroup;
  options: { cities: { id: number; name: string }[]; channels: { id: number; name: string }[] };
}

export interface TerminalLineRow {
  auditId: number;
  storeCode: string;
  storeName: string;
  cityName: string;
  channelName: string;
  auditDate: string;
  brandName: string;
  isOwn: boolean;
  skusOnShelf: number;
  facings: number;
  shelfPriceCents: number | null;
  hasDisplay: boolean;
  selloutCents: number | null;
}

export interface TerminalLines {
  rows: TerminalLineRow[];
  /** Every matching line (the grid shows the first `limit`). */
  total: number;
  /** Stores behind the lines, those carrying (skus on shelf > 0), and the lines' sums. */
  stores: number;
  carrying: number;
  facings: number;
  sellout: number;
}

export const analysisTerminalsEndpoints = {
  /** The terminal measures of one category, ours against each competitor, by city, channel or month. */
  'analysis.terminals': query<TerminalsAnalysis>(['actuals', 'master'])(
    z
      .object({ ...sliceShape, by: z.enum(TERMINAL_GROUPINGS).optional() })
      .strict()
      .refine(monthOrder, monthOrderError),
  ),
  /** The audit lines behind a group (each store's latest audit), of one brand, of our brands, or all. */
  'analysis.terminalLines': query<TerminalLines>(['actuals', 'master'])(
    z
      .object({
        ...sliceShape,
        year: yearSchema,
        categoryId: id,
        brand: z.union([z.literal('ours'), id]).optional(),
        limit: z.number().int().min(1).max(TERMINAL_LINES_LIMIT).optional(),
      })
      .strict()
      .refine(monthOrder, monthOrderError),
  ),
} as const;
