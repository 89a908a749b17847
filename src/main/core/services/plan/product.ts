import type {
  MixDim, NewProductInfo, PositionLevel, ProductMixRow, ProductPlan, ProductPosition,
} from '../../../../shared/endpoints/planProduct';
import { AppError, refusal } from '../../../../shared/errors';
import { grossMargin, share, yearOnYear } from '../../../../shared/kpi';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { NewProductChannelRow, NewProductRow, ProductPositionRow } from '../../db/schema';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { orderedBrands, orderedMembers } from '../../repos/analysis/members';
import { salesByGroup } from '../../repos/analysis/sales';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import {
  deleteNewProduct, deleteNewProductChannel, deletePosition, findNewProduct, findPosition, insertNewProduct, insertNewProductChannel,
  insertPosition, newProductChannels, newProductChannelsOfVersion, newProductsOfVersion, newSkus, positionsOfVersion,
  promotionsWithBudget, refExists, setPositionFocus, skuFlags, updateNewProduct, type PositionKey,
} from '../../repos/productPlan';
import { regionPlanYear } from '../../repos/region';
import { MONTHS, type TargetCache } from '../targets/model';
import { assertEditable, hoTargetRows } from '../targets/versions';

// The product plan (品牌與產品規劃) of a plan version. The mix takes the target from the
// target cube, as the targets area does (its gross profit from the SKUs' standard
// margins, leaving out SKUs whose cost is not known), and last year from the sales
// analysis's own aggregate over the monthly summaries (its gross profit over the sales
// whose gross profit is known), so the three screens agree on every slice. Edits go to
// the working plan, one undo step each.

interface Sums {
  target: number;
  gp: number;
  noCost: number;
  ly: number;
  lyGp: number;
  lyNoGp: number;
}

const emptySums = (): Sums => ({ target: 0, gp: 0, noCost: 0, ly: 0, lyGp: 0, lyNoGp: 0 });

/** Margin over the part whose gross profit is known, as the sales analysis takes it. */
function marginOf(amount: number, unknown: number, gp: number): number | null {
  const known = amount - unknown;
  return grossMargin(known, known - gp);
}

function mixRow(dim: MixDim, id: number, name: string, s: Sums, total: Sums, seeded: boolean): ProductMixRow {
  // Gross profit from margins is a derived figure: whole 元, as the targets area shows it.
  const gp = Math.round(s.gp / 100) * 100;
  const targetShare = seeded ? share(s.target, total.target) : null;
  const lastYearShare = share(s.ly, total.ly);
  return {
    dim,
    id,
    name,
    targetCents: s.target,
    targetShare,
    targetGrossProfitCents: gp,
    targetNoCostCents: s.noCost,
    targetMargin: seeded ? marginOf(s.target, s.noCost, gp) : null,
    lastYearCents: s.ly,
    lastYearShare,
    lastYearGrossProfitCents: s.lyGp,
    lastYearNoGpCents: s.lyNoGp,
    lastYearMargin: marginOf(s.ly, s.lyNoGp, s.lyGp),
    growth: seeded ? yearOnYear(s.target, s.ly) : null,
    shareChange: targetShare !== null && lastYearShare !== null ? targetShare - lastYearShare : null,
  };
}

function versionOf(db: ReadDb, versionId: number | undefined) {
  const id = versionId ?? workingVersionId(db);
  const row = findVersion(db, id);
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return row;
}

