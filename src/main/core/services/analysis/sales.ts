import type Database from 'better-sqlite3';
import type { SalesAnalysis, SalesDetail, SalesDimension, SalesFilter, SalesRow } from '../../../../shared/endpoints/analysis';
import { achievement, grossMargin, monthOnMonth, yearOnYear } from '../../../../shared/kpi';

// Sales analysis: one aggregate query per request, over the monthly summaries per
// customer or per SKU (migration 6) when the filter allows, else over sales_actual
// (its primary key starts with the period, so a year is a range scan); joined to
// customer / sku / city only when the grouping or the filter needs them. The target
// is one aggregate over the working plan's target_fact. No row-by-row work in JS.

type Joins = { customer: boolean; sku: boolean; city: boolean };
type Months = readonly [number, number];

/** The group key of a sales_actual row `a` (customer c, sku s, city ci). */
const ACTUAL_KEY: Record<SalesDimension, { expr: string; joins: Partial<Joins> }> = {
  month: { expr: 'a.period % 100', joins: {} },
  province: { expr: 'ci.province_id', joins: { customer: true, city: true } },
  city: { expr: 'c.city_id', joins: { customer: true } },
  channel: { expr: 'c.channel_id', joins: { customer: true } },
  brand: { expr: 's.brand_id', joins: { sku: true } },
  category: { expr: 's.category_id', joins: { sku: true } },
  customer: { expr: 'a.customer_id', joins: {} },
  salesperson: { expr: 'COALESCE(c.owner_id, 0)', joins: { customer: true } },
};

/** The group key of a target_fact row `t` (sku s, city ci, customer c). */
const TARGET_KEY: Record<SalesDimension, { expr: string; joins: Partial<Joins> }> = {
  month: { expr: 't.month', joins: {} },
  province: { expr: 'ci.province_id', joins: { city: true } },
  city: { expr: 't.city_id', joins: {} },
  channel: { expr: 't.channel_id', joins: {} },
  brand: { expr: 's.brand_id', joins: { sku: true } },
  category: { expr: 's.category_id', joins: { sku: true } },
  customer: { expr: 'COALESCE(t.customer_id, 0)', joins: {} },
  salesperson: { expr: 'COALESCE(c.owner_id, 0)', joins: { customer: true } },
};

/**
 * The slice filter's conditions. City and channel are the customer's for actuals and
 * the target cell's own for targets (`place`); brand and category go through the SKU.
 */
function filterWhere(filter: SalesFilter, joins: Joins, place: { city: string; channel: string; viaCustomer: boolean }): { where: string[]; params: number[] } {
  const where: string[] = [];
  const params: number[] = [];
  const add = (value: number | undefined, column: string, join: keyof Joins | null) => {
    if (value === undefined) return;
    if (join) joins[join] = true;
    where.push(`${column} = ?`);
    params.push(value);
  };
  const placeJoin = place.viaCustomer ? 'customer' : null;
  add(filter.cityId, place.city, placeJoin);
  add(filter.channelId, place.channel, placeJoin);
  add(filter.brandId, 's.brand_id', 'sku');
  add(filter.categoryId, 's.category_id', 'sku');
  return { where, params };
}

function actualFrom(by: SalesDimension | null, filter: SalesFilter): { from: string; where: string[]; params: number[] } {
  const joins: Joins = { customer: false, sku: false, city: false, ...(by ? ACTUAL_KEY[by].joins : {}) };
  const { where, params } = filterWhere(filter, joins, { city: 'c.city_id', channel: 'c.channel_id', viaCustomer: true });
  let from = 'sales_actual a';
  if (joins.customer || joins.city) from += ' JOIN customer c ON c.id = a.customer_id';
  if (joins.city) from += ' JOIN city ci ON ci.id = c.city_id';
  if (joins.sku) from += ' JOIN sku s ON s.id = a.sku_id';
  return { from, where, params };
}

function targetFrom(by: SalesDimension, filter: SalesFilter): { from: string; where: string[]; params: number[] } {
  const joins: Joins = { customer: false, sku: false, city: false, ...TARGET_KEY[by].joins };
  const { where, params } = filterWhere(filter, joins, { city: 't.city_id', channel: 't.channel_id', viaCustomer: false });
  let from = 'target_fact t';
  if (joins.customer) from += ' LEFT JOIN customer c ON c.id = t.customer_id';
  if (joins.city) from += ' JOIN city ci ON ci.id = t.city_id';
  if (joins.sku) from += ' JOIN sku s ON s.id = t.sku_id';
  return { from, where, params };
}

