import { numericDistribution } from '../../../../shared/kpi';
import { strongestCompetitor } from '../../../../shared/analysisTerminals';
import type { TerminalGroup, TerminalsAnalysis } from '../../../../shared/endpoints/analysisTerminals';
import type {
  OpeningCellInput, OpeningRow, ShareFigures, ShareTargetInput, ShareTargetRow, SkuFigures, SkuTargetInput, SkuTargetRow, StrongestCompetitor,
  TerminalPlan, TerminalTrend,
} from '../../../../shared/endpoints/planTerminal';
import { refusal, type MessageKey } from '../../../../shared/errors';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { TerminalOpenPlanRow, TerminalShareTargetRow } from '../../db/schema';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { citiesByProvince, orderedMembers } from '../../repos/analysis/members';
import { auditYears } from '../../repos/analysis/terminals';
import { findVersion, listVersionRows, workingVersionId } from '../../repos/planVersions';
import {
  deleteOpenings, deleteShareTarget, deleteSkuTarget, findShareTarget, findShareTargetOf, insertShareTarget, namedProspects, openingRows, ownSkus,
  putOpening, putSkuTarget, shareTargets, skuAuditCounts, skuTargets, updateShareTarget,
} from '../../repos/planTerminal';
import { regionPlanYear } from '../../repos/region';
import { terminalsAnalysis } from '../analysis/terminals';
import { assertEditable } from '../targets/versions';

// 終端建設規劃: stores to open, distribution and shelf-share targets, SKU distribution
// targets. The figures beside the targets are the terminals analysis's, read through its
// own service (each store's latest audit of the year, kpi.ts's measures) so the chapter and
// the analysis can never disagree: one call per year × category × channel, by city.

type Names = Map<number, string>;

function resolveVersion(db: ReadDb, versionId: number | undefined): { id: number; frozen: boolean; working: boolean } {
  const working = workingVersionId(db);
  const id = versionId ?? working;
  const row = findVersion(db, id);
  if (!row) throw refusal('NOT_FOUND', 'planTerminal.error.noVersion', `plan version ${id} does not exist`, { path: 'versionId' });
  return { id, frozen: row.frozen === 1, working: id === working };
}

/** The version a command edits: the working one, refused if frozen. */
function editableVersion(db: ReadDb): number {
  const id = workingVersionId(db);
  assertEditable(db, id);
  return id;
}

/** The analysis of one year × category × channel by city, asked once per read of the chapter. */
class AnalysisCache {
  private readonly byKey = new Map<string, { analysis: TerminalsAnalysis; byCity: Map<number, TerminalGroup> }>();
  constructor(private readonly db: ReadDb) {}
  group(year: number, categoryId: number, channelId: number, cityId: number): { analysis: TerminalsAnalysis; group: TerminalGroup | undefined } {
    const k = `${year}:${categoryId}:${channelId}`;
    let hit = this.byKey.get(k);
    if (!hit) {
      const analysis = terminalsAnalysis(this.db, { year, categoryId, channelId, by: 'city' });
      hit = { analysis, byCity: new Map(analysis.groups.map((g) => [g.key, g])) };
      this.byKey.set(k, hit);
    }
    return { analysis: hit.analysis, group: hit.byCity.get(cityId) };
  }
}

const NO_FIGURES: ShareFigures = { audited: 0, distribution: null, shelf: null };

function figures(g: TerminalGroup | undefined): ShareFigures {
  if (!g) return NO_FIGURES;
  return { audited: g.audited, distribution: g.ours.distribution, shelf: g.ours.shelf };
}

function competitor(a: TerminalsAnalysis, g: TerminalGroup | undefined, m: 'distribution' | 'shelf'): StrongestCompetitor | null {
  if (!g) return null;
  const best = strongestCompetitor(g, m);
  return best ? { name: a.competitors[best.index].name, value: best.value } : null;
}

const diff = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : a - b);

function baselineYearOf(years: readonly number[], planYear: number): number | null {
  const before = years.filter((y) => y < planYear);
  return before.length > 0 ? before[before.length - 1] : null;
}