export function readProductPlan(db: ReadDb, cache: TargetCache, versionId?: number): ProductPlan {
  const version = versionOf(db, versionId);
  const planYear = regionPlanYear(db);
  const lastYear = planYear - 1;
  const refs = cache.refs;
  const cube = cache.cube(db, version.id);
  const seeded = cube.present > 0;

  // The year's target per SKU (cents), one pass over the cube.
  const skuTarget = new Float64Array(refs.skuBrand.length);
  for (let c = 0; c < refs.n; c++) {
    let a = 0;
    for (let m = 0; m < MONTHS; m++) a += cube.amount[c * MONTHS + m];
    if (a !== 0) skuTarget[refs.sku.data[c]] += a * 100;
  }
  const sums: Record<MixDim, Map<number, Sums>> = { brand: new Map(), category: new Map() };
  const total = emptySums();
  const at = (dim: MixDim, id: number) => {
    let s = sums[dim].get(id);
    if (!s) sums[dim].set(id, (s = emptySums()));
    return s;
  };
  let derivedNew = 0;
  for (let sku = 0; sku < skuTarget.length; sku++) {
    const a = skuTarget[sku];
    if (a === 0) continue;
    const margin = refs.skuMargin[sku];
    const known = !Number.isNaN(margin);
    for (const s of [at('brand', refs.skuBrand[sku]), at('category', refs.skuCategory[sku]), total]) {
      s.target += a;
      if (known) s.gp += a * margin;
      else s.noCost += a;
    }
    if (refs.skuNew[sku] === 1) derivedNew += a;
  }
  for (const dim of ['brand', 'category'] as const) {
    for (const r of salesByGroup(db, lastYear, dim, {}, [1, 12])) {
      const s = at(dim, r.k);
      s.ly += r.actual;
      s.lyGp += r.gp;
      s.lyNoGp += r.no_gp;
      if (dim === 'brand') {
        total.ly += r.actual;
        total.lyGp += r.gp;
        total.lyNoGp += r.no_gp;
      }
    }
  }

  // Our brands, and the categories our SKUs are in, always show (the positioning needs
  // them before any plan or actuals); others only with a figure.
  const brandRows = orderedBrands(db, true);
  const own = new Set(brandRows.filter((b) => b.is_own === 1).map((b) => b.id));
  const ourCategories = new Set<number>();
  for (let sku = 0; sku < refs.skuBrand.length; sku++) if (own.has(refs.skuBrand[sku])) ourCategories.add(refs.skuCategory[sku]);
  const has = (dim: MixDim, id: number) => {
    const s = sums[dim].get(id);
    return s !== undefined && (s.target !== 0 || s.ly !== 0);
  };
  const rowsOf = (dim: MixDim, members: readonly { id: number; name: string }[], always: Set<number>) =>
    members.filter((m) => always.has(m.id) || has(dim, m.id)).map((m) => mixRow(dim, m.id, m.name, sums[dim].get(m.id) ?? emptySums(), total, seeded));

  const positions: ProductPosition[] = positionsOfVersion(db, version.id).map((p) => ({
    dim: p.brand_id !== null ? 'brand' : 'category',
    id: (p.brand_id ?? p.category_id)!,
    channelId: p.channel_id,
    focus: p.focus,
  }));

  const promotions = new Map(promotionsWithBudget(db).map((p) => [p.id, p]));
  const channelsBySku = new Map<number, number[]>();
  for (const ch of newProductChannelsOfVersion(db, version.id)) {
    const list = channelsBySku.get(ch.sku_id) ?? [];
    list.push(ch.channel_id);
    channelsBySku.set(ch.sku_id, list);
  }
  const linked = new Set<number>();
  let supportCents = 0;
  const newProducts: NewProductInfo[] = newProductsOfVersion(db, version.id).map((r) => {
    const label = refs.label('sku', r.sku_id);
    const promotion = r.promotion_id !== null ? promotions.get(r.promotion_id) : undefined;
    if (promotion && !linked.has(promotion.id)) {
      linked.add(promotion.id);
      supportCents += promotion.budget_cents;
    }
    supportCents += r.support_cents;
    return {
      skuId: r.sku_id,
      code: label.code,
      name: label.label,
      brandId: refs.skuBrand[r.sku_id] ?? 0,
      categoryId: refs.skuCategory[r.sku_id] ?? 0,
      launchPeriod: r.launch_period,
      channelIds: channelsBySku.get(r.sku_id) ?? [],
      targetDistribution: r.target_distribution,
      targetCents: r.target_cents,
      planCents: skuTarget[r.sku_id] ?? 0,
      promotionId: r.promotion_id,
      promotion: promotion ? { name: promotion.name, budgetCents: promotion.budget_cents } : null,
      promotionMissing: r.promotion_id !== null && !promotion,
      supportCents: r.support_cents,
      note: r.note,
    };
  });
  const plannedCents = newProducts.reduce((s, p) => s + p.targetCents, 0);
  const hoCents = hoTargetRows(db).reduce((s, r) => s + r.new_product_cents, 0);
  const listed = new Set(newProducts.map((p) => p.skuId));
  const working = workingVersionId(db);

  return {
    versionId: version.id,
    versionName: version.name,
    versionKind: version.kind,
    frozen: version.frozen === 1,
    planYear,
    lastYear,
    seeded,
    channels: orderedMembers(db, 'channel'),
    brands: rowsOf('brand', brandRows, own),
    categories: rowsOf('category', orderedMembers(db, 'category'), ourCategories),
    total: mixRow('brand', 0, '', total, total, seeded),
    positions,
    newProducts,
    newTotals: {
      plannedCents,
      derivedCents: derivedNew,
      hoCents,
      gapCents: plannedCents - derivedNew,
      hoGapCents: plannedCents - hoCents,
      supportCents,
    },
    options: {
      newSkus: newSkus(db).filter((s) => !listed.has(s.id)).map((s) => ({ id: s.id, code: s.code, name: s.name })),
      promotions: [...promotions.values()]
        .filter((p) => p.version_id === working)
        .map((p) => ({ id: p.id, name: p.name, budgetCents: p.budget_cents, startDate: p.start_date, endDate: p.end_date })),
    },
  };
}

