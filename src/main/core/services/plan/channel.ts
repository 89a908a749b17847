import { refusal } from '../../../../shared/errors';
import type { MessageKey } from '../../../../shared/errors';
import { classifyAbc, type AbcClass } from '../../../../shared/pareto';
import {
  PIPELINE_STAGES, type ChangeRow, type ChangeRowInput, type ChannelPlan, type FillRow, type FillRowInput, type PipelineCitySummary,
  type PipelineStage, type PlanCustomerRef, type ProspectRow, type ProspectRowInput,
} from '../../../../shared/endpoints/planChannel';
import { formatPeriod } from '../../../../shared/units';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { ChannelCustomerChangeRow, ChannelFillPlanRow, ChannelProspectRow, CustomerRow } from '../../db/schema';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { customerYearSums } from '../../repos/analysis/customers';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import {
  activeDealersByCounty, citiesWithProvince, copyChannelPlan, counties, countyCity, customerChanges, deleteChapterRow, fillPlans,
  findCustomerChange, findFillPlan, findFillPlanOfArea, findPlanCustomer, findProspect, firstOrderPeriods, insertCustomerChange,
  insertFillPlan, insertProspect, memberExists, planCustomers, prospectOfCustomer, prospects, salespeople, setCustomerStatus,
  updateCustomerChange, updateFillPlan, updateProspect, type ChapterTable, type PlanCustomer,
} from '../../repos/planChannel';
import { regionPlanYear } from '../../repos/region';
import { cityCoverage, storedCoverageTarget } from '../analysis/customers';
import { assertEditable } from '../targets/versions';

// 渠道客戶建設規劃: the fill plans of blank areas, the recruitment pipeline and planned
// customer changes of a plan version, and what happened since. The blank areas are the
// customers analysis's (cityCoverage at the region's coverage target), the plan year's
// sales and A/B/C classes are the analysis's too (the monthly summary per customer,
// classifyAbc over every customer that sold), so both views always agree.

/** Copies a version's channel plan into a new version (a scenario or a snapshot). */
export function copyChannelChapter(db: WriteDb, fromId: number, toId: number): void {
  copyChannelPlan(db, fromId, toId);
}

const ref = (c: PlanCustomer): PlanCustomerRef => ({
  id: c.id, code: c.code, name: c.name, cityId: c.city_id, countyId: c.county_id, tier: c.tier, status: c.status,
  creditLimitCents: c.credit_limit_cents, ownerId: c.owner_id,
});

const areaKey = (cityId: number, countyId: number | null) => (countyId === null ? `c${cityId}` : `c${cityId}-${countyId}`);

/** Whether the master data (or the plan year's class) already shows what a change aims at. */
function changeDone(row: ChannelCustomerChangeRow, c: PlanCustomer, abcNow: AbcClass | null): boolean {
  switch (row.kind) {
    case 'upgrade':
      return c.tier === 'distributor' && c.status === 'active';
    case 'tier':
      return row.to_tier !== null && c.tier === row.to_tier;
    case 'abc':
      return row.to_abc !== null && abcNow === row.to_abc;
    case 'credit':
      return row.to_credit_cents !== null && c.credit_limit_cents === row.to_credit_cents;
    case 'terminate':
      return c.status === 'terminated';
  }
}

