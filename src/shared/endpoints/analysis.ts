import { z } from 'zod';
import { query } from '../endpoint';

// The analysis area. Sales analysis: the year's actuals by month or by a
// dimension, against last year and (for the plan year) the working plan's target,
// and the sales_actual rows behind any one group.

export const SALES_DIMENSIONS = ['month', 'province', 'city', 'channel', 'brand', 'category', 'customer', 'salesperson'] as const;
export type SalesDimension = (typeof SALES_DIMENSIONS)[number];
export const SALES_ROWS_LIMIT = 1000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);
const monthSchema = z.number().int().min(1).max(12);
/** A range of months of the year, [from, to] inclusive; the same months of last year are compared (同期). */
export const monthsSchema = z.tuple([monthSchema, monthSchema]).refine(([from, to]) => from <= to, { message: 'analysis.sales.badMonths' });

export const salesFilterSchema = z
  .object({ provinceId: id.optional(), cityId: id.optional(), channelId: id.optional(), brandId: id.optional(), categoryId: id.optional() })
  .strict();
export type SalesFilter = z.infer<typeof salesFilterSchema>;

export interface SalesRow {
  /** The group: the month (1–12) or the dimension member's id (0: a customer without a salesperson). */
  key: number;
  label: string;
  /** Cents. */
  actual: number;
  lastYear: number;
  /** The working plan's target for the slice (plan year only), else null. */
  target: number | null;
  grossProfit: number;
  /** Sales (cents) whose gross profit is not known (the SKU's cost is missing): left out of grossProfit and grossMargin. */
  salesNoGp: number;
  /** Gross profit over the sales whose gross profit is known; null when none is. */
  grossMargin: number | null;
  achievement: number | null;
  yoy: number | null;
  /** Month on month (by month only; null for January and elsewhere). */
  mom: number | null;
}

export interface SalesAnalysis {
  year: number;
  planYear: number;
  by: SalesDimension;
  /** The months compared, [from, to]: as asked, else the months of the year up to its last month with actuals. */
  months: [number, number];
  /** The year's last month with sales actuals (null: none). */
  lastMonth: number | null;
  /** Years that have sales actuals, ascending. */
  years: number[];
  rows: SalesRow[];
  total: SalesRow;
  /** Members for the filters. */
  options: { cities: { id: number; name: string }[]; channels: { id: number; name: string }[]; brands: { id: number; name: string; isOwn: boolean }[] };
}

export interface SalesDetailRow {
  period: number;
  customerCode: string;
  customerName: string;
  skuCode: string;
  skuName: string;
  amountCents: number;
  volume: number;
  /** Null: not known (the SKU's cost is missing). */
  grossProfitCents: number | null;
}

export interface SalesDetail {
  rows: SalesDetailRow[];
  /** Every matching row (the grid shows the first `limit`). */
  total: number;
}

/** Market share (市場佔有率) from market data: ours against each competitor, by city, category or month. */
export const MARKET_DIMENSIONS = ['city', 'category', 'month'] as const;
export type MarketDimension = (typeof MARKET_DIMENSIONS)[number];
export const MARKET_ROWS_LIMIT = 2000;

export const marketFilterSchema = z.object({ provinceId: id.optional(), cityId: id.optional(), categoryId: id.optional() }).strict();
export type MarketFilter = z.infer<typeof marketFilterSchema>;

export interface MarketBrand {
  id: number;
  name: string;
  isOwn: boolean;
}

export interface MarketRow {
  /** The city or category id, or the month (1–12). */
  key: number;
  label: string;
  /** Cents: all brands' market sales in the group this year and last year. */
  market: number;
  lastYearMarket: number;
  /** Cents: our brands' market sales. */
  ours: number;
  lastYearOurs: number;
  /** Our market share, this year and last year (null with no market). */
  share: number | null;
  lastYearShare: number | null;
  /** Cents per brand of `brands` (same order), this year. */
  byBrand: number[];
}

export interface MarketAnalysis {
  year: number;
  by: MarketDimension;
  /** The months compared, [from, to] (default the whole year). */
  months: [number, number];
  /** Years with market data, ascending. */
  years: number[];
  /** Our brands first, then competitors by their market sales in the year (desc). */
  brands: MarketBrand[];
  rows: MarketRow[];
  total: MarketRow;
  options: { cities: { id: number; name: string }[]; categories: { id: number; name: string }[] };
}

export interface MarketDetailRow {
  period: number;
  cityName: string;
  categoryName: string;
  brandName: string;
  isOwn: boolean;
  amountCents: number;
  volume: number;
}

export interface MarketDetail {
  rows: MarketDetailRow[];
  total: number;
}

const dimensionSchema = z.enum(SALES_DIMENSIONS);
const marketDimensionSchema = z.enum(MARKET_DIMENSIONS);

export const analysisEndpoints = {
  /** One year's sales by month or dimension, with last year, target, gross margin, achievement, YoY, MoM. */
  'analysis.sales': query<SalesAnalysis>(['actuals', 'master', 'targets'])(
    z.object({ year: yearSchema.optional(), by: dimensionSchema, filter: salesFilterSchema.optional(), months: monthsSchema.optional() }).strict(),
  ),
  /** The sales_actual rows of one group of analysis.sales (the year's months only). */
  'analysis.salesRows': query<SalesDetail>(['actuals', 'master', 'targets'])(
    z
      .object({
        year: yearSchema,
        slice: z.object({ by: dimensionSchema, key: z.number().int().min(0) }).strict(),
        filter: salesFilterSchema.optional(),
        months: monthsSchema.optional(),
        limit: z.number().int().min(1).max(SALES_ROWS_LIMIT).optional(),
      })
      .strict(),
  ),
  /** Market share from market_sales: ours and each competitor by city, category or month, with last year. */
  'analysis.market': query<MarketAnalysis>(['actuals', 'master'])(
    z.object({ year: yearSchema.optional(), by: marketDimensionSchema, filter: marketFilterSchema.optional(), months: monthsSchema.optional() }).strict(),
  ),
  /** The market_sales rows of one group of analysis.market (every brand, the year's months). */
  'analysis.marketRows': query<MarketDetail>(['actuals', 'master'])(
    z
      .object({
        year: yearSchema,
        slice: z.object({ by: marketDimensionSchema, key: z.number().int().min(1) }).strict(),
        filter: marketFilterSchema.optional(),
        months: monthsSchema.optional(),
        limit: z.number().int().min(1).max(MARKET_ROWS_LIMIT).optional(),
      })
      .strict(),
  ),
} as const;
