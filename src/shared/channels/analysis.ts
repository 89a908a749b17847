import { z } from 'zod';
import { channel } from '../channel';

// The analysis area (issue 7). Sales analysis: the year's actuals by month or by a
// dimension, against last year and (for the plan year) the working plan's target,
// and the sales_actual rows behind any one group.

export const SALES_DIMENSIONS = ['month', 'province', 'city', 'channel', 'brand', 'category', 'customer', 'salesperson'] as const;
export type SalesDimension = (typeof SALES_DIMENSIONS)[number];
export const SALES_ROWS_LIMIT = 1000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);

export const salesFilterSchema = z
  .object({ cityId: id.optional(), channelId: id.optional(), brandId: id.optional(), categoryId: id.optional() })
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
  grossProfitCents: number;
}

export interface SalesDetail {
  rows: SalesDetailRow[];
  /** Every matching row (the grid shows the first `limit`). */
  total: number;
}

const dimensionSchema = z.enum(SALES_DIMENSIONS);

export const analysisChannels = {
  /** One year's sales by month or dimension, with last year, target, gross margin, achievement, YoY, MoM. */
  'analysis.sales': channel<SalesAnalysis>()(
    z.object({ year: yearSchema.optional(), by: dimensionSchema, filter: salesFilterSchema.optional() }).strict(),
  ),
  /** The sales_actual rows of one group of analysis.sales (the year's months only). */
  'analysis.salesRows': channel<SalesDetail>()(
    z
      .object({
        year: yearSchema,
        slice: z.object({ by: dimensionSchema, key: z.number().int().min(0) }).strict(),
        filter: salesFilterSchema.optional(),
        limit: z.number().int().min(1).max(SALES_ROWS_LIMIT).optional(),
      })
      .strict(),
  ),
} as const;
