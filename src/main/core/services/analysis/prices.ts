import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { isPriceInverted } from '../../../../shared/kpi';
import { averageCents, comparableCompetitors, isLaterCheck } from '../../../../shared/analysisPrices';
import {
  PRICE_CHART_SKUS, PRICE_MATRIX_CUSTOMERS, PRICE_MATRIX_SKUS, type PriceCell, type PriceCheckRow, type PriceChecks,
  type PriceChecksInput, type PriceCustomerRow, type PricesAnalysis, type PricesInput, type PriceShelfRow, type PriceShelvesInput, type PriceSkuRow,
} from '../../../../shared/endpoints/analysisPrices';

// 價格分析: two queries over the visits of the chosen months (our SKUs' latest check per
// customer × SKU with a window function; the competitor rows of the same visits), the
// comparison and the aggregates in JS over one row per cell. The large region has ~9k
// visits and ~56k price rows a year, so both stay a few tens of milliseconds.

function planYear(sqlite: Database.Database): number {
  return (sqlite.prepare('SELECT plan_year FROM region_meta').get() as { plan_year: number }).plan_year;
}

function refuse(code: 'NOT_FOUND' | 'INVALID_INPUT', path: string, what: string, key: string): never {
  throw new AppError(code, what, { issues: [{ path, message: key }] });
}

function exists(sqlite: Database.Database, sql: string, id: number): boolean {
  return sqlite.prepare(sql).get(id) !== undefined;
}

type Filter = Omit<PricesInput, 'onlyInverted'>;

/** Checks the filter's ids and builds the WHERE over customer_visit v, customer c, sku s. */
function sliceOf(sqlite: Database.Database, f: Filter, year: number) {
  if (f.cityId !== undefined && !exists(sqlite, 'SELECT 1 FROM city WHERE id = ?', f.cityId)) refuse('NOT_FOUND', 'cityId', `no city ${f.cityId}`, 'analysisPrices.unknownCity');
  if (f.channelId !== undefined && !exists(sqlite, 'SELECT 1 FROM channel WHERE id = ?', f.channelId)) refuse('NOT_FOUND', 'channelId', `no channel ${f.channelId}`, 'analysisPrices.unknownChannel');
  if (f.categoryId !== undefined && !exists(sqlite, 'SELECT 1 FROM category WHERE id = ?', f.categoryId)) refuse('NOT_FOUND', 'categoryId', `no category ${f.categoryId}`, 'analysisPrices.unknownCategory');
  if (f.brandId !== undefined) {
    const b = sqlite.prepare('SELECT is_own FROM brand WHERE id = ?').get(f.brandId) as { is_own: number } | undefined;
    if (!b) refuse('NOT_FOUND', 'brandId', `no brand ${f.brandId}`, 'analysisPrices.unknownBrand');
    if (b.is_own !== 1) refuse('INVALID_INPUT', 'brandId', `brand ${f.brandId} is a competitor's`, 'analysisPrices.notOwnBrand');
  }
  const monthFrom = f.monthFrom ?? 1;
  const monthTo = f.monthTo ?? 12;
  const mm = (m: number) => String(m).padStart(2, '0');
  // From the first day of monthFrom to before the first day after monthTo (a date with a time still falls in).
  const end = monthTo === 12 ? `${year + 1}-01-01` : `${year}-${mm(monthTo + 1)}-01`;
  const visitWhere = ['v.visit_date >= ? AND v.visit_date < ?'];
  const visitParams: unknown[] = [`${year}-${mm(monthFrom)}-01`, end];
  if (f.cityId !== undefined) {
    visitWhere.push('c.city_id = ?');
    visitParams.push(f.cityId);
  }
  if (f.channelId !== undefined) {
    visitWhere.push('c.channel_id = ?');
    visitParams.push(f.channelId);
  }
  const skuWhere: string[] = [];
  const skuParams: unknown[] = [];
  if (f.brandId !== undefined) {
    skuWhere.push('s.brand_id = ?');
    skuParams.push(f.brandId);
  }
  if (f.categoryId !== undefined) {
    skuWhere.push('s.category_id = ?');
    skuParams.push(f.categoryId);
  }
  return { monthFrom, monthTo, visitWhere, visitParams, skuWhere, skuParams };
}

