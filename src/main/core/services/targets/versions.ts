import { workingVersionId } from '../../repos/planVersions';
import type { WriteDb } from '../../db/handle';
import type Database from 'better-sqlite3';
import type { HoTargetMonth, PlanVersionInfo, ScenarioName } from '../../../../shared/endpoints/targets';
import { SCENARIO_NAMES } from '../../../../shared/endpoints/targets';
import { AppError } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { MONTHS, type TargetCache } from './model';
import { hoTargetRows } from './read';

// Plan versions: the working plan, snapshots (frozen forever) and scenarios, and
// head office's target for the region.

interface VersionRow {
  id: number;
  name: string;
  kind: 'working' | 'snapshot' | 'scenario';
  scenario: string | null;
  based_on_id: number | null;
  frozen: number;
  created_at: string;
  note: string;
}

const asScenario = (s: string | null): ScenarioName | null => ((SCENARIO_NAMES as readonly string[]).includes(s ?? '') ? (s as ScenarioName) : null);

export function listVersions(sqlite: Database.Database, cache: TargetCache): PlanVersionInfo[] {
  const rows = sqlite.prepare('SELECT * FROM plan_version ORDER BY id').all() as VersionRow[];
  // Totals from the cube where a version is loaded, else one indexed pass in SQL.
  const loaded = new Map(cache.loaded().map((c) => [c.versionId, c]));
  const stats = new Map<number, { cells: number; amount: number; volume: number }>();
  for (const r of rows) {
    const cube = loaded.get(r.id);
    if (cube) {
      let amount = 0;
      let volume = 0;
      for (let k = 0; k < cube.amount.length; k++) {
        amount += cube.amount[k];
        volume += cube.volume[k];
      }
      stats.set(r.id, { cells: cube.present, amount: amount * 100, volume });
    }
  }
  const missing = rows.filter((r) => !stats.has(r.id));
  if (missing.length > 0) {
    const sums = sqlite
      .prepare(`SELECT version_id, count(*) AS cells, ifnull(sum(amount_cents), 0) AS amount, ifnull(sum(volume), 0) AS volume
        FROM target_fact WHERE version_id IN (${missing.map(() => '?').join(',')}) GROUP BY version_id`)
      .all(...missing.map((r) => r.id)) as { version_id: number; cells: number; amount: number; volume: number }[];
    for (const s of sums) stats.set(s.version_id, { cells: s.cells, amount: s.amount, volume: s.volume });
  }
  const order = { working: 0, scenario: 1, snapshot: 2 } as const;
  return rows
    .map((r) => {
      const s = stats.get(r.id) ?? { cells: 0, amount: 0, volume: 0 };
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
    })
    .sort((a, b) => order[a.kind] - order[b.kind] || a.id - b.id);
}

/** Refuses a version that does not exist or is a snapshot (locks, seasonality). */
export function assertEditable(sqlite: Database.Database, id: number): void {
  if (versionRow(sqlite, id).frozen === 1) throw new AppError('CONFLICT', 'this version is a snapshot and never changes');
}

function versionRow(sqlite: Database.Database, id: number): VersionRow {
  const row = sqlite.prepare('SELECT * FROM plan_version WHERE id = ?').get(id) as VersionRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return row;
}

export interface CreateVersionInput {
  kind: 'snapshot' | 'scenario';
  fromId: number;
  name: string;
  scenario?: ScenarioName | null;
  note?: string;
}

/**
 * Copies a version's cells into a new snapshot or scenario, set-based in one
 * transaction. A snapshot is filled unfrozen and frozen before the commit, so no
 * one ever sees it half made. Not an undo step: a snapshot is a record of what was
 * sent, and undoing the edits before it must not reach into it.
 */
export function createVersion(sqlite: Database.Database, input: CreateVersionInput): number {
  versionRow(sqlite, input.fromId);
  const taken = sqlite.prepare('SELECT 1 FROM plan_version WHERE name = ?').get(input.name);
  if (taken) {
    throw new AppError('INVALID_INPUT', `a version named "${input.name}" already exists`, {
      issues: [{ path: 'name', message: 'targets.error.nameTaken' }],
    });
  }
  return sqlite.transaction(() => {
    const id = Number(
      sqlite
        .prepare("INSERT INTO plan_version (name, kind, scenario, based_on_id, frozen, created_at, note) VALUES (?, 'scenario', ?, ?, 0, ?, ?)")
        .run(input.name, input.kind === 'scenario' ? (input.scenario ?? null) : null, input.fromId, new Date().toISOString(), input.note ?? '')
        .lastInsertRowid,
    );
    sqlite
      .prepare(`INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
        SELECT ?, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume FROM target_fact WHERE version_id = ? ORDER BY id`)
      .run(id, input.fromId);
    sqlite
      .prepare('INSERT INTO target_lock (version_id, scope_json, month, created_at) SELECT ?, scope_json, month, created_at FROM target_lock WHERE version_id = ?')
      .run(id, input.fromId);
    sqlite.prepare('INSERT INTO target_season (version_id, month, weight) SELECT ?, month, weight FROM target_season WHERE version_id = ?').run(id, input.fromId);
    if (input.kind === 'snapshot') sqlite.prepare("UPDATE plan_version SET kind = 'snapshot', frozen = 1 WHERE id = ?").run(id);
    return id;
  }).immediate();
}