export function channelPlan(db: ReadDb, input: { versionId?: number }): ChannelPlan {
  const versionId = input.versionId ?? workingVersionId(db);
  const version = findVersion(db, versionId);
  if (!version) throw refusal('NOT_FOUND', 'planChannel.error.noVersion', `no plan version ${versionId}`, { path: 'versionId' });
  const planYear = regionPlanYear(db);
  const coverageTarget = storedCoverageTarget(db);

  const customers = planCustomers(db);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const cities = citiesWithProvince(db);
  const cityById = new Map(cities.map((c) => [c.id, c]));
  const countyList = counties(db);
  const countyById = new Map(countyList.map((c) => [c.id, c]));

  // The blank areas exactly as the customers analysis lists them (the whole region, no filter).
  const coverage = new Map(cityCoverage(db, {}, coverageTarget).map((c) => [c.cityId, c]));
  const countyDistributors = new Map(activeDealersByCounty(db).map((r) => [r.county_id, r.n]));
  const plans = fillPlans(db, versionId);
  const planned = new Map(plans.map((p) => [areaKey(p.city_id, p.county_id), p]));
  const fills: FillRow[] = [];
  const fillRow = (cityId: number, countyId: number | null, p: ChannelFillPlanRow | undefined): FillRow => {
    const cov = coverage.get(cityId);
    const city = cityById.get(cityId);
    // The analysis knows cities only: a county the plan names is blank while no active
    // distributor or sub-distributor names it as its county.
    const blankNow = countyId === null ? (cov?.blank ?? false) : (countyDistributors.get(countyId) ?? 0) === 0;
    const reason = countyId === null ? (cov?.reason ?? null) : 'noDistributor';
    return {
      key: areaKey(cityId, countyId),
      planId: p?.id ?? null,
      cityId,
      cityName: city?.name ?? '',
      provinceName: city?.provinceName ?? '',
      countyId,
      countyName: countyId === null ? null : (countyById.get(countyId)?.name ?? null),
      blankNow,
      reason: blankNow ? reason : null,
      activeDistributors: cov?.activeDistributors ?? 0,
      coverage: cov?.coverage ?? null,
      fillPeriod: p?.fill_period ?? null,
      method: p?.method ?? null,
      viaCustomerId: p?.via_customer_id ?? null,
      ownerId: p?.owner_id ?? null,
      firstYearSalesCents: p?.first_year_sales_cents ?? 0,
      note: p?.note ?? '',
    };
  };
  // Every blank city (planned or not), then each planned area that is not a blank city, in region order.
  const cityOrder = new Map(cities.map((c, i) => [c.id, i]));
  for (const c of coverage.values()) if (c.blank) fills.push(fillRow(c.cityId, null, planned.get(areaKey(c.cityId, null))));
  for (const p of plans) {
    if (p.county_id === null && coverage.get(p.city_id)?.blank) continue;
    fills.push(fillRow(p.city_id, p.county_id, p));
  }
  fills.sort((a, b) => (cityOrder.get(a.cityId) ?? 0) - (cityOrder.get(b.cityId) ?? 0) || (a.countyId ?? 0) - (b.countyId ?? 0));

  // The plan year's sales and classes as the customers analysis computes them for the plan year.
  const sums = customerYearSums(db, planYear);
  const salesOf = new Map(sums.map((s) => [s.id, s.sales]));
  const abc = classifyAbc(sums.filter((s) => s.n > 0).map((s) => [s.id, s.sales] as const));

  const pipelineRows = prospects(db, versionId);
  const firstOrders = new Map(firstOrderPeriods(db, pipelineRows.map((p) => p.customer_id)).map((r) => [r.customer_id, r.period]));
  const prospectRows: ProspectRow[] = pipelineRows.flatMap((p) => {
    const c = byId.get(p.customer_id);
    if (!c) return [];
    return [{
      id: p.id, customerId: p.customer_id, stage: p.stage, firstOrderPeriod: p.first_order_period, yearSalesCents: p.year_sales_cents,
      ownerId: p.owner_id, note: p.note, customer: ref(c), cityName: cityById.get(c.city_id)?.name ?? '',
      firstOrderActual: firstOrders.get(p.customer_id) ?? null, actualSalesCents: salesOf.get(p.customer_id) ?? 0,
    }];
  });

  const changeRows: ChangeRow[] = customerChanges(db, versionId).flatMap((r) => {
    const c = byId.get(r.customer_id);
    if (!c) return [];
    const abcNow = abc.get(r.customer_id) ?? null;
    return [{
      id: r.id, customerId: r.customer_id, kind: r.kind, period: r.period, toTier: r.to_tier, toAbc: r.to_abc, toCreditCents: r.to_credit_cents,
      reason: r.reason, customer: ref(c), abcNow, done: changeDone(r, c, abcNow),
    }];
  });

  const byStage = PIPELINE_STAGES.map((stage) => {
    const rows = prospectRows.filter((p) => p.stage === stage);
    return { stage, count: rows.length, yearSalesCents: rows.reduce((s, p) => s + p.yearSalesCents, 0) };
  });
  const cityMap = new Map<number, PipelineCitySummary>();
  for (const p of prospectRows) {
    const cityId = p.customer.cityId;
    let s = cityMap.get(cityId);
    if (!s) {
      s = { cityId, cityName: p.cityName, counts: Object.fromEntries(PIPELINE_STAGES.map((k) => [k, 0])) as Record<PipelineStage, number>, yearSalesCents: 0 };
      cityMap.set(cityId, s);
    }
    s.counts[p.stage]++;
    if (p.stage !== 'lost') s.yearSalesCents += p.yearSalesCents;
  }
  const byCity = [...cityMap.values()].sort((a, b) => (cityOrder.get(a.cityId) ?? 0) - (cityOrder.get(b.cityId) ?? 0));

  const live = prospectRows.filter((p) => p.stage !== 'lost');
  const plannedFills = fills.filter((f) => f.planId !== null);
  return {
    versionId,
    versionName: version.name,
    frozen: version.frozen === 1,
    planYear,
    coverageTarget,
    fills,
    prospects: prospectRows,
    changes: changeRows,
    pipeline: { byStage, byCity },
    tracking: {
      blankAreas: [...coverage.values()].filter((c) => c.blank).length,
      blankPlanned: fills.filter((f) => f.countyId === null && f.blankNow && f.planId !== null).length,
      stillBlank: plannedFills.filter((f) => f.blankNow).length,
      filled: plannedFills.filter((f) => !f.blankNow).length,
      firstYearSalesCents: plannedFills.reduce((s, f) => s + f.firstYearSalesCents, 0),
      prospects: live.length,
      firstOrders: live.filter((p) => p.firstOrderActual !== null).length,
      pipelineSalesCents: live.reduce((s, p) => s + p.yearSalesCents, 0),
      prospectActualCents: live.reduce((s, p) => s + p.actualSalesCents, 0),
      changes: changeRows.length,
      changesDone: changeRows.filter((c) => c.done).length,
    },
    refs: {
      salespeople: salespeople(db),
      cities,
      counties: countyList,
      customers: customers.map(ref),
    },
  };
}

