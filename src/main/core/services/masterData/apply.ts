import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import {
  addRefItem, buildRefLookup, checkValue, codeKey, emptyValue, ENTITIES, fieldSpec, issue, referencedEntities,
  type CellValue, type EntityName, type MasterIssue, type ParseContext,
} from '../../../../shared/masterData';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit, type RowChange, type RowValues } from '../../db/undoLog';
import {
  columnFields, columnOf, ENTITY_TABLES, fromDb, loadLinks, loadRefItems, loadRowsById, toDb,
} from './tables';

// Writing master rows: every cell is checked with the shared rules (parseCell), then
// codes, references and the entity's own rules; if anything is wrong nothing is
// written and every problem is reported with its cell. Otherwise the whole batch is
// one transaction and one undo step.

export type MasterInputRow = { id?: number } & Record<string, CellValue | undefined>;
export type ApplyLabel = 'edit' | 'paste' | 'fill' | 'clear' | 'import' | 'append';

interface Prepared {
  index: number;
  /** Existing row id; null for a new row. */
  id: number | null;
  /** Provisional id for a new row (negative), so rows of the batch can refer to each other. */
  tempId: number;
  /** The row's field values after the edit (every editable field). */
  values: Record<string, CellValue>;
  given: Set<string>;
}

interface Plan {
  issues: MasterIssue[];
  rows: Prepared[];
  before: Map<number, RowValues>;
}

const path = (index: number, field: string) => `rows.${index}.${field}`;

function plan(sqlite: Database.Database, entity: EntityName, input: readonly MasterInputRow[]): Plan {
  const spec = ENTITIES[entity];
  const et = ENTITY_TABLES[entity];
  const issues: MasterIssue[] = [];
  const fields = spec.fields.filter((f) => f.type !== 'computed');

  const updateIds = input.map((r) => r.id).filter((id): id is number => typeof id === 'number');
  const before = loadRowsById(sqlite, et.table, updateIds);
  if (et.scope) for (const [id, row] of before) if (row[et.scope.column] !== et.scope.value) before.delete(id);
  const linksBefore = new Map<string, Map<number, number[]>>();
  for (const [field, link] of Object.entries(et.links)) linksBefore.set(field, loadLinks(sqlite, link, updateIds));

  // References: everything the entity's ref fields can point at, once per call.
  const ctx: ParseContext = { refs: {} };
  for (const target of referencedEntities(entity)) ctx.refs[target] = buildRefLookup(loadRefItems(sqlite, target));
  const self = ctx.refs[entity];

  // Codes in the file (the whole table: brand codes are unique across own and competitor brands).
  const fileCodes = new Map<string, number>();
  for (const [id, c] of sqlite.prepare(`SELECT id, code FROM ${et.table}`).raw().all() as [number, string][]) {
    fileCodes.set(codeKey(c), id);
  }

  // Pass 1: codes and names, so that rows of the batch can refer to each other by them.
  const rows: Prepared[] = input.map((r, index) => {
    const id = typeof r.id === 'number' ? r.id : null;
    const values: Record<string, CellValue> = {};
    const existing = id === null ? undefined : before.get(id);
    for (const f of fields) {
      if (f.key in et.links) {
        values[f.key] = id === null ? (f.default ?? emptyValue(f)) : (linksBefore.get(f.key)?.get(id) ?? []);
      } else if (existing) values[f.key] = fromDb(f, existing[columnOf(f.key)]);
      else values[f.key] = f.default ?? emptyValue(f);
    }
    return { index, id, tempId: -(index + 1), values, given: new Set(Object.keys(r).filter((k) => k !== 'id' && r[k] !== undefined)) };
  });
  for (const row of rows) {
    if (row.id !== null && !before.has(row.id)) {
      issues.push(issue(path(row.index, 'id'), 'masterData.invalid.notFound', { id: row.id }));
      continue;
    }
    for (const key of ['code', 'name']) {
      if (!row.given.has(key)) continue;
      const r = checkValue(entity, key, input[row.index][key] ?? null, ctx);
      if (r.ok) row.values[key] = r.value;
    }
    if (self) {
      const itemId = row.id ?? row.tempId;
      const old = self.byId.get(itemId);
      if (old && codeKey(old.code) !== codeKey(String(row.values.code))) self.byCode.delete(codeKey(old.code));
      addRefItem(self, { id: itemId, code: String(row.values.code ?? ''), name: String(row.values.name ?? '') });
    }
  }

  // Pass 2: every given cell, with the shared rules.
  const seenCodes = new Map<string, number>();
  for (const row of rows) {
    if (row.id !== null && !before.has(row.id)) continue;
    const src = input[row.index];
    for (const key of row.given) {
      const f = fieldSpec(entity, key);
      if (!f) {
        issues.push(issue(path(row.index, key), 'masterData.invalid.unknownField', { field: key }));
        continue;
      }
      const r = checkValue(entity, key, src[key] ?? null, ctx);
      if (!r.ok) {
        issues.push(issue(path(row.index, key), r.reason, r.params));
        continue;
      }
      row.values[key] = r.value;
    }
    if (row.id === null) {
      for (const f of fields) {
        if (f.required && !row.given.has(f.key) && f.default === undefined) {
          issues.push(issue(path(row.index, f.key), 'masterData.invalid.required'));
        }
      }
    }
    if (spec.codeField && (row.id === null || row.given.has(spec.codeField))) {
      const code = row.values[spec.codeField];
      if (typeof code === 'string' && code !== '') {
        const k = codeKey(code);
        const first = seenCodes.get(k);
        const owner = fileCodes.get(k);
        if (first !== undefined) {
          issues.push(issue(path(row.index, spec.codeField), 'masterData.invalid.duplicateInBatch', { value: code, row: first + 1 }));
        } else if (owner !== undefined && owner !== row.id) {
          issues.push(issue(path(row.index, spec.codeField), 'masterData.invalid.duplicateInFile', { value: code }));
        }
        seenCodes.set(k, row.index);
      }
    }
  }
  if (issues.length === 0) entityRules(sqlite, entity, rows, ctx, issues);
  return { issues, rows, before };
}

