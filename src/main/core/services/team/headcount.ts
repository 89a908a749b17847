import { workingVersionId } from '../../repos/planVersions';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { HeadcountPlanRow } from '../../db/schema';
import type { HeadcountCellInput, HeadcountRole, TeamPlanResult } from '../../../../shared/endpoints/team';
import { refusal } from '../../../../shared/errors';
import { recordEdit, type RowChange } from '../../db/undoLog';
import { regionPlanYear } from '../../repos/region';
import { deleteRole, hasHeadcount, headcountRows, insertHeadcount, putHeadcount, salespersonTenures } from '../../repos/team';
import { listTraining } from './training';

// The headcount plan: role × month with headcount and monthly cost per head; the
// personnel cost is derived (headcount × cost per head), never stored.

/** Default monthly cost per head (元) for a role new to the plan; the demo's figures. */
export const DEFAULT_COST_PER_HEAD_YUAN: Record<string, number> = {
  manager: 35_000,
  supervisor: 15_000,
  account_manager: 20_000,
  sales_rep: 11_000,
  promoter: 6_000,
};

/** Master-data roles counted by "start from the current team", in display order. */
const MASTER_ROLES = ['manager', 'account_manager', 'sales_rep'] as const;
const ROLE_ORDER = ['manager', 'supervisor', 'account_manager', 'sales_rep', 'promoter'];

function roleRank(role: string): number {
  const i = ROLE_ORDER.indexOf(role);
  return i < 0 ? ROLE_ORDER.length : i;
}

/** The team plan of a plan version (default: the working plan, the one the team tab edits). */
export function teamPlan(db: ReadDb, versionId = workingVersionId(db)): TeamPlanResult {
  const byRole = new Map<string, HeadcountRole>();
  for (const r of headcountRows(db, versionId)) {
    let entry = byRole.get(r.role);
    if (!entry) {
      entry = { role: r.role, headcount: Array(12).fill(0), costPerHeadCents: Array(12).fill(0), costCents: Array(12).fill(0), quarterCostCents: [0, 0, 0, 0], yearCostCents: 0 };
      byRole.set(r.role, entry);
    }
    entry.headcount[r.month - 1] = r.headcount;
    entry.costPerHeadCents[r.month - 1] = r.cost_per_head_cents;
  }
  const monthCostCents = Array(12).fill(0) as number[];
  for (const e of byRole.values()) {
    for (let m = 0; m < 12; m++) {
      const c = e.headcount[m] * e.costPerHeadCents[m];
      e.costCents[m] = c;
      e.quarterCostCents[Math.floor(m / 3)] += c;
      e.yearCostCents += c;
      monthCostCents[m] += c;
    }
  }
  const roles = [...byRole.values()].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.role.localeCompare(b.role));
  const quarterCostCents = [0, 1, 2, 3].map((q) => monthCostCents.slice(q * 3, q * 3 + 3).reduce((s, v) => s + v, 0));
  const training = listTraining(db, versionId);
  return {
    planYear: regionPlanYear(db),
    roles,
    monthCostCents,
    quarterCostCents,
    yearCostCents: quarterCostCents.reduce((s, v) => s + v, 0),
    training,
    trainingCostCents: training.reduce((s, t) => s + t.costCents, 0),
  };
}

const image = (r: HeadcountPlanRow) => ({ ...r });
const keyOf = (v: number, role: string, month: number) => ({ version_id: v, role, month });