/** Deletes a scenario. The undo log may name its rows, so the log is cleared too. */
export function deleteVersion(sqlite: Database.Database, id: number): void {
  const row = versionRow(sqlite, id);
  if (row.kind !== 'scenario') {
    throw new AppError('CONFLICT', row.kind === 'snapshot' ? 'a snapshot is kept for ever' : 'the working plan cannot be deleted; promote a scenario instead');
  }
  const snapshot = sqlite.prepare("SELECT name FROM plan_version WHERE based_on_id = ? AND frozen = 1").pluck().get(id) as string | undefined;
  if (snapshot !== undefined) {
    throw new AppError('CONFLICT', `the snapshot "${snapshot}" was taken from this scenario, and a snapshot is kept for ever`, {
      issues: [{ path: 'id', message: 'targets.error.snapshotSource' }],
    });
  }
  sqlite.transaction(() => {
    // Versions made from it now count as made from what it was made from.
    sqlite.prepare('UPDATE plan_version SET based_on_id = ? WHERE based_on_id = ?').run(row.based_on_id, id);
    sqlite.prepare('DELETE FROM plan_version WHERE id = ?').run(id);
    sqlite.prepare('DELETE FROM undo_step').run();
  }).immediate();
}

/** The scenario becomes the working plan; the working plan becomes a scenario. One undo step. */
export function promoteVersion(db: WriteDb, id: number): void {
  const sqlite = db.sqlite;
  const row = versionRow(sqlite, id);
  if (row.kind !== 'scenario') throw new AppError('CONFLICT', 'only a scenario can be promoted to the working plan');
  const working = versionRow(sqlite, workingVersionId(db));
  const stamp = new Date().toISOString().slice(0, 10);
  recordEdit(db, 'targets.undo.promote', () => {
    const image = (r: VersionRow) => ({ kind: r.kind, name: r.name, scenario: r.scenario });
    const oldWorkingAfter = { kind: 'scenario', name: uniqueName(sqlite, `${working.name} (${stamp})`), scenario: null };
    const promotedAfter = { kind: 'working', name: row.name, scenario: row.scenario };
    const update = sqlite.prepare('UPDATE plan_version SET kind = ?, name = ?, scenario = ? WHERE id = ?');
    update.run(oldWorkingAfter.kind, oldWorkingAfter.name, oldWorkingAfter.scenario, working.id);
    update.run(promotedAfter.kind, promotedAfter.name, promotedAfter.scenario, row.id);
    const changes: RowChange[] = [
      { table: 'plan_version', key: { id: working.id }, before: image(working), after: oldWorkingAfter },
      { table: 'plan_version', key: { id: row.id }, before: image(row), after: promotedAfter },
    ];
    return { changes, value: null };
  });
}

function uniqueName(sqlite: Database.Database, base: string): string {
  let name = base;
  for (let i = 2; sqlite.prepare('SELECT 1 FROM plan_version WHERE name = ?').get(name); i++) name = `${base} ${i}`;
  return name;
}

export function hoTarget(sqlite: Database.Database): HoTargetMonth[] {
  return hoTargetRows(sqlite).map((r) => ({
    month: r.month,
    amountCents: r.amount_cents,
    volume: r.volume,
    grossProfitCents: r.gross_profit_cents,
    newProductCents: r.new_product_cents,
  }));
}

export function setHoTarget(db: WriteDb, months: Partial<HoTargetMonth>[] & { month: number }[]): HoTargetMonth[] {
  const sqlite = db.sqlite;
  recordEdit(db, 'targets.undo.hoTarget', () => {
    const current = new Map(hoTargetRows(sqlite).map((r) => [r.month, r]));
    const exists = new Set((sqlite.prepare('SELECT month FROM ho_target').pluck().all() as number[]));
    const changes: RowChange[] = [];
    const upsert = sqlite.prepare(`INSERT INTO ho_target (month, amount_cents, volume, gross_profit_cents, new_product_cents) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (month) DO UPDATE SET amount_cents = excluded.amount_cents, volume = excluded.volume,
        gross_profit_cents = excluded.gross_profit_cents, new_product_cents = excluded.new_product_cents`);
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
      upsert.run(after.month, after.amount_cents, after.volume, after.gross_profit_cents, after.new_product_cents);
      changes.push({ table: 'ho_target', key: { month: m.month }, before: exists.has(m.month) ? { ...before } : null, after });
      current.set(m.month, after);
      exists.add(m.month);
    }
    return { changes, value: null };
  });
  return hoTarget(sqlite);
}
