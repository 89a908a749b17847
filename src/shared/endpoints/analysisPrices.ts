import { z } from 'zod';
import { query } from '../endpoint';

// 價格分析: the price checks of customer visits (visit_price) as a matrix of
// customers × our SKUs. Each cell is the customer's LATEST check of the SKU in the chosen
// months (latest visit date, then the highest visit id, then the highest price row id):
// its purchase price (進貨價), its selling price (零售價), whether it is inverted
// (價格倒掛: selling < purchase, isPriceInverted) and the competitors' prices checked in
// the same visit for a comparable product (see comparableCompetitors in ../analysisPrices).
// Prices are unit prices in cents (分), per the SKU's selling unit (a case), never scaled
// by the display unit.

/** Matrix size: rows (customers) and columns (SKUs) sent to the screen. */
export const PRICE_MATRIX_CUSTOMERS = 60;
export const PRICE_MATRIX_SKUS = 12;
/** SKUs in the chart and its table (the matrix's columns are the first PRICE_MATRIX_SKUS of them). */
export const PRICE_CHART_SKUS = 15;
export const PRICE_CHECKS_LIMIT = 5000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);
const month = z.number().int().min(1).max(12);

const filterShape = {
  year: yearSchema.optional(),
  /** Months of the year, inclusive (default 1–12). */
  monthFrom: month.optional(),
  monthTo: month.optional(),
  cityId: id.optional(),
  /** The customer's channel (customer.channel_id). */
  channelId: id.optional(),
  /** One of our brands / a category: restricts the SKUs. */
  brandId: id.optional(),
  categoryId: id.optional(),
};

const monthsInOrder = (v: { monthFrom?: number; monthTo?: number }) => (v.monthFrom ?? 1) <= (v.monthTo ?? 12);
const monthsIssue = { message: 'analysisPrices.badMonths', path: ['monthTo'] };

export const pricesInputSchema = z
  .object({ ...filterShape, onlyInverted: z.boolean().optional() })
  .strict()
  .refine(monthsInOrder, monthsIssue);
export type PricesInput = z.infer<typeof pricesInputSchema>;

export const priceChecksInputSchema = z
  .object({
    ...filterShape,
    year: yearSchema,
    customerId: id.optional(),
    skuId: id.optional(),
    limit: z.number().int().min(1).max(PRICE_CHECKS_LIMIT).optional(),
  })
  .strict()
  .refine(monthsInOrder, monthsIssue);
export type PriceChecksInput = z.infer<typeof priceChecksInputSchema>;

export const priceShelvesInputSchema = z
  .object({
    year: yearSchema,
    monthFrom: month.optional(),
    monthTo: month.optional(),
    /** The terminal's city and channel. */
    cityId: id.optional(),
    channelId: id.optional(),
    skuIds: z.array(id).min(1).max(PRICE_CHART_SKUS),
  })
  .strict()
  .refine(monthsInOrder, monthsIssue);
export type PriceShelvesInput = z.infer<typeof priceShelvesInputSchema>;

/**
 * Store audits' shelf prices of a SKU (store_audit_sku): each terminal's latest audit in
 * the months that priced it. A shelf price is per piece (bottle, pack); times the SKU's
 * pack size it compares with the visit prices, which are per case.
 */
export interface PriceShelfRow {
  skuId: number;
  terminals: number;
  /** null: the SKU's pack size is not known yet. */
  packSize: number | null;
  /** Cents per piece, the average over the terminals (not rounded). */
  avgUnit: number;
  /** avgUnit × pack size, rounded to a cent: the case-equivalent shelf price; null without a pack size. */
  avgPack: number | null;
}

export interface PriceOption {
  id: number;
  name: string;
}

/** One competitor product compared with a cell (checked in the same visit). */
export interface CompetitorPrice {
  brandName: string;
  label: string;
  purchase: number | null;
  retail: number | null;
}

export interface PriceCell {
  customerId: number;
  skuId: number;
  visitId: number;
  visitDate: string;
  purchase: number | null;
  retail: number | null;
  inverted: boolean;
  /** Checks of this SKU at this customer in the months (the cell shows the latest). */
  checks: number;
  competitors: CompetitorPrice[];
}

export interface PriceSkuRow {
  id: number;
  code: string;
  name: string;
  brandName: string;
  categoryName: string;
  spec: string;
  /** Customers with a check (cells). */
  customers: number;
  /** Averages of the cells' latest prices, in cents (null: no price). */
  avgPurchase: number | null;
  avgRetail: number | null;
  inverted: number;
  /** Average of the compared competitor prices (each competitor row of each cell once). */
  compAvgPurchase: number | null;
  compAvgRetail: number | null;
  compChecks: number;
}

export interface PriceCustomerRow {
  id: number;
  code: string;
  name: string;
  cityName: string;
  /** Cells (SKUs checked) and inverted cells, over every SKU (not only the matrix columns). */
  cells: number;
  inverted: number;
}

export interface PricesAnalysis {
  year: number;
  planYear: number;
  monthFrom: number;
  monthTo: number;
  /** Years with visit price checks, ascending. */
  years: number[];
  options: { cities: PriceOption[]; channels: PriceOption[]; brands: PriceOption[]; categories: PriceOption[] };
  /** Visits with a price check of ours in the slice, before the only-inverted filter. */
  totals: { checks: number; cells: number; invertedCells: number; customers: number; invertedCustomers: number; skus: number };
  /** The first PRICE_CHART_SKUS SKUs with a cell, by customers desc, then code (only-inverted: SKUs with an inverted cell, by inverted desc). */
  skus: PriceSkuRow[];
  /** The matrix: customers (rows) × SKU ids (columns), at most PRICE_MATRIX_* of each. */
  matrix: { customers: PriceCustomerRow[]; skuIds: number[]; cells: PriceCell[]; totalCustomers: number; totalSkus: number };
}

export interface PriceCheckRow {
  id: number;
  visitId: number;
  visitDate: string;
  customerCode: string;
  customerName: string;
  salesperson: string;
  brandName: string;
  isOwn: boolean;
  skuCode: string;
  product: string;
  purchase: number | null;
  retail: number | null;
  inverted: boolean;
  /** The check the matrix shows (the customer × SKU's latest), or a competitor compared with it. */
  latest: boolean;
}

export interface PriceChecks {
  rows: PriceCheckRow[];
  total: number;
  inverted: number;
}

export const analysisPricesEndpoints = {
  /** The price matrix of one year's months (default: plan year − 1, all months). */
  'analysis.prices': query<PricesAnalysis>(['actuals', 'master'])(pricesInputSchema),
  /** The store audits' shelf prices of the chart's SKUs (terminals in the city / channel). */
  'analysis.priceShelves': query<{ rows: PriceShelfRow[] }>(['actuals', 'master'])(priceShelvesInputSchema),
  /** The visit price checks behind a cell (customer + SKU), a customer or a SKU. */
  'analysis.priceChecks': query<PriceChecks>(['actuals', 'master'])(priceChecksInputSchema),
} as const;