function brandCategories(sqlite: Database.Database): (brandId: number, categoryId: number) => boolean {
  const set = new Set((sqlite.prepare('SELECT brand_id, category_id FROM brand_category').all() as { brand_id: number; category_id: number }[]).map((r) => r.brand_id * 1_000_000 + r.category_id));
  return (b, c) => set.has(b * 1_000_000 + c);
}

interface CompRow {
  visit_id: number;
  brandId: number;
  brandName: string;
  label: string;
  p: number | null;
  r: number | null;
}

function inverted(retail: number | null, purchase: number | null): boolean {
  return retail !== null && purchase !== null && isPriceInverted(retail, purchase);
}

/** A cell before its competitors are looked up. */
interface Latest {
  id: number;
  visitId: number;
  visitDate: string;
  customerId: number;
  skuId: number;
  p: number | null;
  r: number | null;
  n: number;
}

export function pricesAnalysis(sqlite: Database.Database, input: PricesInput): PricesAnalysis {
  const py = planYear(sqlite);
  const year = input.year ?? py - 1;
  const s = sliceOf(sqlite, input, year);
  const joinCustomer = input.cityId !== undefined || input.channelId !== undefined ? 'JOIN customer c ON c.id = v.customer_id' : '';
  const joinSku = s.skuWhere.length > 0 ? 'JOIN sku s ON s.id = vp.sku_id' : '';

  // Our SKUs' checks in the slice, one array per row (cheaper than objects); the latest
  // per customer × SKU is picked here rather than by a window function (a sort of every row).
  const own = sqlite
    .prepare(
      `SELECT vp.id, vp.visit_id, v.visit_date, v.customer_id, vp.sku_id, vp.purchase_price_cents, vp.retail_price_cents
         FROM customer_visit v ${joinCustomer}
         JOIN visit_price vp ON vp.visit_id = v.id ${joinSku}
        WHERE ${[...s.visitWhere, 'vp.sku_id IS NOT NULL', ...s.skuWhere].join(' AND ')}`,
    )
    .raw(true)
    .all(...s.visitParams, ...s.skuParams) as [number, number, string, number, number, number | null, number | null][];
  const latestOf = new Map<number, Latest>();
  const checkedVisits = new Set<number>();
  for (const [id, visitId, visitDate, customerId, skuId, p, r] of own) {
    checkedVisits.add(visitId);
    const key = customerId * 1_000_000 + skuId;
    const cur = latestOf.get(key);
    if (!cur) latestOf.set(key, { id, visitId, visitDate, customerId, skuId, p, r, n: 1 });
    else {
      cur.n++;
      if (isLaterCheck({ visitDate, visitId, id }, cur)) Object.assign(cur, { id, visitId, visitDate, p, r });
    }
  }
  const latest = [...latestOf.values()];

  // Per SKU and per customer (counts first; the competitors only for the SKUs shown).
  const skuInfo = new Map(
    (sqlite
      .prepare(
        `SELECT s.id, s.code, s.name, s.spec, s.category_id AS categoryId, b.name AS brandName, k.name AS categoryName
           FROM sku s JOIN brand b ON b.id = s.brand_id JOIN category k ON k.id = s.category_id`,
      )
      .all() as { id: number; code: string; name: string; spec: string; categoryId: number; brandName: string; categoryName: string }[]).map((x) => [x.id, x]),
  );
  const bySku = new Map<number, Latest[]>();
  const byCustomer = new Map<number, Latest[]>();
  for (const c of latest) {
    (bySku.get(c.skuId) ?? bySku.set(c.skuId, []).get(c.skuId)!).push(c);
    (byCustomer.get(c.customerId) ?? byCustomer.set(c.customerId, []).get(c.customerId)!).push(c);
  }
  const isInv = (c: Latest) => inverted(c.r, c.p);
  const ranked = [...bySku].map(([skuId, list]) => ({ skuId, list, code: skuInfo.get(skuId)!.code, inv: list.filter(isInv).length }));
  const byCode = (a: { code: string; skuId: number }, b: { code: string; skuId: number }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.skuId - b.skuId);
  const listed = input.onlyInverted
    ? ranked.filter((k) => k.inv > 0).sort((a, b) => b.inv - a.inv || b.list.length - a.list.length || byCode(a, b))
    : ranked.sort((a, b) => b.list.length - a.list.length || byCode(a, b));
  const shown = listed.slice(0, PRICE_CHART_SKUS);

  // Competitors' rows of the visits behind the shown SKUs' cells (brands from memory:
  // a join per row costs more than the lookup).
  const brands = new Map((sqlite.prepare('SELECT id, name, is_own FROM brand').all() as { id: number; name: string; is_own: number }[]).map((b) => [b.id, b]));
  const compByVisit = new Map<number, CompRow[]>();
  const visits = [...new Set(shown.flatMap((k) => k.list.map((c) => c.visitId)))].sort((a, b) => a - b);
  if (visits.length > 0) {
    const comp = sqlite
      .prepare(
        `SELECT vp.id, vp.visit_id, vp.brand_id, vp.product_label, vp.purchase_price_cents, vp.retail_price_cents
           FROM visit_price vp
          WHERE vp.visit_id IN (SELECT value FROM json_each(?)) AND vp.sku_id IS NULL`,
      )
      .raw(true)
      .all(JSON.stringify(visits)) as [number, number, number, string, number | null, number | null][];
    comp.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    for (const [, visitId, brandId, label, p, r] of comp) {
      const b = brands.get(brandId);
      if (!b || b.is_own !== 0) continue;
      const row: CompRow = { visit_id: visitId, brandId, brandName: b.name, label, p, r };
      const list = compByVisit.get(visitId);
      if (list) list.push(row);
      else compByVisit.set(visitId, [row]);
    }
  }
  const sellsIn = brandCategories(sqlite);
  const cellOf = (l: Latest): PriceCell => {
    const k = skuInfo.get(l.skuId)!;
    return {
      customerId: l.customerId,
      skuId: l.skuId,
      visitId: l.visitId,
      visitDate: l.visitDate,
      purchase: l.p,
      retail: l.r,
      inverted: isInv(l),
      checks: l.n,
      competitors: comparableCompetitors({ categoryId: k.categoryId, spec: k.spec }, compByVisit.get(l.visitId) ?? [], sellsIn).map((c) => ({
        brandName: c.brandName,
        label: c.label,
        purchase: c.p,
        retail: c.r,
      })),
    };
  };
  const cellsBySku = new Map(shown.map((k) => [k.skuId, k.list.map(cellOf)]));
  const skus: PriceSkuRow[] = shown.map(({ skuId, inv }) => {
    const k = skuInfo.get(skuId)!;
    const list = cellsBySku.get(skuId)!;
    const comps = list.flatMap((c) => c.competitors);
    return {
      id: skuId,
      code: k.code,
      name: k.name,
      brandName: k.brandName,
      categoryName: k.categoryName,
      spec: k.spec,
      customers: list.length,
      avgPurchase: averageCents(list.map((c) => c.purchase)),
      avgRetail: averageCents(list.map((c) => c.retail)),
      inverted: inv,
      compAvgPurchase: averageCents(comps.map((c) => c.purchase)),
      compAvgRetail: averageCents(comps.map((c) => c.retail)),
      compChecks: comps.length,
    };
  });

  const invertedCells = latest.filter(isInv).length;
  const invertedCustomers = [...byCustomer.values()].filter((list) => list.some(isInv)).length;

  // The matrix: the first SKUs as columns, the customers with a cell in them as rows
  // (most inverted cells in the columns first, then most inverted overall, then most cells).
  const columns = skus.slice(0, PRICE_MATRIX_SKUS).map((k) => k.id);
  const columnSet = new Set(columns);
  const customerInfo = new Map(
    (sqlite.prepare('SELECT c.id, c.code, c.name, ci.name AS cityName FROM customer c JOIN city ci ON ci.id = c.city_id').all() as {
      id: number;
      code: string;
      name: string;
      cityName: string;
    }[]).map((x) => [x.id, x]),
  );
  const candidates = [...byCustomer]
    .map(([customerId, list]) => {
      const inColumns = list.filter((c) => columnSet.has(c.skuId));
      return { customerId, list, inColumns, invInColumns: inColumns.filter(isInv).length, inv: list.filter(isInv).length };
    })
    .filter((x) => x.inColumns.length > 0 && (!input.onlyInverted || x.inv > 0))
    .map((x) => ({ ...x, info: customerInfo.get(x.customerId)! }))
    .sort((a, b) => b.invInColumns - a.invInColumns || b.inv - a.inv || b.inColumns.length - a.inColumns.length || (a.info.code < b.info.code ? -1 : a.info.code > b.info.code ? 1 : a.customerId - b.customerId));
  const rows = candidates.slice(0, PRICE_MATRIX_CUSTOMERS);
  const matrixCustomers: PriceCustomerRow[] = rows.map((x) => ({
    id: x.customerId,
    code: x.info.code,
    name: x.info.name,
    cityName: x.info.cityName,
    cells: x.list.length,
    inverted: x.inv,
  }));
  const shownCell = new Map<string, PriceCell>();
  for (const list of cellsBySku.values()) for (const c of list) shownCell.set(`${c.customerId}:${c.skuId}`, c);

  const years = (sqlite
    .prepare(
      `SELECT DISTINCT CAST(substr(v.visit_date, 1, 4) AS INTEGER) AS y FROM customer_visit v
        WHERE EXISTS (SELECT 1 FROM visit_price vp WHERE vp.visit_id = v.id) ORDER BY y`,
    )
    .all() as { y: number }[]).map((r) => r.y);
  const opts = (sql: string) => sqlite.prepare(sql).all() as { id: number; name: string }[];

  return {
    year,
    planYear: py,
    monthFrom: s.monthFrom,
    monthTo: s.monthTo,
    years,
    options: {
      cities: opts('SELECT ci.id, ci.name FROM city ci JOIN province p ON p.id = ci.province_id ORDER BY p.sort_order, p.id, ci.sort_order, ci.id'),
      channels: opts('SELECT id, name FROM channel ORDER BY sort_order, id'),
      brands: opts('SELECT id, name FROM brand WHERE is_own = 1 ORDER BY sort_order, id'),
      categories: opts('SELECT id, name FROM category ORDER BY sort_order, id'),
    },
    totals: { checks: checkedVisits.size, cells: latest.length, invertedCells, customers: byCustomer.size, invertedCustomers, skus: bySku.size },
    skus,
    matrix: {
      customers: matrixCustomers,
      skuIds: columns,
      cells: rows.flatMap((x) => x.inColumns.map((c) => shownCell.get(`${c.customerId}:${c.skuId}`)!)),
      totalCustomers: candidates.length,
      totalSkus: listed.length,
    },
  };
}

