import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { inventoryToSales, isBlankArea } from '../../../../shared/kpi';
import { classifyAbc, type AbcClass } from '../../../../shared/pareto';
import {
  CUSTOMER_TIERS, type BlankArea, type CustomerAnalysis, type CustomerAnalysisRow, type CustomerBrief,
  type CustomerSalesDetail, type CustomerTierName,
} from '../../../../shared/channels/analysisCustomers';

// 渠道客戶分析: a handful of aggregate queries (sales by customer for the year and the
// year before, one statement month, active distributors by city); ranking, shares and
// the A/B/C classes in JS over one row per customer.

function planYear(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
}

function yearsWithActuals(sqlite: Database.Database): number[] {
  // The PK starts with the period: one seek per distinct year.
  const next = sqlite.prepare('SELECT period FROM sales_actual WHERE period >= ? ORDER BY period LIMIT 1');
  const years: number[] = [];
  let from = 0;
  for (;;) {
    const row = next.get(from) as { period: number } | undefined;
    if (!row) return years;
    const y = Math.floor(row.period / 100);
    years.push(y);
    from = (y + 1) * 100;
  }
}

interface CustomerRecord {
  id: number;
  code: string;
  name: string;
  city_name: string;
  tier: CustomerTierName;
  status: CustomerAnalysisRow['status'];
  credit_limit_cents: number;
}

export function customerAnalysis(sqlite: Database.Database, input: { year?: number }): CustomerAnalysis {
  const py = planYear(sqlite);
  const year = input.year ?? py - 1;
  const from = year * 100 + 1;
  const to = year * 100 + 12;

  const sums = sqlite
    .prepare(
      `SELECT customer_id AS id,
              SUM(CASE WHEN period >= ? THEN amount_cents ELSE 0 END) AS sales,
              SUM(CASE WHEN period >= ? THEN 1 ELSE 0 END) AS n,
              SUM(CASE WHEN period < ? THEN amount_cents ELSE 0 END) AS last_sales,
              SUM(CASE WHEN period < ? THEN 1 ELSE 0 END) AS last_n
         FROM sales_actual WHERE period BETWEEN ? AND ? GROUP BY customer_id`,
    )
    .all(from, from, from, from, (year - 1) * 100 + 1, to) as { id: number; sales: number; n: number; last_sales: number; last_n: number }[];

  const monthsWithSales = (sqlite.prepare('SELECT COUNT(DISTINCT period) AS n FROM sales_actual WHERE period BETWEEN ? AND ?').get(from, to) as { n: number }).n;
  const statementPeriod = (sqlite.prepare('SELECT MAX(period) AS p FROM customer_statement WHERE period BETWEEN ? AND ?').get(from, to) as { p: number | null }).p;
  const statements = new Map<number, { inventory_cents: number; receivable_cents: number }>();
  if (statementPeriod !== null) {
    for (const s of sqlite
      .prepare('SELECT customer_id, inventory_cents, receivable_cents FROM customer_statement WHERE period = ?')
      .all(statementPeriod) as { customer_id: number; inventory_cents: number; receivable_cents: number }[]) {
      statements.set(s.customer_id, s);
    }
  }

  const records = new Map<number, CustomerRecord>();
  for (const c of sqlite
    .prepare(
      `SELECT c.id, c.code, c.name, ci.name AS city_name, c.tier, c.status, c.credit_limit_cents
         FROM customer c JOIN city ci ON ci.id = c.city_id`,
    )
    .all() as CustomerRecord[]) {
    records.set(c.id, c);
  }

  // The year's selling customers: every customer with rows in the year (A/B/C per classifyAbc).
  const thisYear = sums.filter((s) => s.n > 0);
  const abc = classifyAbc(thisYear.map((s) => [s.id, s.sales] as const));
  const totalSales = thisYear.reduce((a, s) => a + s.sales, 0);

  const ranked = [...sums].sort((a, b) => b.sales - a.sales || a.id - b.id);
  let cumulative = 0;
  const customers: CustomerAnalysisRow[] = [];
  for (const s of ranked) {
    const c = records.get(s.id);
    if (!c) continue;
    const st = statements.get(s.id);
    cumulative += s.sales;
    const avgMonthly = monthsWithSales > 0 ? s.sales / monthsWithSales : 0;
    const receivable = st?.receivable_cents ?? null;
    customers.push({
      id: c.id,
      code: c.code,
      name: c.name,
      cityName: c.city_name,
      tier: c.tier,
      status: c.status,
      sales: s.sales,
      lastYearSales: s.last_sales,
      share: totalSales > 0 ? s.sales / totalSales : null,
      cumulativeShare: totalSales > 0 ? cumulative / totalSales : null,
      abc: abc.get(s.id) ?? 'C',
      inventoryCents: st?.inventory_cents ?? null,
      receivableCents: receivable,
      inventoryToSales: st ? inventoryToSales(st.inventory_cents, avgMonthly) : null,
      creditLimitCents: c.credit_limit_cents,
      overLimit: receivable !== null && c.credit_limit_cents > 0 && receivable > c.credit_limit_cents,
    });
  }

  const classes: Record<AbcClass, { count: number; sales: number }> = { A: { count: 0, sales: 0 }, B: { count: 0, sales: 0 }, C: { count: 0, sales: 0 } };
  for (const s of thisYear) {
    const k = abc.get(s.id) ?? 'C';
    classes[k].count++;
    classes[k].sales += s.sales;
  }
  const tiers = CUSTOMER_TIERS.map((tier) => ({ tier, count: 0, sales: 0 }));
  for (const s of thisYear) {
    const c = records.get(s.id);
    const t = c && tiers.find((x) => x.tier === c.tier);
    if (!t) continue;
    t.count++;
    t.sales += s.sales;
  }

  const brief = (id: number, sales: number): CustomerBrief => {
    const c = records.get(id)!;
    return { id, code: c.code, name: c.name, tier: c.tier, sales };
  };
  // Gained: sales this year, none last year; lost: sales last year, none this year.
  const gained = ranked.filter((s) => s.sales > 0 && s.last_sales <= 0 && records.has(s.id)).map((s) => brief(s.id, s.sales));
  const lost = [...sums]
    .filter((s) => s.last_sales > 0 && s.sales <= 0 && records.has(s.id))
    .sort((a, b) => b.last_sales - a.last_sales || a.id - b.id)
    .map((s) => brief(s.id, s.last_sales));

  const cityRows = sqlite
    .prepare(
      `SELECT ci.id, ci.name, p.name AS province_name,
              (SELECT COUNT(*) FROM customer c WHERE c.city_id = ci.id AND c.tier = 'distributor' AND c.status = 'active') AS distributors,
              (SELECT COUNT(*) FROM customer c WHERE c.city_id = ci.id) AS customers
         FROM city ci JOIN province p ON p.id = ci.province_id
        ORDER BY p.sort_order, p.id, ci.sort_order, ci.id`,
    )
    .all() as { id: number; name: string; province_name: string; distributors: number; customers: number }[];
  const blankAreas: BlankArea[] = cityRows
    .filter((c) => isBlankArea(c.distributors, null, null))
    .map((c) => ({ cityId: c.id, cityName: c.name, provinceName: c.province_name, customers: c.customers }));

  return {
    year,
    planYear: py,
    years: yearsWithActuals(sqlite),
    monthsWithSales,
    statementPeriod,
    totalSales,
    customers,
    classes,
    tiers,
    gained,
    lost,
    blankAreas,
    cities: cityRows.length,
  };
}

