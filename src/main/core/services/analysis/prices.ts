import { refusal } from '../../../../shared/errors';
import { isPriceInverted } from '../../../../shared/kpi';
import { averageCents, comparableCompetitors, isLaterCheck } from '../../../../shared/analysisPrices';
import {
  PRICE_CHART_SKUS, PRICE_MATRIX_CUSTOMERS, PRICE_MATRIX_SKUS, type PriceCell, type PriceCheckRow, type PriceChecks,
  type PriceChecksInput, type PriceCustomerRow, type PricesAnalysis, type PricesInput, type PriceShelfRow, type PriceShelvesInput, type PriceSkuRow,
} from '../../../../shared/endpoints/analysisPrices';
import type { ReadDb } from '../../db/handle';
import { allBrands, citiesByProvince, findBrand, findSku, memberExists, orderedMembers, ownBrands } from '../../repos/analysis/members';
import {
  brandCategoryPairs, competitorChecksOfVisits, customersWithCity, ownPriceChecks, priceCheckRecords, priceCheckYears, shelfPrices, skusWithNames,
  type PriceCheckRecord, type PriceSlice,
} from '../../repos/analysis/prices';
import { regionPlanYear } from '../../repos/region';

// 價格分析: two reads over the visits of the chosen months (our SKUs' checks; the
// competitor rows of the same visits: repos/analysis/prices.ts); the latest check per
// customer × SKU, the comparison and the aggregates in JS over one row per cell. The
// large region has ~9k visits and ~56k price rows a year, so both stay a few tens of
// milliseconds.

type Filter = Omit<PricesInput, 'onlyInverted'>;

function requireCity(db: ReadDb, cityId: number | undefined): void {
  if (cityId !== undefined && !memberExists(db, 'city', cityId)) throw refusal('NOT_FOUND', 'analysisPrices.unknownCity', `no city ${cityId}`, { path: 'cityId' });
}

function requireChannel(db: ReadDb, channelId: number | undefined): void {
  if (channelId !== undefined && !memberExists(db, 'channel', channelId)) {
    throw refusal('NOT_FOUND', 'analysisPrices.unknownChannel', `no channel ${channelId}`, { path: 'channelId' });
  }
}

/** Checks the filter's ids; the visits' dates of the months and the filter, as a slice to read. */
function sliceOf(db: ReadDb, f: Filter, year: number): PriceSlice & { monthFrom: number; monthTo: number } {
  requireCity(db, f.cityId);
  requireChannel(db, f.channelId);
  if (f.categoryId !== undefined && !memberExists(db, 'category', f.categoryId)) {
    throw refusal('NOT_FOUND', 'analysisPrices.unknownCategory', `no category ${f.categoryId}`, { path: 'categoryId' });
  }
  if (f.brandId !== undefined) {
    const b = findBrand(db, f.brandId);
    if (!b) throw refusal('NOT_FOUND', 'analysisPrices.unknownBrand', `no brand ${f.brandId}`, { path: 'brandId' });
    if (b.is_own !== 1) throw refusal('INVALID_INPUT', 'analysisPrices.notOwnBrand', `brand ${f.brandId} is a competitor's`, { path: 'brandId' });
  }
  const monthFrom = f.monthFrom ?? 1;
  const monthTo = f.monthTo ?? 12;
  const mm = (m: number) => String(m).padStart(2, '0');
  // From the first day of monthFrom to before the first day after monthTo (a date with a time still falls in).
  const to = monthTo === 12 ? `${year + 1}-01-01` : `${year}-${mm(monthTo + 1)}-01`;
  const s: PriceSlice & { monthFrom: number; monthTo: number } = { monthFrom, monthTo, from: `${year}-${mm(monthFrom)}-01`, to };
  if (f.cityId !== undefined) s.cityId = f.cityId;
  if (f.channelId !== undefined) s.channelId = f.channelId;
  if (f.brandId !== undefined) s.brandId = f.brandId;
  if (f.categoryId !== undefined) s.categoryId = f.categoryId;
  return s;
}