const LABEL_SQL: Record<Exclude<SalesDimension, 'month'>, string> = {
  province: 'SELECT id, name FROM province',
  city: 'SELECT id, name FROM city',
  channel: 'SELECT id, name FROM channel',
  brand: 'SELECT id, name FROM brand',
  category: 'SELECT id, name FROM category',
  customer: 'SELECT id, name FROM customer',
  salesperson: 'SELECT id, name FROM salesperson',
};
const ORDER_SQL: Record<Exclude<SalesDimension, 'month' | 'customer' | 'salesperson'>, string> = {
  province: 'sort_order, id',
  city: 'sort_order, id',
  channel: 'sort_order, id',
  brand: 'sort_order, id',
  category: 'sort_order, id',
};

const SKU_DIMENSIONS = new Set<SalesDimension>(['brand', 'category']);

/**
 * The year's and the previous year's sums per group, in two stages: first per period
 * and customer (or sku), then per group. Grouping by (period, customer_id) follows the
 * primary key, so SQLite aggregates while it scans without sorting millions of rows;
 * the second stage joins the few thousand partial sums to customer / sku / city.
 */
function actualAggregate(
  sqlite: Database.Database,
  year: number,
  by: SalesDimension,
  filter: SalesFilter,
  months: Months,
): { k: number; actual: number; last_year: number; gp: number }[] {
  const bySku = SKU_DIMENSIONS.has(by);
  const [fromMonth, toMonth] = months;
  const inner: string[] = ['a.period BETWEEN ? AND ?'];
  const innerParams: number[] = [(year - 1) * 100 + fromMonth, year * 100 + toMonth];
  // Part of the year: the same months of both years (同期).
  if (fromMonth > 1 || toMonth < 12) {
    inner.push('a.period % 100 BETWEEN ? AND ?');
    innerParams.push(fromMonth, toMonth);
  }
  const outer: string[] = [];
  const outerParams: number[] = [];
  // Customer filters: outside when the first stage is per customer, inside otherwise.
  const customerWhere = bySku ? inner : outer;
  const customerParams = bySku ? innerParams : outerParams;
  if (filter.cityId !== undefined) {
    customerWhere.push('c.city_id = ?');
    customerParams.push(filter.cityId);
  }
  if (filter.channelId !== undefined) {
    customerWhere.push('c.channel_id = ?');
    customerParams.push(filter.channelId);
  }
  // A brand or category filter inside a per-customer stage is a set of SKU ids probed
  // while the period range is scanned in key order (the "+" keeps SQLite off the SKU
  // index, whose random lookups into the table measured four times slower).
  const skuConds: string[] = [];
  const skuCondParams: number[] = [];
  if (filter.brandId !== undefined) {
    skuConds.push('s.brand_id = ?');
    skuCondParams.push(filter.brandId);
  }
  if (filter.categoryId !== undefined) {
    skuConds.push('s.category_id = ?');
    skuCondParams.push(filter.categoryId);
  }
  if (skuConds.length && bySku) {
    outer.push(...skuConds);
    outerParams.push(...skuCondParams);
  } else if (skuConds.length) {
    inner.push(`+a.sku_id IN (SELECT s.id FROM sku s WHERE ${skuConds.join(' AND ')})`);
    innerParams.push(...skuCondParams);
  }
  const innerCustomer = bySku && (filter.cityId !== undefined || filter.channelId !== undefined);
  const innerSku = !bySku && (filter.brandId !== undefined || filter.categoryId !== undefined);
  const member = bySku ? 'sku_id' : 'customer_id';
  const joins = innerCustomer ? ' JOIN customer c ON c.id = a.customer_id' : '';
  let innerSql: string;
  let innerAll: number[];
  if (!innerCustomer && !innerSku) {
    // No filter across the two sides: the monthly summary per SKU or per customer
    // (migration 6) already holds the first stage, about 1/40 of the lines.
    innerSql = `SELECT m.period AS period, m.${member} AS member, m.amount_cents AS amount, m.gross_profit_cents AS gp
      FROM ${bySku ? 'sales_month_sku' : 'sales_month_customer'} m
     WHERE ${inner.map((w) => w.replace(/\ba\./g, 'm.')).join(' AND ')}`;
    innerAll = innerParams;
  } else {
    innerSql = `SELECT a.period AS period, a.${member} AS member, SUM(a.amount_cents) AS amount, SUM(a.gross_profit_cents) AS gp
      FROM sales_actual a${joins}
     WHERE ${inner.join(' AND ')}
     GROUP BY a.period, a.${member}`;
    innerAll = innerParams;
    // (With a customer filter SQLite reads that city's or channel's customers through
    // sales_actual_customer, a fraction of the rows; with a brand or category filter by
    // customer it scans the two years.)
  }
  const outerKey: Record<SalesDimension, string> = {
    month: 'x.period % 100',
    province: 'ci.province_id',
    city: 'c.city_id',
    channel: 'c.channel_id',
    brand: 's.brand_id',
    category: 's.category_id',
    customer: 'x.member',
    salesperson: 'COALESCE(c.owner_id, 0)',
  };
  let outerFrom = `(${innerSql}) x`;
  if (bySku) outerFrom += ' JOIN sku s ON s.id = x.member';
  else outerFrom += ' JOIN customer c ON c.id = x.member';
  if (by === 'province') outerFrom += ' JOIN city ci ON ci.id = c.city_id';
  const from = year * 100 + 1;
  return sqlite
    .prepare(
      `SELECT ${outerKey[by]} AS k,
              SUM(CASE WHEN x.period >= ? THEN x.amount ELSE 0 END) AS actual,
              SUM(CASE WHEN x.period < ? THEN x.amount ELSE 0 END) AS last_year,
              SUM(CASE WHEN x.period >= ? THEN x.gp ELSE 0 END) AS gp
         FROM ${outerFrom}
        ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''}
        GROUP BY k`,
    )
    .all(from, from, from, ...innerAll, ...outerParams) as { k: number; actual: number; last_year: number; gp: number }[];
}

