import { AppError } from '../../../../shared/errors';
import { englishMessage, issue, type EntityName } from '../../../../shared/masterData';
import type { TableName } from '../../db/schema';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit, type RowChange, type RowValues } from '../../db/undoLog';
import { refreshDerived } from '../../repos/actualsTables';
import { ENTITY_TABLES, findRowById, findRowsById } from '../../repos/masterData';
import {
  countReferring, deleteRowByKey, findRowByKey, insertRow, rowsReferring, rowsWhereIn, schemaInfo, updateRowByKey,
  type Reference, type TableInfo,
} from '../../repos/masterDataSchema';

// Where a master item is used, and removing it without orphaning anything: refuse
// (delete), point every reference at another item (reassign), or point them and
// add up the rows that then coincide (merge). All derived from the schema.

export type RemoveMode = 'delete' | 'reassign' | 'merge';

export interface Usage {
  uses: { table: string; count: number }[];
  total: number;
}

/** Columns added together when two rows merge; everything else keeps the target's value. */
const SUMMED = /(_cents|volume|^facings|^skus_on_shelf|^headcount|^stores)$/;
const NOT_SUMMED = /price/;
const MAXED = new Set(['has_display']);
/** Columns that take the smaller value: a sales line merged with one of unknown gross profit is unknown (gp_known 0). */
const MINNED = new Set(['gp_known']);

/** References that are the item's own attributes (its link rows), not uses of it. */
function ownLinks(entity: EntityName): { table: string; column: string }[] {
  return Object.values(ENTITY_TABLES[entity].links).map((l) => ({ table: l.table, column: l.own }));
}

function usesOf(db: ReadDb, entity: EntityName): Reference[] {
  const table = ENTITY_TABLES[entity].table;
  const own = ownLinks(entity);
  return (schemaInfo(db).referencesTo.get(table) ?? []).filter(
    (r) => !own.some((o) => o.table === r.table && o.column === r.column),
  );
}

/** How many rows of every table refer to the items. */
export function masterUsage(db: ReadDb, entity: EntityName, ids: readonly number[]): Usage {
  const table = ENTITY_TABLES[entity].table;
  const counts = new Map<string, number>();
  for (const ref of usesOf(db, entity)) {
    const n = countReferring(db, ref, ids, table);
    if (n > 0) counts.set(ref.table, (counts.get(ref.table) ?? 0) + n);
  }
  const uses = [...counts].map(([t, count]) => ({ table: t, count }));
  return { uses, total: uses.reduce((s, u) => s + u.count, 0) };
}

function keyOf(info: TableInfo, row: RowValues): RowValues {
  const key: RowValues = {};
  for (const c of info.pk) key[c] = row[c];
  return key;
}

class Mover {
  readonly changes: RowChange[] = [];
  constructor(private readonly db: WriteDb) {}

  deleteRow(info: TableInfo, row: RowValues): void {
    const key = keyOf(info, row);
    deleteRowByKey(this.db, info.name, key);
    this.changes.push({ table: info.name as TableName, key, before: row, after: null });
  }

  insertRow(info: TableInfo, row: RowValues): void {
    insertRow(this.db, info.name, row);
    this.changes.push({ table: info.name as TableName, key: keyOf(info, row), before: null, after: row });
  }

  updateRow(info: TableInfo, before: RowValues, after: RowValues): void {
    const key = keyOf(info, before);
    const cols = Object.keys(after).filter((c) => after[c] !== before[c]);
    if (cols.length === 0) return;
    updateRowByKey(this.db, info.name, key, Object.fromEntries(cols.map((c) => [c, after[c]])));
    this.changes.push({ table: info.name as TableName, key, before, after });
  }

  /** The row that `row` would collide with on a unique key, if any. */
  collision(info: TableInfo, row: RowValues, column: string): RowValues | undefined {
    for (const key of info.uniques) {
      if (!key.includes(column)) continue;
      const found = findRowByKey(this.db, info.name, Object.fromEntries(key.map((c) => [c, row[c]])));
      if (found) return found;
    }
    return undefined;
  }

