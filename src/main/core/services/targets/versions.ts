import { copyChapters } from '../plan/copy';
import type { HoTargetMonth, PlanVersionInfo, ScenarioName } from '../../../../shared/endpoints/targets';
import { SCENARIO_NAMES } from '../../../../shared/endpoints/targets';
import { AppError, refusal } from '../../../../shared/errors';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { HoTargetRow, PlanVersionRow } from '../../db/schema';
import { clearUndoLog, recordEdit, type RowChange } from '../../db/undoLog';
import {
  deleteVersionRow, findVersion, freezeVersion, insertVersion, listVersionRows, rebaseVersions, snapshotTakenFrom,
  updateVersionRole, versionNameTaken, workingVersionId,
} from '../../repos/planVersions';
import { cellTotals, copyCells, nextCellId, type CopiedCells } from '../../repos/targets/cells';
import type { PendingCopy } from '../../db/versionCopy';
import { listHoTarget, upsertHoTarget } from '../../repos/targets/hoTarget';
import { copyLocks } from '../../repos/targets/locks';
import { copySeason } from '../../repos/targets/season';
import { MONTHS, planSums, type TargetCache, type VersionTotals } from './model';

// Plan versions: the working plan, snapshots (frozen forever) and scenarios, and
// head office's target for the region.

const asScenario = (s: string | null): ScenarioName | null => ((SCENARIO_NAMES as readonly string[]).includes(s ?? '') ? (s as ScenarioName) : null);

/**
 * The cell count and totals of each of `rows`: from the cube where a version is loaded,
 * kept where it is a snapshot read before, else one indexed pass in SQL. Outside a
 * transaction (committed rows: a command's may yet roll back), a snapshot's totals are
 * kept once read, and a scenario not loaded is loaded: its cube then follows its edits,
 * where its rows would be summed again (a third of a second on a large region) each time
 * the list is asked, that is with every edit of any version.
 */
function versionTotals(db: ReadDb, cache: TargetCache, rows: readonly PlanVersionRow[]): Map<number, VersionTotals> {
  const committed = !db.sqlite.inTransaction;
  const loaded = new Map(cache.loaded().map((c) => [c.versionId, c]));
  const stats = new Map<number, VersionTotals>();
  for (const r of rows) {
    const cube = loaded.get(r.id) ?? (committed && r.frozen === 0 ? cache.cube(db, r.id) : undefined);
    if (cube) {
      // The summary's sums, kept and followed through edits: whole cents and units, exact.
      const sums = planSums(cache, cube);
      let amount = 0;
      let volume = 0;
      for (let k = 0; k < sums.bySku.length; k++) amount += sums.bySku[k];
      for (let m = 0; m < MONTHS; m++) volume += sums.volume[m];
      stats.set(r.id, { cells: cube.present, amount, volume });
      continue;
    }
    const kept = r.frozen === 1 ? cache.snapshotTotals.get(r.id) : undefined;
    if (kept) stats.set(r.id, kept);
  }
  const missing = rows.filter((r) => !stats.has(r.id));
  if (missing.length > 0) {
    cache.readingRows();
    const found = new Map(cellTotals(db, missing.map((r) => r.id)).map((s) => [s.version_id, { cells: s.cells, amount: s.amount, volume: s.volume }]));
    for (const r of missing) {
      const t = found.get(r.id) ?? { cells: 0, amount: 0, volume: 0 };
      stats.set(r.id, t);
      if (committed && r.frozen === 1) cache.snapshotTotals.set(r.id, t);
    }
  }
  return stats;
}

function versionInfo(r: PlanVersionRow, s: VersionTotals): PlanVersionInfo {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    scenario: asScenario(r.scenario),
    frozen: r.frozen === 1,
    basedOnId: r.based_on_id,
    createdAt: r.created_at,
    note: r.note,
    cellCount: s.cells,
    amountCents: s.amount,
    volume: s.volume,
  };
}

export function listVersions(db: ReadDb, cache: TargetCache): PlanVersionInfo[] {
  const rows = listVersionRows(db);
  const stats = versionTotals(db, cache, rows);
  const order = { working: 0, scenario: 1, snapshot: 2 } as const;
  return rows
    .map((r) => versionInfo(r, stats.get(r.id)!))
    .sort((a, b) => order[a.kind] - order[b.kind] || a.id - b.id);
}