// ---- the positioning matrix --------------------------------------------------------

export interface PositionCell {
  dim: MixDim;
  id: number;
  channelId: number;
  focus: PositionLevel;
}

const positionKey = (versionId: number, c: PositionCell): PositionKey => ({
  version_id: versionId,
  brand_id: c.dim === 'brand' ? c.id : null,
  category_id: c.dim === 'category' ? c.id : null,
  channel_id: c.channelId,
});

export function setPositions(db: WriteDb, cells: readonly PositionCell[]): void {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  // The last word on a cell wins.
  const byKey = new Map<string, PositionCell>();
  cells.forEach((c, i) => {
    if (!refExists(db, c.dim, c.id)) {
      throw refusal('INVALID_INPUT', 'planProduct.error.unknownMember', `cells.${i}.id: no ${c.dim} ${c.id}`, { path: `cells.${i}.id` });
    }
    if (!refExists(db, 'channel', c.channelId)) {
      throw refusal('INVALID_INPUT', 'planProduct.error.unknownChannel', `cells.${i}.channelId: no channel ${c.channelId}`, { path: `cells.${i}.channelId` });
    }
    byKey.set(`${c.dim}|${c.id}|${c.channelId}`, c);
  });
  recordEdit(db, 'planProduct.undo.positions', () => {
    const changes: RowChange[] = [];
    for (const c of byKey.values()) {
      const key = positionKey(versionId, c);
      const before = findPosition(db, key) ?? null;
      if (c.focus === 'normal') {
        if (!before) continue;
        deletePosition(db, key);
        changes.push({ table: 'product_position', key: { ...key }, before: { ...before }, after: null });
      } else if (!before) {
        const row: Omit<ProductPositionRow, 'id'> = { ...key, focus: c.focus };
        const id = insertPosition(db, row);
        changes.push({ table: 'product_position', key: { ...key }, before: null, after: { ...row, id } });
      } else if (before.focus !== c.focus) {
        setPositionFocus(db, key, c.focus);
        changes.push({ table: 'product_position', key: { ...key }, before: { ...before }, after: { ...before, focus: c.focus } });
      }
    }
    return { changes, value: null };
  });
}