export function setHeadcount(db: WriteDb, cells: HeadcountCellInput[]): void {
  const versionId = workingVersionId(db);
  cells.forEach((c, i) => {
    if (c.headcount === undefined && c.costPerHeadCents === undefined) {
      throw refusal('INVALID_INPUT', 'team.error.nothingToSet', `cells.${i}: nothing to set`, { path: `cells.${i}` });
    }
  });
  recordEdit(db, 'team.undo.headcount', () => {
    const current = new Map(headcountRows(db, versionId).map((r) => [`${r.role}\u0000${r.month}`, r]));
    const roles = new Set([...current.values()].map((r) => r.role));
    const changes: RowChange[] = [];
    cells.forEach((c, i) => {
      const role = c.role.trim();
      if (!roles.has(role)) {
        throw refusal('INVALID_INPUT', 'team.error.unknownRole', `cells.${i}: role ${role} is not in the plan`, { path: `cells.${i}.role` });
      }
      const k = `${role}\u0000${c.month}`;
      const before = current.get(k) ?? null;
      const after: HeadcountPlanRow = {
        version_id: versionId,
        role,
        month: c.month,
        headcount: c.headcount ?? before?.headcount ?? 0,
        cost_per_head_cents: c.costPerHeadCents ?? before?.cost_per_head_cents ?? 0,
      };
      putHeadcount(db, after);
      changes.push({ table: 'headcount_plan', key: keyOf(versionId, role, c.month), before: before && image(before), after: image(after) });
      current.set(k, after);
    });
    return { changes, value: null };
  });
}

function insertRole(db: WriteDb, versionId: number, role: string, headcount: (m: number) => number, costCents: number): RowChange[] {
  const changes: RowChange[] = [];
  for (let m = 1; m <= 12; m++) {
    const after = { version_id: versionId, role, month: m, headcount: headcount(m), cost_per_head_cents: costCents };
    insertHeadcount(db, after);
    changes.push({ table: 'headcount_plan', key: keyOf(versionId, role, m), before: null, after });
  }
  return changes;
}

export function addRole(db: WriteDb, roleIn: string, headcount = 0, costPerHeadCents?: number): void {
  const versionId = workingVersionId(db);
  const role = roleIn.trim();
  if (hasHeadcount(db, versionId, role)) throw refusal('CONFLICT', 'team.error.roleExists', `role ${role} is already in the plan`, { path: 'role' });
  const cost = costPerHeadCents ?? (DEFAULT_COST_PER_HEAD_YUAN[role] ?? 0) * 100;
  recordEdit(db, 'team.undo.addRole', () => ({ changes: insertRole(db, versionId, role, () => headcount, cost), value: null }));
}

export function removeRole(db: WriteDb, roleIn: string): void {
  const versionId = workingVersionId(db);
  const role = roleIn.trim();
  const rows = headcountRows(db, versionId).filter((r) => r.role === role);
  if (rows.length === 0) throw refusal('INVALID_INPUT', 'team.error.unknownRole', `role ${role} is not in the plan`, { path: 'role' });
  recordEdit(db, 'team.undo.removeRole', () => {
    deleteRole(db, versionId, role);
    return { changes: rows.map((r) => ({ table: 'headcount_plan' as const, key: keyOf(versionId, role, r.month), before: image(r), after: null })), value: null };
  });
}

/** Salespeople of a role active on the first day of each month of the plan year. */
function masterCounts(db: ReadDb, year: number): Map<string, number[]> {
  const people = salespersonTenures(db);
  const counts = new Map<string, number[]>();
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, '0')}-01`;
    for (const p of people) {
      if (p.start_date > first || (p.end_date !== null && p.end_date < first)) continue;
      const c = counts.get(p.role) ?? Array(12).fill(0);
      c[m - 1]++;
      counts.set(p.role, c);
    }
  }
  return counts;
}

export function seedFromMaster(db: WriteDb): { roles: string[] } {
  const versionId = workingVersionId(db);
  if (hasHeadcount(db, versionId)) throw refusal('CONFLICT', 'team.error.planNotEmpty', 'the headcount plan is not empty');
  const counts = masterCounts(db, regionPlanYear(db));
  const roles = MASTER_ROLES.filter((r) => counts.has(r));
  if (roles.length === 0) throw refusal('CONFLICT', 'team.error.noTeam', 'the team master data has no salespeople');
  return recordEdit(db, 'team.undo.seed', () => {
    const changes = roles.flatMap((role) => insertRole(db, versionId, role, (m) => counts.get(role)![m - 1], DEFAULT_COST_PER_HEAD_YUAN[role] * 100));
    return { changes, value: { roles: [...roles] } };
  });
}