function brandCategories(db: ReadDb): (brandId: number, categoryId: number) => boolean {
  const set = new Set(brandCategoryPairs(db).map((r) => r.brand_id * 1_000_000 + r.category_id));
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

export function pricesAnalysis(db: ReadDb, input: PricesInput): PricesAnalysis {
  const py = regionPlanYear(db);
  const year = input.year ?? py - 1;
  const s = sliceOf(db, input, year);

  // Our SKUs' checks in the slice; the latest per customer × SKU is picked here rather
  // than by a window function (a sort of every row).
  const own = ownPriceChecks(db, s);
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
  const skuInfo = new Map(skusWithNames(db).map((x) => [x.id, x]));
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
  const brands = new Map(allBrands(db).map((b) => [b.id, b]));
  const compByVisit = new Map<number, CompRow[]>();
  const visits = [...new Set(shown.flatMap((k) => k.list.map((c) => c.visitId)))].sort((a, b) => a - b);
  if (visits.length > 0) {
    const comp = competitorChecksOfVisits(db, visits);
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
  const sellsIn = brandCategories(db);
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
  const customerInfo = new Map(customersWithCity(db).map((x) => [x.id, x]));
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

  return {
    year,
    planYear: py,
    monthFrom: s.monthFrom,
    monthTo: s.monthTo,
    years: priceCheckYears(db),
    options: {
      cities: citiesByProvince(db).map(({ id, name }) => ({ id, name })),
      channels: orderedMembers(db, 'channel'),
      brands: ownBrands(db),
      categories: orderedMembers(db, 'category'),
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

/**
 * The visit price checks behind a cell (customerId + skuId), a customer's row or a SKU's
 * bar: our checks in the slice (the latest per customer × SKU marked), and the competitor
 * checks of the same visits (with a SKU: the ones comparable with it; otherwise all, or
 * those whose brand sells in the chosen category).
 */
export function priceChecks(db: ReadDb, input: PriceChecksInput): PriceChecks {
  const s = sliceOf(db, input, input.year);
  if (input.customerId !== undefined && !memberExists(db, 'customer', input.customerId)) {
    throw refusal('NOT_FOUND', 'analysisPrices.unknownCustomer', `no customer ${input.customerId}`, { path: 'customerId' });
  }
  const sku = input.skuId === undefined ? undefined : findSku(db, input.skuId);
  if (input.skuId !== undefined && !sku) throw refusal('NOT_FOUND', 'analysisPrices.unknownSku', `no SKU ${input.skuId}`, { path: 'skuId' });
  const all = priceCheckRecords(db, s, input.customerId, sku?.id);

  const ownOk = (r: PriceCheckRecord) =>
    r.sku_id !== null &&
    (sku ? r.sku_id === sku.id : true) &&
    (input.categoryId === undefined || r.category_id === input.categoryId) &&
    (input.brandId === undefined || r.brand_id === input.brandId);
  const own = all.filter(ownOk);
  // The latest of each customer × SKU among our checks (the same rule as the matrix).
  const latestOf = new Map<string, PriceCheckRecord>();
  for (const r of own) {
    const key = `${r.customer_id}:${r.sku_id}`;
    const cur = latestOf.get(key);
    if (!cur || isLaterCheck({ visitDate: r.visit_date, visitId: r.visit_id, id: r.id }, { visitDate: cur.visit_date, visitId: cur.visit_id, id: cur.id })) latestOf.set(key, r);
  }
  const latestIds = new Set([...latestOf.values()].map((r) => r.id));
  const ownByVisit = new Map<number, PriceCheckRecord[]>();
  for (const r of own) (ownByVisit.get(r.visit_id) ?? ownByVisit.set(r.visit_id, []).get(r.visit_id)!).push(r);

  const sellsIn = brandCategories(db);
  const compByVisit = new Map<number, PriceCheckRecord[]>();
  for (const r of all) if (r.sku_id === null && r.is_own === 0) (compByVisit.get(r.visit_id) ?? compByVisit.set(r.visit_id, []).get(r.visit_id)!).push(r);
  const keptComp = new Set<number>();
  const latestComp = new Set<number>();
  const asCheck = (r: PriceCheckRecord) => ({ ...r, brandId: r.brand_id });
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
 * Shelf prices from the store audits (per SKU, averaged over the terminals' latest
 * audit in the months), per piece and per pack; the city and channel are the terminal's.
 */
export function priceShelves(db: ReadDb, input: PriceShelvesInput): { rows: PriceShelfRow[] } {
  const s = sliceOf(db, { ...input, cityId: undefined, channelId: undefined }, input.year);
  requireCity(db, input.cityId);
  requireChannel(db, input.channelId);
  const packs = new Map<number, number | null>();
  input.skuIds.forEach((id, i) => {
    const row = findSku(db, id);
    if (!row) throw refusal('NOT_FOUND', 'analysisPrices.unknownSku', `no SKU ${id}`, { path: `skuIds.${i}` });
    packs.set(id, row.pack_size);
  });
  const rows = shelfPrices(db, { from: s.from, to: s.to, cityId: input.cityId, channelId: input.channelId }, [...packs.keys()]);
  return {
    rows: rows.map((r) => {
      const packSize = packs.get(r.sku_id) ?? null;
      return { skuId: r.sku_id, terminals: r.terminals, packSize, avgUnit: r.avg_unit, avgPack: packSize === null ? null : Math.round(r.avg_unit * packSize) };
    }),
  };
}