// ---- new products ------------------------------------------------------------------

export interface NewProductInput {
  skuId: number;
  launchPeriod?: number;
  channelIds?: number[];
  targetDistribution?: number;
  targetCents?: number;
  promotionId?: number | null;
  supportCents?: number;
  note?: string;
}

const isMonth = (p: number) => Number.isInteger(p) && p % 100 >= 1 && p % 100 <= 12;

/** Checks the rows against the file and the plan year; a refusal names the row and the field. */
function checkNewProducts(db: ReadDb, versionId: number, rows: readonly NewProductInput[]): (NewProductRow | undefined)[] {
  const planYear = regionPlanYear(db);
  const promotions = new Map(promotionsWithBudget(db).map((p) => [p.id, p]));
  const seen = new Set<number>();
  return rows.map((r, i) => {
    const at = (field: string) => `rows.${i}.${field}`;
    const sku = skuFlags(db, r.skuId);
    if (!sku) throw refusal('INVALID_INPUT', 'planProduct.error.unknownSku', `${at('skuId')}: no SKU ${r.skuId}`, { path: at('skuId') });
    if (sku.is_new !== 1) {
      throw refusal('INVALID_INPUT', 'planProduct.error.notNewSku', `${at('skuId')}: SKU ${r.skuId} is not flagged new in master data`, { path: at('skuId') });
    }
    if (seen.has(r.skuId)) throw refusal('INVALID_INPUT', 'planProduct.error.duplicateSku', `${at('skuId')}: SKU ${r.skuId} is listed twice`, { path: at('skuId') });
    seen.add(r.skuId);
    const existing = findNewProduct(db, versionId, r.skuId);
    if (r.launchPeriod !== undefined && (!isMonth(r.launchPeriod) || Math.floor(r.launchPeriod / 100) !== planYear)) {
      throw refusal('INVALID_INPUT', 'planProduct.error.launchOutsideYear', `${at('launchPeriod')}: ${r.launchPeriod} is not a month of the plan year ${planYear}`, {
        path: at('launchPeriod'),
        params: { year: planYear },
      });
    }
    (r.channelIds ?? []).forEach((id, k) => {
      if (!refExists(db, 'channel', id)) {
        throw refusal('INVALID_INPUT', 'planProduct.error.unknownChannel', `${at(`channelIds.${k}`)}: no channel ${id}`, { path: at(`channelIds.${k}`) });
      }
    });
    const d = r.targetDistribution;
    if (d !== undefined && d < 0) {
      throw refusal('INVALID_INPUT', 'planProduct.error.distributionNegative', `${at('targetDistribution')}: a distribution is never negative`, { path: at('targetDistribution') });
    }
    if (d !== undefined && d > 1) {
      throw refusal('INVALID_INPUT', 'planProduct.error.distributionOver', `${at('targetDistribution')}: a distribution is at most 100%`, { path: at('targetDistribution') });
    }
    if (r.targetCents !== undefined && r.targetCents < 0) {
      throw refusal('INVALID_INPUT', 'planProduct.error.negativeTarget', `${at('targetCents')}: a target is never negative`, { path: at('targetCents') });
    }
    if (r.supportCents !== undefined && r.supportCents < 0) {
      throw refusal('INVALID_INPUT', 'planProduct.error.negativeSupport', `${at('supportCents')}: a budget is never negative`, { path: at('supportCents') });
    }
    const p = r.promotionId;
    // A link kept as it was stays, even to a promotion deleted since.
    if (p !== undefined && p !== null && p !== existing?.promotion_id && promotions.get(p)?.version_id !== versionId) {
      throw refusal('INVALID_INPUT', 'planProduct.error.unknownPromotion', `${at('promotionId')}: no promotion ${p} in the working plan`, { path: at('promotionId') });
    }
    return existing;
  });
}