function names(rows: readonly { id: number; name: string }[]): Names {
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function terminalPlan(db: ReadDb, input: { versionId?: number; trackYear?: number }): TerminalPlan {
  const version = resolveVersion(db, input.versionId);
  const planYear = regionPlanYear(db);
  const years = auditYears(db);
  const baselineYear = baselineYearOf(years, planYear);
  const trackYear = input.trackYear ?? planYear;
  const trackYears = [...new Set([...years, planYear])].sort((a, b) => a - b);

  const cities = citiesByProvince(db).map(({ id, name }) => ({ id, name }));
  const channels = orderedMembers(db, 'channel');
  const categories = orderedMembers(db, 'category');
  const cityNames = names(cities);
  const channelNames = names(channels);
  const categoryNames = names(categories);
  const cityRank = new Map(cities.map((c, i) => [c.id, i]));
  const channelRank = new Map(channels.map((c, i) => [c.id, i]));
  const pairOrder = (a: { cityId: number; channelId: number }, b: { cityId: number; channelId: number }) =>
    (cityRank.get(a.cityId) ?? 0) - (cityRank.get(b.cityId) ?? 0) || (channelRank.get(a.channelId) ?? 0) - (channelRank.get(b.channelId) ?? 0);

  // Stores to open, one row per city × channel planned.
  const named = new Map(namedProspects(db).map((r) => [`${r.city_id}:${r.channel_id}`, r.n]));
  const pairs = new Map<string, OpeningRow>();
  for (const r of openingRows(db, version.id)) {
    const k = `${r.city_id}:${r.channel_id}`;
    let row = pairs.get(k);
    if (!row) {
      row = {
        cityId: r.city_id, cityName: cityNames.get(r.city_id) ?? '', channelId: r.channel_id, channelName: channelNames.get(r.channel_id) ?? '',
        months: Array(12).fill(0) as number[], quarters: [0, 0, 0, 0], year: 0, named: named.get(k) ?? 0,
      };
      pairs.set(k, row);
    }
    row.months[r.month - 1] += r.stores;
    row.quarters[Math.floor((r.month - 1) / 3)] += r.stores;
    row.year += r.stores;
  }
  const openings = [...pairs.values()].sort(pairOrder);
  const openingTotal = { months: Array(12).fill(0) as number[], quarters: [0, 0, 0, 0], year: 0, named: 0 };
  for (const o of openings) {
    o.months.forEach((v, i) => (openingTotal.months[i] += v));
    o.quarters.forEach((v, i) => (openingTotal.quarters[i] += v));
    openingTotal.year += o.year;
    openingTotal.named += o.named;
  }

  // Distribution and shelf-share targets with the audits' figures.
  const cache = new AnalysisCache(db);
  const shareRows: ShareTargetRow[] = shareTargets(db, version.id).map((t) => {
    const base = baselineYear === null ? null : cache.group(baselineYear, t.category_id, t.channel_id, t.city_id);
    const track = cache.group(trackYear, t.category_id, t.channel_id, t.city_id);
    const baseline = figures(base?.group);
    const actual = figures(track.group);
    return {
      id: t.id,
      cityId: t.city_id,
      cityName: cityNames.get(t.city_id) ?? '',
      channelId: t.channel_id,
      channelName: channelNames.get(t.channel_id) ?? '',
      categoryId: t.category_id,
      categoryName: categoryNames.get(t.category_id) ?? '',
      distributionTarget: t.distribution,
      shelfTarget: t.shelf,
      baseline,
      competitorDistribution: base ? competitor(base.analysis, base.group, 'distribution') : null,
      competitorShelf: base ? competitor(base.analysis, base.group, 'shelf') : null,
      actual,
      distributionGap: diff(actual.distribution, t.distribution),
      shelfGap: diff(actual.shelf, t.shelf),
      distributionTrend: diff(actual.distribution, baseline.distribution),
      shelfTrend: diff(actual.shelf, baseline.shelf),
    };
  });
  const categoryRank = new Map(categories.map((c, i) => [c.id, i]));
  shareRows.sort((a, b) => pairOrder(a, b) || (categoryRank.get(a.categoryId) ?? 0) - (categoryRank.get(b.categoryId) ?? 0));

  // SKU distribution targets.
  const skus = ownSkus(db);
  const skuById = new Map(skus.map((s) => [s.id, s]));
  const targets = skuTargets(db, version.id).filter((t) => skuById.has(t.sku_id));
  const ids = targets.map((t) => t.sku_id);
  const slice = (year: number) => ({ year, fromMonth: 1, toMonth: 12 });
  // A year without audits has nothing to count (the plan year, until its first audits).
  const counts = (year: number | null) => (year === null || !years.includes(year) ? new Map<number, { audited: number; carrying: number }>() : skuAuditCounts(db, slice(year), ids));
  const baseCounts = counts(baselineYear);
  const trackCounts = counts(trackYear);
  const skuFigures = (c: { audited: number; carrying: number } | undefined): SkuFigures =>
    c ? { audited: c.audited, carrying: c.carrying, distribution: numericDistribution(c.carrying, c.audited) } : { audited: 0, carrying: 0, distribution: null };
  const skuRank = new Map(skus.map((s, i) => [s.id, i]));
  const skuRows: SkuTargetRow[] = targets
    .sort((a, b) => (skuRank.get(a.sku_id) ?? 0) - (skuRank.get(b.sku_id) ?? 0))
    .map((t) => {
      const s = skuById.get(t.sku_id)!;
      const actual = skuFigures(trackCounts.get(t.sku_id));
      return {
        skuId: s.id, skuCode: s.code, skuName: s.name, categoryName: s.category_name, isNew: s.is_new === 1, target: t.distribution,
        baseline: skuFigures(baseCounts.get(t.sku_id)), actual, gap: diff(actual.distribution, t.distribution),
      };
    });

  return {
    versionId: version.id,
    frozen: version.frozen,
    editable: version.working && !version.frozen,
    planYear,
    baselineYear,
    trackYear,
    trackYears,
    openings,
    openingTotal,
    shareTargets: shareRows,
    skuTargets: skuRows,
    options: {
      versions: listVersionRows(db).map((v) => ({ id: v.id, name: v.name, kind: v.kind, frozen: v.frozen === 1 })),
      cities,
      channels,
      categories,
      skus: skus.map((s) => ({ id: s.id, code: s.code, name: s.name, categoryId: s.category_id, isNew: s.is_new === 1 })),
    },
  };
}

/** Our brands' measures of a share target's slice by month (the analysis by month). */
export function terminalTrend(db: ReadDb, input: { id: number; versionId?: number; year?: number }): TerminalTrend {
  const version = resolveVersion(db, input.versionId);
  const t = findShareTarget(db, version.id, input.id);
  if (!t) throw refusal('NOT_FOUND', 'planTerminal.error.noTarget', `no share target ${input.id}`, { path: 'id' });
  const year = input.year ?? regionPlanYear(db);
  const a = terminalsAnalysis(db, { year, categoryId: t.category_id, cityId: t.city_id, channelId: t.channel_id, by: 'month' });
  return { year, points: a.groups.map((g) => ({ month: g.key, audited: g.audited, distribution: g.ours.distribution, shelf: g.ours.shelf })) };
}

// ---- edits --------------------------------------------------------------------------

function requireMember(ok: boolean, key: MessageKey, what: string, path: string): void {
  if (!ok) throw refusal('INVALID_INPUT', key, `${path}: no such ${what}`, { path });
}

function members(db: ReadDb) {
  return {
    cities: names(citiesByProvince(db).map(({ id, name }) => ({ id, name }))),
    channels: names(orderedMembers(db, 'channel')),
    categories: names(orderedMembers(db, 'category')),
  };
}

const openingImage = (r: TerminalOpenPlanRow) => ({ ...r });
const openingKey = (r: Pick<TerminalOpenPlanRow, 'version_id' | 'city_id' | 'channel_id' | 'month'>) => ({
  version_id: r.version_id, city_id: r.city_id, channel_id: r.channel_id, month: r.month,
});

export function setOpenings(db: WriteDb, cells: OpeningCellInput[]): void {
  const versionId = editableVersion(db);
  const m = members(db);
  cells.forEach((c, i) => {
    requireMember(m.cities.has(c.cityId), 'planTerminal.error.noCity', 'city', `cells.${i}.cityId`);
    requireMember(m.channels.has(c.channelId), 'planTerminal.error.noChannel', 'channel', `cells.${i}.channelId`);
  });
  recordEdit(
    db,
    'planTerminal.undo.openings',
    () => {
      const current = new Map(openingRows(db, versionId).map((r) => [`${r.city_id}:${r.channel_id}:${r.month}`, r]));
      const changes: RowChange[] = [];
      for (const c of cells) {
        const k = `${c.cityId}:${c.channelId}:${c.month}`;
        const before = current.get(k) ?? null;
        if (before && before.stores === c.stores) continue;
        const after: TerminalOpenPlanRow = { version_id: versionId, city_id: c.cityId, channel_id: c.channelId, month: c.month, stores: c.stores };
        putOpening(db, after);
        changes.push({ table: 'terminal_open_plan', key: openingKey(after), before: before && openingImage(before), after: openingImage(after) });
        current.set(k, after);
      }
      return { changes, value: null };
    },
    { versionId },
  );
}

export function removeOpenings(db: WriteDb, pairsIn: { cityId: number; channelId: number }[]): void {
  const versionId = editableVersion(db);
  const rows = openingRows(db, versionId);
  const wanted = new Set(pairsIn.map((p) => `${p.cityId}:${p.channelId}`));
  const gone = rows.filter((r) => wanted.has(`${r.city_id}:${r.channel_id}`));
  pairsIn.forEach((p, i) => {
    if (!gone.some((r) => r.city_id === p.cityId && r.channel_id === p.channelId)) {
      throw refusal('INVALID_INPUT', 'planTerminal.error.noOpeningRow', `pairs.${i}: no stores to open are planned there`, { path: `pairs.${i}` });
    }
  });
  recordEdit(
    db,
    'planTerminal.undo.removeOpenings',
    () => {
      for (const p of wanted) {
        const [city, channel] = p.split(':').map(Number);
        deleteOpenings(db, versionId, city, channel);
      }
      return { changes: gone.map((r) => ({ table: 'terminal_open_plan' as const, key: openingKey(r), before: openingImage(r), after: null })), value: null };
    },
    { versionId },
  );
}

/** A target's range: 0–100%. The refusal names the cell (city · channel · category and the measure). */
function checkRatio(value: number | null | undefined, measure: 'distribution' | 'shelf', where: { city: string; channel: string; category: string }, path: string): void {
  if (value === null || value === undefined || (value >= 0 && value <= 1)) return;
  const key = measure === 'distribution' ? 'planTerminal.error.distributionRange' : 'planTerminal.error.shelfRange';
  const shown = String(Math.round(value * 1000) / 10);
  throw refusal('INVALID_INPUT', key, `${path}: ${measure} target ${shown}% of ${where.city} · ${where.channel} · ${where.category} is outside 0–100%`, {
    path,
    params: { ...where, value: shown },
  });
}

const shareImage = (r: TerminalShareTargetRow) => ({ ...r });

export function applyShareTargets(db: WriteDb, rows: ShareTargetInput[]): { ids: number[] } {
  const versionId = editableVersion(db);
  const m = members(db);
  // Everything is checked before anything is written: all or nothing.
  const seen = new Set<string>();
  const plan = rows.map((r, i) => {
    if (r.id !== undefined) {
      const before = findShareTarget(db, versionId, r.id);
      if (!before) throw refusal('INVALID_INPUT', 'planTerminal.error.noTarget', `rows.${i}: no share target ${r.id}`, { path: `rows.${i}.id` });
      const where = { city: m.cities.get(before.city_id) ?? '', channel: m.channels.get(before.channel_id) ?? '', category: m.categories.get(before.category_id) ?? '' };
      checkRatio(r.distribution, 'distribution', where, `rows.${i}.distribution`);
      checkRatio(r.shelf, 'shelf', where, `rows.${i}.shelf`);
      return { before, after: { ...before, distribution: r.distribution === undefined ? before.distribution : r.distribution, shelf: r.shelf === undefined ? before.shelf : r.shelf } };
    }
    if (r.cityId === undefined) throw refusal('INVALID_INPUT', 'planTerminal.error.sliceRequired', `rows.${i}: a new target needs a city`, { path: `rows.${i}.cityId` });
    if (r.channelId === undefined) throw refusal('INVALID_INPUT', 'planTerminal.error.sliceRequired', `rows.${i}: a new target needs a channel`, { path: `rows.${i}.channelId` });
    if (r.categoryId === undefined) throw refusal('INVALID_INPUT', 'planTerminal.error.sliceRequired', `rows.${i}: a new target needs a category`, { path: `rows.${i}.categoryId` });
    requireMember(m.cities.has(r.cityId), 'planTerminal.error.noCity', 'city', `rows.${i}.cityId`);
    requireMember(m.channels.has(r.channelId), 'planTerminal.error.noChannel', 'channel', `rows.${i}.channelId`);
    requireMember(m.categories.has(r.categoryId), 'planTerminal.error.noCategory', 'category', `rows.${i}.categoryId`);
    const where = { city: m.cities.get(r.cityId)!, channel: m.channels.get(r.channelId)!, category: m.categories.get(r.categoryId)! };
    const k = `${r.cityId}:${r.channelId}:${r.categoryId}`;
    if (seen.has(k) || findShareTargetOf(db, versionId, r.cityId, r.channelId, r.categoryId)) {
      throw refusal('CONFLICT', 'planTerminal.error.targetExists', `rows.${i}: ${where.city} · ${where.channel} · ${where.category} already has a target`, {
        path: `rows.${i}`,
        params: where,
      });
    }
    seen.add(k);
    checkRatio(r.distribution, 'distribution', where, `rows.${i}.distribution`);
    checkRatio(r.shelf, 'shelf', where, `rows.${i}.shelf`);
    return {
      before: null,
      after: { version_id: versionId, city_id: r.cityId, channel_id: r.channelId, category_id: r.categoryId, distribution: r.distribution ?? null, shelf: r.shelf ?? null },
    };
  });
  return recordEdit(
    db,
    'planTerminal.undo.shareTargets',
    () => {
      const changes: RowChange[] = [];
      const ids: number[] = [];
      for (const p of plan) {
        if (p.before) {
          updateShareTarget(db, p.before.id, p.after);
          changes.push({ table: 'terminal_share_target', key: { id: p.before.id }, before: shareImage(p.before), after: { ...p.after } });
          ids.push(p.before.id);
        } else {
          const id = insertShareTarget(db, p.after);
          changes.push({ table: 'terminal_share_target', key: { id }, before: null, after: { id, ...p.after } });
          ids.push(id);
        }
      }
      return { changes, value: { ids } };
    },
    { versionId },
  );
}

export function removeShareTargets(db: WriteDb, ids: number[]): void {
  const versionId = editableVersion(db);
  const rows = [...new Set(ids)].map((id, i) => {
    const r = findShareTarget(db, versionId, id);
    if (!r) throw refusal('INVALID_INPUT', 'planTerminal.error.noTarget', `ids.${i}: no share target ${id}`, { path: `ids.${i}` });
    return r;
  });
  recordEdit(
    db,
    'planTerminal.undo.removeShareTargets',
    () => {
      for (const r of rows) deleteShareTarget(db, r.id);
      return { changes: rows.map((r) => ({ table: 'terminal_share_target' as const, key: { id: r.id }, before: shareImage(r), after: null })), value: null };
    },
    { versionId },
  );
}

export function setSkuTargets(db: WriteDb, rows: SkuTargetInput[]): void {
  const versionId = editableVersion(db);
  const skus = new Map(ownSkus(db).map((s) => [s.id, s]));
  rows.forEach((r, i) => {
    const s = skus.get(r.skuId);
    if (!s) throw refusal('INVALID_INPUT', 'planTerminal.error.notOurSku', `rows.${i}: SKU ${r.skuId} is not one of our SKUs`, { path: `rows.${i}.skuId` });
    if (r.distribution !== null && !(r.distribution >= 0 && r.distribution <= 1)) {
      const shown = String(Math.round(r.distribution * 1000) / 10);
      throw refusal('INVALID_INPUT', 'planTerminal.error.skuRange', `rows.${i}.distribution: ${s.name} target ${shown}% is outside 0–100%`, {
        path: `rows.${i}.distribution`,
        params: { sku: s.name, value: shown },
      });
    }
  });
  recordEdit(
    db,
    'planTerminal.undo.skuTargets',
    () => {
      const current = new Map(skuTargets(db, versionId).map((t) => [t.sku_id, t]));
      const changes: RowChange[] = [];
      for (const r of rows) {
        const before = current.get(r.skuId) ?? null;
        const key = { version_id: versionId, sku_id: r.skuId };
        if (r.distribution === null) {
          if (!before) continue;
          deleteSkuTarget(db, versionId, r.skuId);
          changes.push({ table: 'terminal_sku_target', key, before: { ...before }, after: null });
          current.delete(r.skuId);
        } else {
          if (before?.distribution === r.distribution) continue;
          const after = { ...key, distribution: r.distribution };
          putSkuTarget(db, after);
          changes.push({ table: 'terminal_sku_target', key, before: before && { ...before }, after });
          current.set(r.skuId, after);
        }
      }
      return { changes, value: null };
    },
    { versionId },
  );
}