  /** Points every `ref` at `target`; merges or refuses rows that would then coincide. */
  move(info: TableInfo, ref: Reference, ids: readonly number[], target: number, mode: 'reassign' | 'merge', selfTable: string): void {
    const rows = rowsReferring(this.db, ref, ids, selfTable);
    const fkCols = new Set(info.fks.map((f) => f.column));
    const keyCols = new Set(info.uniques.flat());
    for (const row of rows) {
      const moved: RowValues = { ...row, [ref.column]: target };
      // A self-reference that would point at itself (a sub merged into its own parent) is dropped.
      if (ref.table === selfTable && moved.id === target) moved[ref.column] = null;
      const hit = this.collision(info, moved, ref.column);
      if (hit) {
        if (mode === 'reassign') {
          throw new AppError('CONFLICT', englishMessage('masterData.remove.collision', { table: info.name }), {
            rule: 'masterData.remove.collision',
            params: { table: info.name },
            issues: [issue('targetId', 'masterData.remove.collision', { table: info.name })],
          });
        }
        const merged: RowValues = { ...hit };
        for (const c of info.columns) {
          if (keyCols.has(c) || fkCols.has(c) || c === 'id') continue;
          const a = hit[c];
          const b = row[c];
          if (MAXED.has(c) && typeof a === 'number' && typeof b === 'number') merged[c] = Math.max(a, b);
          else if (MINNED.has(c) && typeof a === 'number' && typeof b === 'number') merged[c] = Math.min(a, b);
          else if (SUMMED.test(c) && !NOT_SUMMED.test(c) && (typeof a === 'number' || typeof b === 'number')) {
            merged[c] = (typeof a === 'number' ? a : 0) + (typeof b === 'number' ? b : 0);
          }
        }
        // Unknown as a whole, never a gross profit of part of the line (the summaries follow
        // the lines: removeMaster recomputes them for the months it moved).
        if (merged.gp_known === 0) merged.gross_profit_cents = 0;
        this.deleteRow(info, row);
        this.updateRow(info, hit, merged);
      } else if (info.pk.includes(ref.column)) {
        // The row's key changes: recorded as delete and insert so undo can find both.
        this.deleteRow(info, row);
        this.insertRow(info, moved);
      } else {
        this.updateRow(info, row, moved);
      }
    }
  }
}

/** Removes items as one undo step: refused when used (delete), or after moving their uses to `targetId`. */
export function removeMaster(
  db: WriteDb,
  entity: EntityName,
  ids: readonly number[],
  mode: RemoveMode,
  targetId?: number,
): { removed: number } {
  const et = ENTITY_TABLES[entity];
  const unique = [...new Set(ids)];
  return recordEdit(db, `masterData.undo.${mode}`, () => {
    const rows = findRowsById(db, et.table, unique);
    const missing = unique.filter((id) => !rows.has(id) || (et.scope && rows.get(id)![et.scope.column] !== et.scope.value));
    if (missing.length) throw new AppError('NOT_FOUND', englishMessage('masterData.remove.notFound'), { rule: 'masterData.remove.notFound', issues: [issue('ids', 'masterData.remove.notFound')] });
    const info = schemaInfo(db);
    const mover = new Mover(db);
    if (mode === 'delete') {
      const usage = masterUsage(db, entity, unique);
      if (usage.total > 0) {
        const uses = usage.uses.map((u) => englishMessage('masterData.usage', { table: englishMessage(`masterData.table.${u.table}`), count: u.count })).join(', ');
        throw new AppError('CONFLICT', englishMessage('masterData.remove.inUse', { uses }), {
          rule: 'masterData.remove.inUse',
          params: { uses },
          issues: [{ ...issue('ids', 'masterData.remove.inUse', { uses }), uses: usage.uses } as ReturnType<typeof issue>],
        });
      }
    } else {
      if (targetId === undefined) {
        throw new AppError('INVALID_INPUT', englishMessage('masterData.remove.targetRequired'), { rule: 'masterData.remove.targetRequired', issues: [issue('targetId', 'masterData.remove.targetRequired')] });
      }
      if (unique.includes(targetId)) {
        throw new AppError('INVALID_INPUT', englishMessage('masterData.remove.targetInSet'), { rule: 'masterData.remove.targetInSet', issues: [issue('targetId', 'masterData.remove.targetInSet')] });
      }
      const target = findRowById(db, et.table, targetId);
      if (!target || (et.scope && target[et.scope.column] !== et.scope.value)) {
        throw new AppError('INVALID_INPUT', englishMessage('masterData.remove.targetMissing'), { rule: 'masterData.remove.targetMissing', issues: [issue('targetId', 'masterData.remove.targetMissing')] });
      }
      for (const ref of usesOf(db, entity)) mover.move(info.tables.get(ref.table)!, ref, unique, targetId, mode, et.table);
      if (mode === 'merge') {
        // The merged items' own link rows (other channels, cities, categories) join the target's.
        for (const link of ownLinks(entity)) {
          mover.move(info.tables.get(link.table)!, { table: link.table, column: link.column }, unique, targetId, 'merge', et.table);
        }
      }
    }
    // Self-references among the removed rows (a distributor removed with its subs) go first.
    const selfInfo = info.tables.get(et.table)!;
    for (const fk of selfInfo.fks.filter((f) => f.refTable === et.table)) {
      for (const id of unique) {
        const row = findRowById(db, et.table, id)!;
        if (typeof row[fk.column] === 'number' && unique.includes(row[fk.column] as number)) mover.updateRow(selfInfo, row, { ...row, [fk.column]: null });
      }
    }
    for (const link of ownLinks(entity)) {
      const linkInfo = info.tables.get(link.table)!;
      for (const r of rowsWhereIn(db, link.table, link.column, unique)) mover.deleteRow(linkInfo, r);
    }
    for (const id of unique) {
      mover.deleteRow(selfInfo, findRowById(db, et.table, id)!);
    }
    // The monthly sales summaries are the sums of the lines: recomputed for the months whose
    // lines moved (a merge of lines of unknown gross profit does not add up row by row).
    const months = mover.changes.filter((c) => c.table === 'sales_actual').map((c) => Number(c.key.period));
    if (months.length > 0) refreshDerived(db, 'sales', months);
    return { changes: mover.changes, value: { removed: unique.length } };
  });
}