// ---- edits: the working plan only, each call one undo step -------------------------------

function editableVersion(db: WriteDb): number {
  const versionId = workingVersionId(db);
  assertEditable(db, versionId);
  return versionId;
}

function invalid(rule: MessageKey, path: string, message: string, params?: Record<string, string | number>): never {
  throw refusal('INVALID_INPUT', rule, `${path}: ${message}`, { path, ...(params ? { params } : {}) });
}

/** A month must lie in the plan year: the plan is for that year. */
function checkPeriod(period: number | null | undefined, planYear: number, path: string): void {
  if (period === null || period === undefined) return;
  if (Math.floor(period / 100) !== planYear) {
    invalid('planChannel.error.outsideYear', path, `${formatPeriod(period)} is outside the plan year ${planYear}`, { month: formatPeriod(period), year: planYear });
  }
}

function checkRef(db: ReadDb, table: 'city' | 'county' | 'salesperson' | 'customer', id: number | null | undefined, path: string): void {
  if (id === null || id === undefined) return;
  const rule: Record<typeof table, MessageKey> = {
    city: 'planChannel.error.unknownCity',
    county: 'planChannel.error.unknownCounty',
    salesperson: 'planChannel.error.unknownOwner',
    customer: 'planChannel.error.unknownCustomer',
  };
  if (!memberExists(db, table, id)) invalid(rule[table], path, `no ${table} ${id}`);
}

