import { AppError } from '../../../../shared/errors';
import {
  addRefItem, buildRefLookup, checkValue, codeKey, emptyValue, ENTITIES, fieldSpec, issue, referencedEntities,
  type CellValue, type EntityName, type MasterIssue, type ParseContext, type RefItem,
} from '../../../../shared/masterData';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit, type RowChange, type RowValues } from '../../db/undoLog';
import {
  addLink, customersUnder, customerTiers, ENTITY_TABLES, findRowById, findRowsById, insertEntityRow, linkedIds, listLinks,
  listRefItems, listTableCodes, removeLink, updateEntityRow,
} from '../../repos/masterData';
import { followSkuCosts } from '../../repos/salesGrossProfit';
import { columnFields, columnOf, fromDb, toDb } from './tables';

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

/**
 * Items that do not exist yet but will before the rows are written (members an import
 * creates on confirmation), with provisional negative ids: the check treats them as known.
 */
export type PendingRefs = Partial<Record<EntityName, readonly RefItem[]>>;

function plan(db: ReadDb, entity: EntityName, input: readonly MasterInputRow[], pending: PendingRefs = {}): Plan {
  const spec = ENTITIES[entity];
  const et = ENTITY_TABLES[entity];
  const issues: MasterIssue[] = [];
  const fields = spec.fields.filter((f) => f.type !== 'computed');

  const updateIds = input.map((r) => r.id).filter((id): id is number => typeof id === 'number');
  const before = findRowsById(db, et.table, updateIds);
  if (et.scope) for (const [id, row] of before) if (row[et.scope.column] !== et.scope.value) before.delete(id);
  const linksBefore = new Map<string, Map<number, number[]>>();
  for (const [field, link] of Object.entries(et.links)) linksBefore.set(field, listLinks(db, link, updateIds));

  // References: everything the entity's ref fields can point at, once per call.
  const ctx: ParseContext = { refs: {} };
  for (const ref of referencedEntities(entity)) {
    ctx.refs[ref] = buildRefLookup(listRefItems(db, ref));
    for (const item of pending[ref] ?? []) addRefItem(ctx.refs[ref]!, item);
  }
  const self = ctx.refs[entity];

  // Codes in the file (the whole table: brand codes are unique across own and competitor brands).
  const fileCodes = new Map<string, number>();
  for (const [id, c] of listTableCodes(db, et.table)) fileCodes.set(codeKey(c), id);

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
  if (issues.length === 0) entityRules(db, entity, rows, ctx, issues);
  return { issues, rows, before };
}

/** Rules across fields and rows: parents, counties in their city, date order. */
function entityRules(db: ReadDb, entity: EntityName, rows: Prepared[], ctx: ParseContext, issues: MasterIssue[]): void {
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
    const tiers = new Map<number, string>(customerTiers(db));
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
      const children = customersUnder(db, leaving.map((r) => r.id!));
      for (const row of leaving) {
        const count = children.filter((c) => c.parent_id === row.id && (newParent.has(c.id) ? newParent.get(c.id) === row.id : true)).length;
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
export function validateMasterRows(db: ReadDb, entity: EntityName, rows: readonly MasterInputRow[], pending?: PendingRefs): MasterIssue[] {
  return plan(db, entity, rows, pending).issues;
}

/**
 * Writes the batch as one undo step, or nothing: throws AppError INVALID_INPUT with
 * every issue when any cell or rule fails. Returns the ids of the rows, in input order.
 */
export function applyMasterRows(
  db: WriteDb,
  entity: EntityName,
  rows: readonly MasterInputRow[],
  label: ApplyLabel,
  onSalesChanged?: () => void,
): number[] {
  return recordEdit(db, `masterData.undo.${label}`, () => {
    // Planned inside the write transaction, so nothing can change between check and write.
    const p = plan(db, entity, rows);
    if (p.issues.length) {
      const shown = p.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new AppError('INVALID_INPUT', `${p.issues.length} problem(s): ${shown}`, { issues: p.issues });
    }
    const done = write(db, entity, p);
    if (entity === 'sku') {
      // Sales lines whose gross profit waited for the SKU's cost take it now (and give it
      // back when the cost is cleared); not in the undo image: undo runs the same rule.
      const costChanged = done.changes.filter((c) => c.table === 'sku' && c.before !== null && c.after !== null && c.before.std_cost_cents !== c.after.std_cost_cents);
      if (followSkuCosts(db, costChanged.map((c) => c.key.id as number)) > 0) onSalesChanged?.();
    }
    return done;
  });
}

function write(db: WriteDb, entity: EntityName, p: Plan): { changes: RowChange[]; value: number[] } {
  const et = ENTITY_TABLES[entity];
  const table = et.table;
  const fields = columnFields(entity);
  const cols = fields.map((f) => columnOf(f.key));
  const allCols = et.scope ? [...cols, et.scope.column] : cols;
  const changes: RowChange[] = [];
  const idOf = new Map<number, number>(); // tempId → real id
  const selfRefs = fields.filter((f) => f.type === 'ref' && f.ref === entity);
  const pending: { id: number; field: string; temp: number }[] = [];

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
      id = insertEntityRow(db, table, allCols, [...values, ...(et.scope ? [et.scope.value] : [])]);
      idOf.set(row.tempId, id);
      changes.push({ table, key: { id }, before: null, after: findRowById(db, table, id)! });
    } else {
      id = row.id;
      const beforeRow = p.before.get(id)!;
      const changed = cols.some((c, i) => beforeRow[c] !== values[i]);
      if (changed) {
        updateEntityRow(db, table, id, cols, values);
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
      const have = row.id === null ? [] : linkedIds(db, link, id);
      for (const x of have) {
        if (want.includes(x)) continue;
        removeLink(db, link, id, x);
        const image = { [link.own]: id, [link.other]: x };
        changes.push({ table: link.table, key: image, before: image, after: null });
      }
      for (const x of want) {
        if (have.includes(x)) continue;
        addLink(db, link, id, x);
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
    const beforeRow = findRowById(db, table, q.id)!;
    updateEntityRow(db, table, q.id, [col], [target]);
    changes.push({ table, key: { id: q.id }, before: beforeRow, after: { ...beforeRow, [col]: target } });
  }
  const ids = p.rows.map((r) => r.id ?? idOf.get(r.tempId)!);
  return { changes, value: ids };
}