/**
 * A version just made by createVersion from `fromId`, with its totals: its source's, since
 * it holds a copy of its cells (without summing the 1.45M rows just copied, or before they
 * are). `keep`, once the command has committed, keeps a snapshot's totals, and gives the
 * version its cube, made from its source's in memory where the source is loaded: a
 * scenario is there to be edited, a snapshot to be compared with (the comparison usually
 * comes next), and reading its 1.45M rows back would take most of a second. The cube's
 * cells get the ids the copy gives their rows, in the key's order from the first: where
 * the copy is left for after the commit, the ids it will give them.
 */
export function madeVersion(db: ReadDb, cache: TargetCache, made: MadeVersion, fromId: number): { info: PlanVersionInfo; keep: () => void } {
  const row = versionRow(db, made.id);
  const totals = versionTotals(db, cache, [versionRow(db, fromId)]).get(fromId)!;
  const source = cache.loaded().find((c) => c.versionId === fromId);
  const copied = made.copied ?? (source ? { first: made.first, last: made.first + source.present - 1, count: source.present } : null);
  const cube = source && copied ? source.copyAs(made.id, copied, cache.refs.combosInKeyOrder()) : null;
  return {
    info: versionInfo(row, totals),
    keep: () => {
      if (row.frozen === 1) cache.snapshotTotals.set(made.id, totals);
      if (cube) cache.adopt(cube);
    },
  };
}

function versionRow(db: ReadDb, id: number): PlanVersionRow {
  const row = findVersion(db, id);
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return row;
}

/**
 * Refuses a version that does not exist or is a snapshot: every change to a
 * version's cells, locks or seasonality asks here first. (The file's triggers
 * refuse a snapshot's change too, as a last line of defence.)
 */
export function assertEditable(db: ReadDb, id: number): void {
  if (versionRow(db, id).frozen === 1) {
    throw refusal('CONFLICT', 'targets.error.snapshotFrozen', 'this version is a snapshot and never changes; make a scenario from it to edit', {
      path: 'versionId',
    });
  }
}

export interface CreateVersionInput {
  kind: 'snapshot' | 'scenario';
  fromId: number;
  name: string;
  scenario?: ScenarioName | null;
  note?: string;
}

/** A version createVersion made: its id, and the rows its copy inserted, or (null) the id its first row will get, the copy left for after the commit. */
export interface MadeVersion {
  id: number;
  first: number;
  copied: CopiedCells | null;
}

/**
 * Copies a version's cells, locks and seasonality into a new snapshot or scenario,
 * set-based. A snapshot is filled unfrozen and frozen before the commit, so no one ever
 * sees it half made. The cells, a million rows and more on a large region, are copied
 * within the command's transaction, or, given `later` (the registry's commands), left for
 * just after its commit (db/versionCopy.ts): what they will be is fixed at the commit,
 * and nothing reads them before they are there. Not an undo step: a snapshot is a record
 * of what was sent, and undoing the edits before it must not reach into it.
 */
export function createVersion(db: WriteDb, input: CreateVersionInput, later: ((copy: PendingCopy) => void) | null = null): MadeVersion {
  versionRow(db, input.fromId);
  if (versionNameTaken(db, input.name)) {
    throw refusal('INVALID_INPUT', 'targets.error.nameTaken', `a version named "${input.name}" already exists`, { path: 'name', params: { name: input.name } });
  }
  const id = insertVersion(db, {
    name: input.name,
    kind: 'scenario',
    scenario: input.kind === 'scenario' ? (input.scenario ?? null) : null,
    based_on_id: input.fromId,
    frozen: 0,
    created_at: new Date().toISOString(),
    note: input.note ?? '',
  });
  const copied = later ? null : copyCells(db, input.fromId, id);
  const first = copied?.first ?? nextCellId(db);
  if (later) later({ from: input.fromId, to: id, first });
  copyLocks(db, input.fromId, id);
  copySeason(db, input.fromId, id);
  copyChapters(db, input.fromId, id);
  if (input.kind === 'snapshot') freezeVersion(db, id);
  return { id, first, copied };
}