const rowImage = <R extends object>(r: R) => ({ ...r }) as unknown as Record<string, string | number | null>;

export function applyFills(db: WriteDb, rows: FillRowInput[]): { ids: number[] } {
  const versionId = editableVersion(db);
  const planYear = regionPlanYear(db);
  const seen = new Set<string>();
  const existing = rows.map((r, i) => {
    const p = `rows.${i}`;
    checkRef(db, 'city', r.cityId, `${p}.cityId`);
    const countyId = r.countyId ?? null;
    if (countyId !== null) {
      checkRef(db, 'county', countyId, `${p}.countyId`);
      if (countyCity(db, countyId) !== r.cityId) invalid('planChannel.error.countyNotInCity', `${p}.countyId`, `county ${countyId} is not in city ${r.cityId}`);
    }
    const key = areaKey(r.cityId, countyId);
    if (seen.has(key)) invalid('planChannel.error.duplicateArea', `${p}.cityId`, `the area ${key} is given twice`);
    seen.add(key);
    checkPeriod(r.fillPeriod, planYear, `${p}.fillPeriod`);
    checkRef(db, 'salesperson', r.ownerId, `${p}.ownerId`);
    checkRef(db, 'customer', r.viaCustomerId, `${p}.viaCustomerId`);
    return findFillPlanOfArea(db, versionId, r.cityId, countyId);
  });
  return recordEdit(
    db,
    'planChannel.undo.fills',
    () => {
      const changes: RowChange[] = [];
      const ids = rows.map((r, i) => {
        const before = existing[i];
        const base: Omit<ChannelFillPlanRow, 'id'> = before ?? {
          version_id: versionId, city_id: r.cityId, county_id: r.countyId ?? null, fill_period: null, method: 'recruit', via_customer_id: null,
          owner_id: null, first_year_sales_cents: 0, note: '',
        };
        const after: Omit<ChannelFillPlanRow, 'id'> = {
          ...base,
          fill_period: r.fillPeriod === undefined ? base.fill_period : r.fillPeriod,
          method: r.method ?? base.method,
          via_customer_id: r.viaCustomerId === undefined ? base.via_customer_id : r.viaCustomerId,
          owner_id: r.ownerId === undefined ? base.owner_id : r.ownerId,
          first_year_sales_cents: r.firstYearSalesCents ?? base.first_year_sales_cents,
          note: r.note ?? base.note,
        };
        if (before) {
          updateFillPlan(db, before.id, after);
          changes.push({ table: 'channel_fill_plan', key: { id: before.id }, before: rowImage(before), after: rowImage({ ...after, id: before.id }) });
          return before.id;
        }
        const id = insertFillPlan(db, after);
        changes.push({ table: 'channel_fill_plan', key: { id }, before: null, after: rowImage({ ...after, id }) });
        return id;
      });
      return { changes, value: { ids } };
    },
    { versionId },
  );
}

function removeRows<R extends { id: number }>(
  db: WriteDb,
  table: ChapterTable,
  label: string,
  ids: number[],
  find: (versionId: number, id: number) => R | undefined,
): { removed: number } {
  const versionId = editableVersion(db);
  const found = [...new Set(ids)].map((id, i) => find(versionId, id) ?? invalid('planChannel.error.noSuchRow', `ids.${i}`, `no row ${id}`));
  return recordEdit(
    db,
    label,
    () => {
      for (const r of found) deleteChapterRow(db, table, r.id);
      return { changes: found.map((r) => ({ table, key: { id: r.id }, before: rowImage(r), after: null })), value: { removed: found.length } };
    },
    { versionId },
  );
}

export const removeFills = (db: WriteDb, ids: number[]) => removeRows(db, 'channel_fill_plan', 'planChannel.undo.fillsRemove', ids, (v, id) => findFillPlan(db, v, id));
export const removeProspects = (db: WriteDb, ids: number[]) =>
  removeRows(db, 'channel_prospect', 'planChannel.undo.prospectsRemove', ids, (v, id) => findProspect(db, v, id));