export function customerSalesRows(sqlite: Database.Database, input: { year: number; customerId: number; limit?: number }): CustomerSalesDetail {
  const customer = sqlite.prepare('SELECT id, code, name FROM customer WHERE id = ?').get(input.customerId) as
    | { id: number; code: string; name: string }
    | undefined;
  if (!customer) {
    throw new AppError('NOT_FOUND', `no customer ${input.customerId}`, {
      issues: [{ path: 'customerId', message: 'analysisCustomers.unknownCustomer' }],
    });
  }
  const from = input.year * 100 + 1;
  const to = input.year * 100 + 12;
  const agg = sqlite
    .prepare('SELECT COUNT(*) AS n, COALESCE(SUM(amount_cents), 0) AS cents FROM sales_actual WHERE customer_id = ? AND period BETWEEN ? AND ?')
    .get(customer.id, from, to) as { n: number; cents: number };
  const rows = sqlite
    .prepare(
      `SELECT a.period, s.code AS skuCode, s.name AS skuName, a.amount_cents AS amountCents, a.volume,
              a.gross_profit_cents AS grossProfitCents
         FROM sales_actual a JOIN sku s ON s.id = a.sku_id
        WHERE a.customer_id = ? AND a.period BETWEEN ? AND ?
        ORDER BY a.period, s.code, a.sku_id LIMIT ?`,
    )
    .all(customer.id, from, to, input.limit ?? 1000) as CustomerSalesDetail['rows'];
  return { customer, rows, total: agg.n, totalCents: agg.cents };
}