/** A new row's launch month: the SKU's launch date when it falls in the plan year, else January. */
function defaultLaunch(db: ReadDb, skuId: number, planYear: number): number {
  const date = newSkus(db).find((s) => s.id === skuId)?.launch_date ?? null;
  const year = date ? Number(date.slice(0, 4)) : NaN;
  return year === planYear ? planYear * 100 + Number(date!.slice(5, 7)) : planYear * 100 + 1;
}

const newProductKey = (r: { version_id: number; sku_id: number }) => ({ version_id: r.version_id, sku_id: r.sku_id });
const channelKey = (r: NewProductChannelRow) => ({ version_id: r.version_id, sku_id: r.sku_id, channel_id: r.channel_id });

export function applyNewProducts(db: WriteDb, rows: readonly NewProductInput[]): { skuIds: number[] } {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  const existing = checkNewProducts(db, versionId, rows);
  const planYear = regionPlanYear(db);
  return recordEdit(db, 'planProduct.undo.newProducts', () => {
    const changes: RowChange[] = [];
    rows.forEach((r, i) => {
      const before = existing[i];
      const base: Omit<NewProductRow, 'id'> & { id?: number } = before ?? {
        version_id: versionId, sku_id: r.skuId, launch_period: defaultLaunch(db, r.skuId, planYear), target_distribution: 0,
        target_cents: 0, promotion_id: null, support_cents: 0, note: '',
      };
      const after = {
        ...base,
        launch_period: r.launchPeriod ?? base.launch_period,
        target_distribution: r.targetDistribution ?? base.target_distribution,
        target_cents: r.targetCents ?? base.target_cents,
        promotion_id: r.promotionId === undefined ? base.promotion_id : r.promotionId,
        support_cents: r.supportCents ?? base.support_cents,
        note: r.note?.trim() ?? base.note,
      };
      if (before) {
        updateNewProduct(db, after);
        changes.push({ table: 'new_product', key: newProductKey(after), before: { ...before }, after: { ...after } });
      } else {
        const id = insertNewProduct(db, after);
        changes.push({ table: 'new_product', key: newProductKey(after), before: null, after: { ...after, id } });
      }
      if (r.channelIds !== undefined) {
        const old = new Map(newProductChannels(db, versionId, r.skuId).map((c) => [c.channel_id, c]));
        const wanted = new Set(r.channelIds);
        for (const [id, c] of old) {
          if (wanted.has(id)) continue;
          deleteNewProductChannel(db, c);
          changes.push({ table: 'new_product_channel', key: channelKey(c), before: { ...c }, after: null });
        }
        for (const id of wanted) {
          if (old.has(id)) continue;
          const c: NewProductChannelRow = { version_id: versionId, sku_id: r.skuId, channel_id: id };
          insertNewProductChannel(db, c);
          changes.push({ table: 'new_product_channel', key: channelKey(c), before: null, after: { ...c } });
        }
      }
    });
    return { changes, value: { skuIds: rows.map((r) => r.skuId) } };
  });
}

export function removeNewProducts(db: WriteDb, skuIds: readonly number[]): { removed: number } {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  const rows = [...new Set(skuIds)].map((id, i) => {
    const r = findNewProduct(db, versionId, id);
    if (!r) throw refusal('INVALID_INPUT', 'planProduct.error.notFound', `skuIds.${i}: SKU ${id} is not in the new products`, { path: `skuIds.${i}` });
    return r;
  });
  return recordEdit(db, 'planProduct.undo.removeNewProducts', () => {
    const changes: RowChange[] = [];
    for (const r of rows) {
      // Children first: undo replays in reverse, so the product comes back before its channels.
      for (const c of newProductChannels(db, versionId, r.sku_id)) {
        changes.push({ table: 'new_product_channel', key: channelKey(c), before: { ...c }, after: null });
      }
      changes.push({ table: 'new_product', key: newProductKey(r), before: { ...r }, after: null });
      deleteNewProduct(db, versionId, r.sku_id);
    }
    return { changes, value: { removed: rows.length } };
  });
}