export const removeChanges = (db: WriteDb, ids: number[]) =>
  removeRows(db, 'channel_customer_change', 'planChannel.undo.changesRemove', ids, (v, id) => findCustomerChange(db, v, id));

/** The customer's status row change when a signed prospect becomes active (none when it already is). */
function activate(db: WriteDb, customer: CustomerRow): RowChange | null {
  if (customer.status !== 'prospect') return null;
  setCustomerStatus(db, customer.id, 'active');
  return { table: 'customer', key: { id: customer.id }, before: rowImage(customer), after: rowImage({ ...customer, status: 'active' }) };
}

export function applyProspects(db: WriteDb, rows: ProspectRowInput[]): { ids: number[] } {
  const versionId = editableVersion(db);
  const planYear = regionPlanYear(db);
  const taken = new Set<number>();
  const existing = rows.map((r, i) => {
    const p = `rows.${i}`;
    const before = r.id === undefined ? undefined : (findProspect(db, versionId, r.id) ?? invalid('planChannel.error.noSuchRow', `${p}.id`, `no row ${r.id}`));
    const customerId = r.customerId ?? before?.customer_id;
    if (customerId === undefined) invalid('planChannel.error.customerRequired', `${p}.customerId`, 'a new prospect needs its customer');
    const customer = findPlanCustomer(db, customerId) ?? invalid('planChannel.error.unknownCustomer', `${p}.customerId`, `no customer ${customerId}`);
    if (customerId !== before?.customer_id) {
      // Only a prospect of the master data joins the pipeline; each one once per version.
      if (customer.status !== 'prospect') invalid('planChannel.error.notProspect', `${p}.customerId`, `customer ${customer.code} is not a prospect`, { code: customer.code });
      if (taken.has(customerId) || prospectOfCustomer(db, versionId, customerId)) {
        invalid('planChannel.error.prospectTaken', `${p}.customerId`, `customer ${customer.code} is in the pipeline already`, { code: customer.code });
      }
    }
    taken.add(customerId);
    const stage = r.stage ?? before?.stage;
    if (stage === 'signed' && before?.stage !== 'signed' && customer.status === 'terminated') {
      invalid('planChannel.error.signTerminated', `${p}.stage`, `customer ${customer.code} is terminated`, { code: customer.code });
    }
    checkPeriod(r.firstOrderPeriod, planYear, `${p}.firstOrderPeriod`);
    checkRef(db, 'salesperson', r.ownerId, `${p}.ownerId`);
    return { before, customer };
  });
  return recordEdit(
    db,
    'planChannel.undo.prospects',
    () => {
      const changes: RowChange[] = [];
      const ids = rows.map((r, i) => {
        const { before, customer } = existing[i];
        const base: Omit<ChannelProspectRow, 'id'> = before ?? {
          version_id: versionId, customer_id: customer.id, stage: 'identified', first_order_period: null, year_sales_cents: 0,
          owner_id: customer.owner_id, note: '',
        };
        const after: Omit<ChannelProspectRow, 'id'> = {
          ...base,
          customer_id: r.customerId ?? base.customer_id,
          stage: r.stage ?? base.stage,
          first_order_period: r.firstOrderPeriod === undefined ? base.first_order_period : r.firstOrderPeriod,
          year_sales_cents: r.yearSalesCents ?? base.year_sales_cents,
          owner_id: r.ownerId === undefined ? base.owner_id : r.ownerId,
          note: r.note ?? base.note,
        };
        let id: number;
        if (before) {
          id = before.id;
          updateProspect(db, id, after);
          changes.push({ table: 'channel_prospect', key: { id }, before: rowImage(before), after: rowImage({ ...after, id }) });
        } else {
          id = insertProspect(db, after);
          changes.push({ table: 'channel_prospect', key: { id }, before: null, after: rowImage({ ...after, id }) });
        }
        if (after.stage === 'signed' && before?.stage !== 'signed') {
          const c = activate(db, customer);
          if (c) changes.push(c);
        }
        return id;
      });
      return { changes, value: { ids } };
    },
    { versionId },
  );
}