interface CheckRecord {
  id: number;
  visit_id: number;
  visit_date: string;
  customer_id: number;
  customer_code: string;
  customer_name: string;
  salesperson: string | null;
  brand_id: number;
  brand_name: string;
  is_own: number;
  sku_id: number | null;
  sku_code: string | null;
  sku_name: string | null;
  category_id: number | null;
  spec: string | null;
  label: string;
  p: number | null;
  r: number | null;
}

/**
 * The visit price checks behind a cell (customerId + skuId), a customer's row or a SKU's
 * bar: our checks in the slice (the latest per customer × SKU marked), and the competitor
 * checks of the same visits (with a SKU: the ones comparable with it; otherwise all, or
 * those whose brand sells in the chosen category).
 */
export function priceChecks(sqlite: Database.Database, input: PriceChecksInput): PriceChecks {
  const s = sliceOf(sqlite, input, input.year);
  let sku: { id: number; category_id: number; spec: string } | undefined;
  if (input.customerId !== undefined && !exists(sqlite, 'SELECT 1 FROM customer WHERE id = ?', input.customerId)) {
    refuse('NOT_FOUND', 'customerId', `no customer ${input.customerId}`, 'analysisPrices.unknownCustomer');
  }
  if (input.skuId !== undefined) {
    sku = sqlite.prepare('SELECT id, category_id, spec FROM sku WHERE id = ?').get(input.skuId) as typeof sku;
    if (!sku) refuse('NOT_FOUND', 'skuId', `no SKU ${input.skuId}`, 'analysisPrices.unknownSku');
  }
  const where = [...s.visitWhere];
  const params = [...s.visitParams];
  if (input.customerId !== undefined) {
    where.push('v.customer_id = ?');
    params.push(input.customerId);
  }
  if (sku) {
    where.push('v.id IN (SELECT visit_id FROM visit_price WHERE sku_id = ?)');
    params.push(sku.id);
  }
  const all = sqlite
    .prepare(
      `SELECT vp.id, vp.visit_id, v.visit_date, v.customer_id, c.code AS customer_code, c.name AS customer_name,
              sp.name AS salesperson, vp.brand_id, b.name AS brand_name, b.is_own, vp.sku_id, s.code AS sku_code,
              s.name AS sku_name, s.category_id, s.spec, vp.product_label AS label,
              vp.purchase_price_cents AS p, vp.retail_price_cents AS r
         FROM customer_visit v
         JOIN customer c ON c.id = v.customer_id
         LEFT JOIN salesperson sp ON sp.id = v.salesperson_id
         JOIN visit_price vp ON vp.visit_id = v.id
         JOIN brand b ON b.id = vp.brand_id
         LEFT JOIN sku s ON s.id = vp.sku_id
        WHERE ${where.join(' AND ')}
        ORDER BY v.visit_date DESC, v.id DESC, vp.id`,
    )
    .all(...params) as CheckRecord[];

  const ownOk = (r: CheckRecord) =>
    r.sku_id !== null &&
    (sku ? r.sku_id === sku.id : true) &&
    (input.categoryId === undefined || r.category_id === input.categoryId) &&
    (input.brandId === undefined || r.brand_id === input.brandId);
  const own = all.filter(ownOk);
  // The latest of each customer × SKU among our checks (the same rule as the matrix).
  const latestOf = new Map<string, CheckRecord>();
  for (const r of own) {
    const key = `${r.customer_id}:${r.sku_id}`;
    const cur = latestOf.get(key);
    if (!cur || isLaterCheck({ visitDate: r.visit_date, visitId: r.visit_id, id: r.id }, { visitDate: cur.visit_date, visitId: cur.visit_id, id: cur.id })) latestOf.set(key, r);
  }
  const latestIds = new Set([...latestOf.values()].map((r) => r.id));
  const ownByVisit = new Map<number, CheckRecord[]>();
  for (const r of own) (ownByVisit.get(r.visit_id) ?? ownByVisit.set(r.visit_id, []).get(r.visit_id)!).push(r);

  const sellsIn = brandCategories(sqlite);
  const compByVisit = new Map<number, CheckRecord[]>();
  for (const r of all) if (r.sku_id === null && r.is_own === 0) (compByVisit.get(r.visit_id) ?? compByVisit.set(r.visit_id, []).get(r.visit_id)!).push(r);
  const keptComp = new Set<number>();
  const latestComp = new Set<number>();
  const asCheck = (r: CheckRecord) => ({ ...r, brandId: r.brand_id });
  for (const [visitId, comps] of compByVisit) {
    const ownHere = ownByVisit.get(visitId) ?? [];
    if (sku || input.brandId !== undefined) {
      // Competitors compared with our SKUs of the visit.
      for (const o of ownHere) {
        for (const c of comparableCompetitors({ categoryId: o.category_id!, spec: o.spec ?? '' }, comps.map(asCheck), sellsIn)) {
          keptComp.add(c.id);
          if (latestIds.has(o.id)) latestComp.add(c.id);
        }
      }
    } else {
      for (const c of comps) if (input.categoryId === undefined || sellsIn(c.brand_id, input.categoryId)) keptComp.add(c.id);
      for (const o of ownHere) {
        if (!latestIds.has(o.id)) continue;
        for (const c of comparableCompetitors({ categoryId: o.category_id!, spec: o.spec ?? '' }, comps.map(asCheck), sellsIn)) latestComp.add(c.id);
      }
    }
  }

  const kept = all.filter((r) => (r.sku_id !== null ? ownOk(r) : keptComp.has(r.id)));
  const rows: PriceCheckRow[] = kept.map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    visitDate: r.visit_date,
    customerCode: r.customer_code,
    customerName: r.customer_name,
    salesperson: r.salesperson ?? '',
    brandName: r.brand_name,
    isOwn: r.sku_id !== null,
    skuCode: r.sku_code ?? '',
    product: r.sku_id !== null ? (r.sku_name ?? '') : r.label,
    purchase: r.p,
    retail: r.r,
    inverted: inverted(r.r, r.p),
    latest: r.sku_id !== null ? latestIds.has(r.id) : latestComp.has(r.id),
  }));
  return {
    rows: rows.slice(0, input.limit ?? 1000),
    total: rows.length,
    inverted: rows.filter((r) => r.isOwn && r.inverted).length,
  };
}