/** Deletes a scenario. The undo log may name its rows, so the log is cleared too. */
export function deleteVersion(db: WriteDb, id: number): void {
  const row = versionRow(db, id);
  if (row.kind === 'snapshot') throw refusal('CONFLICT', 'targets.error.snapshotKept', 'a snapshot is kept for ever', { path: 'id' });
  if (row.kind === 'working') {
    throw refusal('CONFLICT', 'targets.error.workingKept', 'the working plan cannot be deleted; promote a scenario instead', { path: 'id' });
  }
  const snapshot = snapshotTakenFrom(db, id);
  if (snapshot !== undefined) {
    throw refusal('CONFLICT', 'targets.error.snapshotSource', `the snapshot "${snapshot}" was taken from this scenario, and a snapshot is kept for ever`, {
      path: 'id',
      params: { snapshot },
    });
  }
  // Versions made from it now count as made from what it was made from.
  rebaseVersions(db, id, row.based_on_id);
  deleteVersionRow(db, id);
  clearUndoLog(db);
}

/** The scenario becomes the working plan; the working plan becomes a scenario. One undo step. */
export function promoteVersion(db: WriteDb, id: number): void {
  const row = versionRow(db, id);
  if (row.kind !== 'scenario') {
    throw refusal('CONFLICT', 'targets.error.promoteScenario', 'only a scenario can be promoted to the working plan', { path: 'id' });
  }
  const working = versionRow(db, workingVersionId(db));
  const stamp = new Date().toISOString().slice(0, 10);
  recordEdit(db, 'targets.undo.promote', () => {
    const image = (r: PlanVersionRow) => ({ kind: r.kind, name: r.name, scenario: r.scenario });
    const oldWorkingAfter = { kind: 'scenario' as const, name: uniqueName(db, `${working.name} (${stamp})`), scenario: null };
    const promotedAfter = { kind: 'working' as const, name: row.name, scenario: row.scenario };
    updateVersionRole(db, working.id, oldWorkingAfter);
    updateVersionRole(db, row.id, promotedAfter);
    const changes: RowChange[] = [
      { table: 'plan_version', key: { id: working.id }, before: image(working), after: oldWorkingAfter },
      { table: 'plan_version', key: { id: row.id }, before: image(row), after: promotedAfter },
    ];
    return { changes, value: null };
  });
}

function uniqueName(db: ReadDb, base: string): string {
  let name = base;
  for (let i = 2; versionNameTaken(db, name); i++) name = `${base} ${i}`;
  return name;
}

function allMonths(stored: readonly HoTargetRow[]): HoTargetRow[] {
  const byMonth = new Map(stored.map((r) => [r.month, r]));
  return Array.from({ length: MONTHS }, (_, i) => byMonth.get(i + 1) ?? { month: i + 1, amount_cents: 0, volume: 0, gross_profit_cents: 0, new_product_cents: 0 });
}

/** Head office's target, all 12 months (zero where none is set). */
export function hoTargetRows(db: ReadDb): HoTargetRow[] {
  return allMonths(listHoTarget(db));
}

export function hoTarget(db: ReadDb): HoTargetMonth[] {
  return hoTargetRows(db).map((r) => ({
    month: r.month,
    amountCents: r.amount_cents,
    volume: r.volume,
    grossProfitCents: r.gross_profit_cents,
    newProductCents: r.new_product_cents,
  }));
}

export function setHoTarget(db: WriteDb, months: Partial<HoTargetMonth>[] & { month: number }[]): HoTargetMonth[] {
  recordEdit(db, 'targets.undo.hoTarget', () => {
    const stored = listHoTarget(db);
    const exists = new Set(stored.map((r) => r.month));
    const current = new Map(allMonths(stored).map((r) => [r.month, r]));
    const changes: RowChange[] = [];
    for (const m of months) {
      if (m.month < 1 || m.month > MONTHS) continue;
      const before = current.get(m.month)!;
      const after = {
        month: m.month,
        amount_cents: m.amountCents ?? before.amount_cents,
        volume: m.volume ?? before.volume,
        gross_profit_cents: m.grossProfitCents ?? before.gross_profit_cents,
        new_product_cents: m.newProductCents ?? before.new_product_cents,
      };
      upsertHoTarget(db, after);
      changes.push({ table: 'ho_target', key: { month: m.month }, before: exists.has(m.month) ? { ...before } : null, after });
      current.set(m.month, after);
      exists.add(m.month);
    }
    return { changes, value: null };
  });
  return hoTarget(db);
}