/** Rules across fields and rows: parents, counties in their city, date order. */
function entityRules(sqlite: Database.Database, entity: EntityName, rows: Prepared[], ctx: ParseContext, issues: MasterIssue[]): void {
  const at = (row: Prepared, preferred: string, other: string) => path(row.index, row.given.has(preferred) ? preferred : other);
  const countyCheck = (row: Prepared) => {
    const county = row.values.countyId;
    if (typeof county !== 'number') return;
    const item = ctx.refs.county?.byId.get(county);
    if (item && item.parentId !== row.values.cityId) {
      issues.push(issue(at(row, 'countyId', 'cityId'), 'masterData.invalid.countyNotInCity', { value: item.name }));
    }
  };
  const dateOrder = (row: Prepared, start: string, end: string) => {
    const s = row.values[start];
    const e = row.values[end];
    if (typeof s === 'string' && typeof e === 'string' && e < s) issues.push(issue(at(row, end, start), 'masterData.invalid.endBeforeStart'));
  };
  if (entity === 'customer') {
    const tiers = new Map<number, string>(sqlite.prepare('SELECT id, tier FROM customer').raw().all() as [number, string][]);
    for (const row of rows) tiers.set(row.id ?? row.tempId, String(row.values.tier));
    const newParent = new Map<number, number | null>();
    for (const row of rows) if (row.id !== null) newParent.set(row.id, row.values.parentId as number | null);
    for (const row of rows) {
      const parent = row.values.parentId;
      const selfId = row.id ?? row.tempId;
      if (typeof parent === 'number') {
        if (parent === selfId) issues.push(issue(at(row, 'parentId', 'tier'), 'masterData.invalid.parentSelf'));
        else if (row.values.tier !== 'sub_distributor') issues.push(issue(at(row, 'parentId', 'tier'), 'masterData.invalid.parentOnlySub'));
        else if (tiers.get(parent) !== 'distributor') {
          const name = ctx.refs.customer?.byId.get(parent)?.name ?? String(parent);
          issues.push(issue(at(row, 'parentId', 'tier'), 'masterData.invalid.parentNotDistributor', { value: name }));
        }
      } else if (row.values.tier === 'sub_distributor') {
        issues.push(issue(at(row, 'parentId', 'tier'), 'masterData.invalid.parentRequired'));
      }
      countyCheck(row);
      dateOrder(row, 'contractStart', 'contractEnd');
    }
    // A distributor that stops being one must not leave sub-distributors behind.
    const leaving = rows.filter((r) => r.id !== null && r.given.has('tier') && r.values.tier !== 'distributor');
    if (leaving.length) {
      const children = sqlite
        .prepare('SELECT id, parent_id FROM customer WHERE parent_id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(leaving.map((r) => r.id))) as [number, number][];
      for (const row of leaving) {
        const count = children.filter(([child, p]) => p === row.id && (newParent.has(child) ? newParent.get(child) === row.id : true)).length;
        if (count > 0) issues.push(issue(path(row.index, 'tier'), 'masterData.invalid.hasSubDistributors', { count }));
      }
    }
  } else if (entity === 'terminal') {
    for (const row of rows) countyCheck(row);
  } else if (entity === 'salesperson') {
    for (const row of rows) {
      if (row.values.managerId !== null && row.values.managerId === (row.id ?? row.tempId)) {
        issues.push(issue(at(row, 'managerId', 'code'), 'masterData.invalid.parentSelf'));
      }
      dateOrder(row, 'startDate', 'endDate');
    }
  }
}

/** Every problem with the batch (empty when it can be applied). Reads only. */
export function validateMasterRows(db: ReadDb, entity: EntityName, rows: readonly MasterInputRow[]): MasterIssue[] {
  return plan(db.sqlite, entity, rows).issues;
}

/**
 * Writes the batch as one undo step, or nothing: throws AppError INVALID_INPUT with
 * every issue when any cell or rule fails. Returns the ids of the rows, in input order.
 */
export function applyMasterRows(db: WriteDb, entity: EntityName, rows: readonly MasterInputRow[], label: ApplyLabel): number[] {
  const sqlite = db.sqlite;
  return recordEdit(db, `masterData.undo.${label}`, () => {
    // Planned inside the write transaction, so nothing can change between check and write.
    const p = plan(sqlite, entity, rows);
    if (p.issues.length) {
      const shown = p.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new AppError('INVALID_INPUT', `${p.issues.length} problem(s): ${shown}`, { issues: p.issues });
    }
    return write(sqlite, entity, p);
  });
}

function write(sqlite: Database.Database, entity: EntityName, p: Plan): { changes: RowChange[]; value: number[] } {
  const et = ENTITY_TABLES[entity];
  const table = et.table;
  const fields = columnFields(entity);
  const cols = fields.map((f) => columnOf(f.key));
  const allCols = et.scope ? [...cols, et.scope.column] : cols;
  const insert = sqlite.prepare(`INSERT INTO ${table} (${allCols.join(', ')}) VALUES (${allCols.map(() => '?').join(', ')})`);
  const update = sqlite.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const readRow = sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`);
  const changes: RowChange[] = [];
  const idOf = new Map<number, number>(); // tempId → real id
  const selfRefs = fields.filter((f) => f.type === 'ref' && f.ref === entity);
  const pending: { id: number; field: string; temp: number }[] = [];
  const linkSql = new Map(
    Object.entries(et.links).map(([field, link]) => [field, {
      have: sqlite.prepare(`SELECT ${link.other} FROM ${link.table} WHERE ${link.own} = ?`).pluck(),
      remove: sqlite.prepare(`DELETE FROM ${link.table} WHERE ${link.own} = ? AND ${link.other} = ?`),
      add: sqlite.prepare(`INSERT INTO ${link.table} (${link.own}, ${link.other}) VALUES (?, ?)`),
    }]),
  );

  for (const row of p.rows) {
    const values = fields.map((f) => {
      let v = toDb(f, row.values[f.key]);
      if (selfRefs.includes(f) && typeof v === 'number' && v < 0) {
        pending.push({ id: -1, field: f.key, temp: v });
        v = null;
      }
      return v;
    });
    let id: number;
    if (row.id === null) {
      const r = insert.run(...values, ...(et.scope ? [et.scope.value] : []));
      id = Number(r.lastInsertRowid);
      idOf.set(row.tempId, id);
      changes.push({ table, key: { id }, before: null, after: readRow.get(id) as RowValues });
    } else {
      id = row.id;
      const beforeRow = p.before.get(id)!;
      const changed = cols.some((c, i) => beforeRow[c] !== values[i]);
      if (changed) {
        update.run(...values, id);
        const after: RowValues = { ...beforeRow };
        cols.forEach((c, i) => (after[c] = values[i]));
        changes.push({ table, key: { id }, before: beforeRow, after });
      }
    }
    for (const q of pending) if (q.id === -1) q.id = id;
    for (const [field, link] of Object.entries(et.links)) {
      if (row.id !== null && !row.given.has(field)) continue;
      let want = (row.values[field] as number[] | null) ?? [];
      // The customer's primary channel is its channel_id; the link lists the others.
      if (entity === 'customer' && field === 'channelIds') want = want.filter((c) => c !== row.values.channelId);
      const stmts = linkSql.get(field)!;
      const have = row.id === null ? [] : (stmts.have.all(id) as number[]);
      for (const x of have) {
        if (want.includes(x)) continue;
        stmts.remove.run(id, x);
        const image = { [link.own]: id, [link.other]: x };
        changes.push({ table: link.table, key: image, before: image, after: null });
      }
      for (const x of want) {
        if (have.includes(x)) continue;
        stmts.add.run(id, x);
        const image = { [link.own]: id, [link.other]: x };
        changes.push({ table: link.table, key: image, before: null, after: image });
      }
    }
  }
  // References between new rows of the batch, once every row has its id.
  for (const q of pending) {
    const col = columnOf(q.field);
    const target = idOf.get(q.temp);
    if (target === undefined) throw new AppError('INTERNAL', `unresolved reference ${q.temp}`);
    const beforeRow = readRow.get(q.id) as RowValues;
    sqlite.prepare(`UPDATE ${table} SET ${col} = ? WHERE id = ?`).run(target, q.id);
    changes.push({ table, key: { id: q.id }, before: beforeRow, after: { ...beforeRow, [col]: target } });
  }
  const ids = p.rows.map((r) => r.id ?? idOf.get(r.tempId)!);
  return { changes, value: ids };
}