/**
 * Shelf prices from the store audits: per SKU, each terminal's latest audit in the months
 * (date, then audit id) with a shelf price, averaged over the terminals; the city and
 * channel are the terminal's. SQLite's bare column of MAX() is the latest row's price.
 */
export function priceShelves(sqlite: Database.Database, input: PriceShelvesInput): { rows: PriceShelfRow[] } {
  const s = sliceOf(sqlite, { ...input, cityId: undefined, channelId: undefined }, input.year);
  if (input.cityId !== undefined && !exists(sqlite, 'SELECT 1 FROM city WHERE id = ?', input.cityId)) refuse('NOT_FOUND', 'cityId', `no city ${input.cityId}`, 'analysisPrices.unknownCity');
  if (input.channelId !== undefined && !exists(sqlite, 'SELECT 1 FROM channel WHERE id = ?', input.channelId)) refuse('NOT_FOUND', 'channelId', `no channel ${input.channelId}`, 'analysisPrices.unknownChannel');
  const packs = new Map<number, number>();
  const bySku = sqlite.prepare('SELECT pack_size FROM sku WHERE id = ?');
  input.skuIds.forEach((id, i) => {
    const row = bySku.get(id) as { pack_size: number } | undefined;
    if (!row) refuse('NOT_FOUND', `skuIds.${i}`, `no SKU ${id}`, 'analysisPrices.unknownSku');
    packs.set(id, row.pack_size);
  });
  const where = ['sa.audit_date >= ? AND sa.audit_date < ?', 'sas.sku_id IN (SELECT value FROM json_each(?))', 'sas.shelf_price_cents IS NOT NULL'];
  const params: unknown[] = [s.visitParams[0], s.visitParams[1], JSON.stringify([...packs.keys()])];
  if (input.cityId !== undefined) {
    where.push('t.city_id = ?');
    params.push(input.cityId);
  }
  if (input.channelId !== undefined) {
    where.push('t.channel_id = ?');
    params.push(input.channelId);
  }
  const rows = sqlite
    .prepare(
      `SELECT sku_id, COUNT(*) AS terminals, AVG(price) AS avg_unit FROM (
         SELECT sas.sku_id, sa.terminal_id, MAX(sa.audit_date || printf('%012d', sa.id)) AS latest, sas.shelf_price_cents AS price
           FROM store_audit sa
           JOIN store_audit_sku sas ON sas.audit_id = sa.id
           ${input.cityId !== undefined || input.channelId !== undefined ? 'JOIN terminal t ON t.id = sa.terminal_id' : ''}
          WHERE ${where.join(' AND ')}
          GROUP BY sas.sku_id, sa.terminal_id)
        GROUP BY sku_id`,
    )
    .all(...params) as { sku_id: number; terminals: number; avg_unit: number }[];
  return {
    rows: rows.map((r) => {
      const packSize = packs.get(r.sku_id)!;
      return { skuId: r.sku_id, terminals: r.terminals, packSize, avgUnit: r.avg_unit, avgPack: Math.round(r.avg_unit * packSize) };
    }),
  };
}