export function planYearOf(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
}

export function actualYears(sqlite: Database.Database): number[] {
  // The PK starts with the period: one seek per distinct year.
  const years: number[] = [];
  const next = sqlite.prepare('SELECT period FROM sales_actual WHERE period >= ? ORDER BY period LIMIT 1');
  let from = 0;
  for (;;) {
    const row = next.get(from) as { period: number } | undefined;
    if (!row) break;
    const y = Math.floor(row.period / 100);
    years.push(y);
    from = (y + 1) * 100;
  }
  return years;
}

function workingVersion(sqlite: Database.Database): number | null {
  const row = sqlite.prepare("SELECT id FROM plan_version WHERE kind = 'working' ORDER BY id LIMIT 1").get() as { id: number } | undefined;
  return row?.id ?? null;
}

function makeRow(key: number, label: string, actual: number, lastYear: number, gp: number, target: number | null): SalesRow {
  return {
    key,
    label,
    actual,
    lastYear,
    target,
    grossProfit: gp,
    grossMargin: grossMargin(actual, actual - gp),
    achievement: target === null ? null : achievement(actual, target),
    yoy: yearOnYear(actual, lastYear),
    mom: null,
  };
}

/** The year's last month with sales actuals, or null. */
function lastMonthOf(sqlite: Database.Database, year: number): number | null {
  const p = sqlite.prepare('SELECT MAX(period) FROM sales_month_customer WHERE period BETWEEN ? AND ?').pluck().get(year * 100 + 1, year * 100 + 12) as number | null;
  return p === null ? null : p % 100;
}