/** Signs a prospect: its row becomes signed and its customer active, in one undo step. */
export function signProspect(db: WriteDb, id: number): void {
  const versionId = editableVersion(db);
  const row = findProspect(db, versionId, id) ?? invalid('planChannel.error.noSuchRow', 'id', `no row ${id}`);
  const customer = findPlanCustomer(db, row.customer_id) ?? invalid('planChannel.error.unknownCustomer', 'id', `no customer ${row.customer_id}`);
  if (customer.status === 'terminated') invalid('planChannel.error.signTerminated', 'id', `customer ${customer.code} is terminated`, { code: customer.code });
  if (row.stage === 'signed' && customer.status === 'active') invalid('planChannel.error.signedAlready', 'id', `customer ${customer.code} is signed already`, { code: customer.code });
  applyProspects(db, [{ id, stage: 'signed' }]);
}

export function applyChanges(db: WriteDb, rows: ChangeRowInput[]): { ids: number[] } {
  const versionId = editableVersion(db);
  const planYear = regionPlanYear(db);
  const existing = rows.map((r, i) => {
    const p = `rows.${i}`;
    const before = r.id === undefined ? undefined : (findCustomerChange(db, versionId, r.id) ?? invalid('planChannel.error.noSuchRow', `${p}.id`, `no row ${r.id}`));
    const customerId = r.customerId ?? before?.customer_id;
    if (customerId === undefined) invalid('planChannel.error.customerRequired', `${p}.customerId`, 'a planned change needs its customer');
    const customer = findPlanCustomer(db, customerId) ?? invalid('planChannel.error.unknownCustomer', `${p}.customerId`, `no customer ${customerId}`);
    const kind = r.kind ?? before?.kind;
    if (kind === undefined) invalid('planChannel.error.kindRequired', `${p}.kind`, 'a planned change needs its kind');
    const period = r.period ?? before?.period;
    if (period === undefined) invalid('planChannel.error.monthRequired', `${p}.period`, 'a planned change needs its month');
    checkPeriod(period, planYear, `${p}.period`);
    if (kind === 'upgrade' && customer.tier !== 'sub_distributor' && customerId !== before?.customer_id) {
      invalid('planChannel.error.notSubDistributor', `${p}.customerId`, `customer ${customer.code} is not a sub-distributor`, { code: customer.code });
    }
    return before;
  });
  return recordEdit(
    db,
    'planChannel.undo.changes',
    () => {
      const changes: RowChange[] = [];
      const ids = rows.map((r, i) => {
        const before = existing[i];
        const base: Omit<ChannelCustomerChangeRow, 'id'> = before ?? {
          version_id: versionId, customer_id: r.customerId!, kind: r.kind!, period: r.period!, to_tier: null, to_abc: null, to_credit_cents: null, reason: '',
        };
        const after: Omit<ChannelCustomerChangeRow, 'id'> = {
          ...base,
          customer_id: r.customerId ?? base.customer_id,
          kind: r.kind ?? base.kind,
          period: r.period ?? base.period,
          to_tier: r.toTier === undefined ? base.to_tier : r.toTier,
          to_abc: r.toAbc === undefined ? base.to_abc : r.toAbc,
          to_credit_cents: r.toCreditCents === undefined ? base.to_credit_cents : r.toCreditCents,
          reason: r.reason ?? base.reason,
        };
        if (before) {
          updateCustomerChange(db, before.id, after);
          changes.push({ table: 'channel_customer_change', key: { id: before.id }, before: rowImage(before), after: rowImage({ ...after, id: before.id }) });
          return before.id;
        }
        const id = insertCustomerChange(db, after);
        changes.push({ table: 'channel_customer_change', key: { id }, before: null, after: rowImage({ ...after, id }) });
        return id;
      });
      return { changes, value: { ids } };
    },
    { versionId },
  );
}
