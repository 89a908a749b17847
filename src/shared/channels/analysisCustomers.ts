import { z } from 'zod';
import { channel } from '../channel';
import type { AbcClass } from '../pareto';

// 渠道客戶分析 (issue 7): the review year's customers ranked by sales (80/20 Pareto,
// A/B/C per classifyAbc), tier mix, customers gained and lost, inventory-to-sales and
// receivables against credit limit per customer, and the blank areas (cities of the
// region with no active distributor). Plus the sales_actual rows of one customer.

export const CUSTOMER_TIERS = ['distributor', 'sub_distributor', 'key_account'] as const;
export type CustomerTierName = (typeof CUSTOMER_TIERS)[number];
export const CUSTOMER_ROWS_LIMIT = 5000;

const id = z.number().int().positive();
const yearSchema = z.number().int().min(2000).max(2100);

export interface CustomerAnalysisRow {
  id: number;
  code: string;
  name: string;
  cityName: string;
  tier: CustomerTierName;
  status: 'active' | 'prospect' | 'terminated';
  /** Cents, the year's sales_actual. */
  sales: number;
  lastYearSales: number;
  /** Share of the year's total sales, and cumulative share in rank order (null when total ≤ 0). */
  share: number | null;
  cumulativeShare: number | null;
  abc: AbcClass;
  /** customer_statement at the year's last statement month (null: no statement that month). */
  inventoryCents: number | null;
  receivableCents: number | null;
  /** 庫銷比: inventory / average monthly sales (sales / months with actuals in the year). */
  inventoryToSales: number | null;
  creditLimitCents: number;
  /** Receivable above a positive credit limit. */
  overLimit: boolean;
}

export interface CustomerBrief {
  id: number;
  code: string;
  name: string;
  tier: CustomerTierName;
  /** Cents: this year's sales (gained) or last year's (lost). */
  sales: number;
}

export interface BlankArea {
  cityId: number;
  cityName: string;
  provinceName: string;
  /** Customers of any tier/status in the city. */
  customers: number;
}

export interface CustomerAnalysis {
  year: number;
  planYear: number;
  /** Years with sales actuals, ascending. */
  years: number[];
  /** Months of the year with any sales actual (the denominator of the average monthly sales). */
  monthsWithSales: number;
  /** yyyymm of the year's last customer statement, null if none. */
  statementPeriod: number | null;
  totalSales: number;
  /** Customers with sales actual rows in the year or the year before, ranked by the year's sales (desc), then id. */
  customers: CustomerAnalysisRow[];
  /** Per class: customers with sales rows in the year, and their sales. */
  classes: Record<AbcClass, { count: number; sales: number }>;
  tiers: { tier: CustomerTierName; count: number; sales: number }[];
  gained: CustomerBrief[];
  lost: CustomerBrief[];
  blankAreas: BlankArea[];
  /** Cities in the region. */
  cities: number;
}

export interface CustomerSalesRow {
  period: number;
  skuCode: string;
  skuName: string;
  amountCents: number;
  volume: number;
  grossProfitCents: number;
}

export interface CustomerSalesDetail {
  customer: { id: number; code: string; name: string };
  rows: CustomerSalesRow[];
  /** Every matching row (the grid shows the first `limit`). */
  total: number;
  totalCents: number;
}

export const analysisCustomerChannels = {
  /** The channel-customer analysis of one year (default: plan year − 1). */
  'analysis.customers': channel<CustomerAnalysis>()(z.object({ year: yearSchema.optional() }).strict()),
  /** One customer's sales_actual rows of a year, by month × SKU. */
  'analysis.customerRows': channel<CustomerSalesDetail>()(
    z.object({ year: yearSchema, customerId: id, limit: z.number().int().min(1).max(CUSTOMER_ROWS_LIMIT).optional() }).strict(),
  ),
} as const;