export function salesAnalysis(
  sqlite: Database.Database,
  input: { year?: number; by: SalesDimension; filter?: SalesFilter; months?: [number, number] },
): SalesAnalysis {
  const planYear = planYearOf(sqlite);
  const year = input.year ?? planYear - 1;
  const { by } = input;
  const filter = input.filter ?? {};
  // A year still under way is compared with the same months of last year (同期).
  const lastMonth = lastMonthOf(sqlite, year);
  const months: [number, number] = input.months ?? [1, lastMonth !== null && lastMonth < 12 ? lastMonth : 12];

  const aggregate = actualAggregate(sqlite, year, by, filter, months);

  const targets = new Map<number, number>();
  const version = year === planYear ? workingVersion(sqlite) : null;
  if (version !== null) {
    const t = targetFrom(by, filter);
    const rows = sqlite
      .prepare(
        `SELECT ${TARGET_KEY[by].expr} AS k, SUM(t.amount_cents) AS target FROM ${t.from}
          WHERE t.version_id = ? AND t.month BETWEEN ? AND ?${t.where.map((w) => ` AND ${w}`).join('')} GROUP BY k`,
      )
      .all(version, months[0], months[1], ...t.params) as { k: number; target: number }[];
    for (const r of rows) targets.set(r.k, r.target);
  }
  // No target cell at all (a plan not made yet): no target, rather than a target of 0.
  const hasTarget = targets.size > 0;

  const byKey = new Map(aggregate.map((r) => [r.k, r]));
  const keys = new Set<number>([...byKey.keys(), ...targets.keys()]);
  let rows: SalesRow[];
  if (by === 'month') {
    rows = [];
    for (let m = months[0]; m <= months[1]; m++) {
      const r = byKey.get(m);
      rows.push(makeRow(m, String(m), r?.actual ?? 0, r?.last_year ?? 0, r?.gp ?? 0, hasTarget ? (targets.get(m) ?? 0) : null));
    }
    for (let i = 1; i < rows.length; i++) rows[i].mom = monthOnMonth(rows[i].actual, rows[i - 1].actual);
  } else {
    const names = new Map((sqlite.prepare(LABEL_SQL[by]).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
    rows = [...keys].map((k) => {
      const r = byKey.get(k);
      return makeRow(k, names.get(k) ?? '', r?.actual ?? 0, r?.last_year ?? 0, r?.gp ?? 0, hasTarget ? (targets.get(k) ?? 0) : null);
    });
    if (by in ORDER_SQL) {
      const order = new Map(
        (sqlite.prepare(`SELECT id FROM ${by} ORDER BY ${ORDER_SQL[by as keyof typeof ORDER_SQL]}`).all() as { id: number }[]).map((r, i) => [r.id, i]),
      );
      rows.sort((x, y) => (order.get(x.key) ?? 1e9) - (order.get(y.key) ?? 1e9));
    } else {
      rows.sort((x, y) => y.actual - x.actual || x.key - y.key);
    }
  }
  const sum = (f: (r: SalesRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  const total = makeRow(0, '', sum((r) => r.actual), sum((r) => r.lastYear), sum((r) => r.grossProfit), hasTarget ? sum((r) => r.target ?? 0) : null);

  return {
    year,
    planYear,
    by,
    months,
    lastMonth,
    years: actualYears(sqlite),
    rows,
    total,
    options: {
      cities: sqlite.prepare('SELECT id, name FROM city ORDER BY sort_order, id').all() as { id: number; name: string }[],
      channels: sqlite.prepare('SELECT id, name FROM channel ORDER BY sort_order, id').all() as { id: number; name: string }[],
      brands: (sqlite.prepare('SELECT id, name, is_own FROM brand ORDER BY is_own DESC, sort_order, id').all() as { id: number; name: string; is_own: number }[]).map(
        (b) => ({ id: b.id, name: b.name, isOwn: b.is_own === 1 }),
      ),
    },
  };
}

export function salesRows(
  sqlite: Database.Database,
  input: { year: number; slice: { by: SalesDimension; key: number }; filter?: SalesFilter; months?: [number, number]; limit?: number },
): SalesDetail {
  const { year, slice } = input;
  const [fromMonth, toMonth] = input.months ?? [1, 12];
  const a = actualFrom(slice.by, input.filter ?? {});
  const where = [`a.period BETWEEN ? AND ?`, ...a.where, `${ACTUAL_KEY[slice.by].expr} = ?`];
  const params = [year * 100 + fromMonth, year * 100 + toMonth, ...a.params, slice.key];
  const whereSql = where.join(' AND ');
  const total = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${a.from} WHERE ${whereSql}`).get(...params) as { n: number }).n;
  const rows = sqlite
    .prepare(
      `SELECT a.period AS period, cu.code AS customerCode, cu.name AS customerName, sk.code AS skuCode, sk.name AS skuName,
              a.amount_cents AS amountCents, a.volume AS volume, a.gross_profit_cents AS grossProfitCents
         FROM ${a.from} JOIN customer cu ON cu.id = a.customer_id JOIN sku sk ON sk.id = a.sku_id
        WHERE ${whereSql}
        ORDER BY a.period, a.customer_id, a.sku_id LIMIT ?`,
    )
    .all(...params, input.limit ?? 1000) as SalesDetail['rows'];
  return { rows, total };
}
