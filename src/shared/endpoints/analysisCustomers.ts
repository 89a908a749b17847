import { z } from 'zod';
import { command, query } from '../endpoint';
import type { AbcClass } from '../pareto';

// 渠道客戶分析: the review year's customers ranked by sales (80/20 Pareto,
// A/B/C per classifyAbc over the filtered set), tier mix, customers gained and lost,
// inventory-to-sales and receivables against credit limit per customer, and the blank
// areas (cities of the region with no active distributor, or whose terminal coverage is
// below the user's target), filtered by province/city, channel and tier. Plus the
// sales_actual rows of one customer, and the outlines of the region's provinces for the
// blank-area map.

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

/** Why a city is a blank area (null: it is not). */
export type BlankReason = 'noDistributor' | 'lowCoverage' | null;

/** One city of the filter's geography: distributors, terminal coverage, blank or not. */
export interface CityCoverage {
  cityId: number;
  cityName: string;
  provinceId: number;
  provinceName: string;
  /** The province's code (GB/T 2260 when the region was set up from the catalog). */
  provinceCode: string;
  /** Customers of any tier/status in the city (and channel, when filtered). */
  customers: number;
  /** Active distributors in the city (of any channel: the channel filter applies to the terminals). */
  activeDistributors: number;
  /** Active terminals in the city (of the channel, when filtered). */
  terminals: number;
  /** Of those, the terminals whose supplying customer (terminal.customer_id) is active. */
  coveredTerminals: number;
  /** coveredTerminals / terminals; null without active terminals. */
  coverage: number | null;
  blank: boolean;
  reason: BlankReason;
}

/** A blank area: a city of the region per isBlankArea, with the reason. */
export type BlankArea = CityCoverage & { blank: true; reason: 'noDistributor' | 'lowCoverage' };

export interface FilterOption {
  id: number;
  name: string;
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
  /** The filters applied (echoed back), and the coverage target used for the blank areas (0–1). */
  filter: CustomerFilter;
  coverageTarget: number;
  /** Every city of the filter's geography, in province/city order. */
  coverage: CityCoverage[];
  blankAreas: BlankArea[];
  /** Cities in the filter's geography. */
  cities: number;
  options: { provinces: FilterOption[]; cities: (FilterOption & { provinceId: number })[]; channels: FilterOption[] };
}

export interface CustomerFilter {
  provinceId?: number;
  cityId?: number;
  channelId?: number;
  tier?: CustomerTierName;
}

export const DEFAULT_COVERAGE_TARGET = 0.6;

/** One province outline for the blank-area map (GeoJSON-style rings of [lon, lat]). */
export interface RegionMapProvince {
  /** GB/T 2260 code. */
  code: string;
  zhHant: string;
  zhHans: string;
  en: string;
  /** The region's province id, null for a neighbouring province drawn for context. */
  provinceId: number | null;
  center: [number, number] | null;
  polygons: [number, number][][][];
}

export interface RegionMap {
  source: string;
  licence: string;
  /** The region's provinces first, then neighbours (within 1.5° of the region's extent). */
  provinces: RegionMapProvince[];
  /** The region's provinces that have no outline in the map data (e.g. 香港, or a custom code). */
  missing: { provinceId: number; name: string }[];
}

export interface CustomerSalesRow {
  period: number;
  skuCode: string;
  skuName: string;
  amountCents: number;
  volume: number;
  /** Null: not known (the SKU's cost is missing). */
  grossProfitCents: number | null;
}

export interface CustomerSalesDetail {
  customer: { id: number; code: string; name: string };
  rows: CustomerSalesRow[];
  /** Every matching row (the grid shows the first `limit`). */
  total: number;
  totalCents: number;
}

export const analysisCustomerEndpoints = {
  /** The channel-customer analysis of one year (default: plan year − 1). */
  'analysis.customers': query<CustomerAnalysis>(['actuals', 'master', 'analysis'])(
    z
      .object({
        year: yearSchema.optional(),
        provinceId: id.optional(),
        cityId: id.optional(),
        channelId: id.optional(),
        tier: z.enum(CUSTOMER_TIERS).optional(),
        /** Terminal coverage below this share (0–1) makes a city a blank area; default: the region file's target (analysis.setCoverageTarget), else DEFAULT_COVERAGE_TARGET. */
        coverageTarget: z.number().min(0).max(1).optional(),
      })
      .strict(),
  ),
  /** The region's terminal-coverage target for blank areas (a share, 0–1), kept in the region file; one undo step. */
  'analysis.setCoverageTarget': command<null>(['analysis'])(z.object({ target: z.number().finite().min(0).max(1) }).strict()),
  /** The outlines of the region's provinces (and their neighbours) for the blank-area map. */
  'analysis.regionMap': query<RegionMap>(['actuals', 'master', 'analysis'])(z.object({}).strict()),
  /** One customer's sales_actual rows of a year, by month × SKU. */
  'analysis.customerRows': query<CustomerSalesDetail>(['actuals', 'master'])(
    z.object({ year: yearSchema, customerId: id, limit: z.number().int().min(1).max(CUSTOMER_ROWS_LIMIT).optional() }).strict(),
  ),
} as const;
