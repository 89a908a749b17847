import type BetterSqlite3 from 'better-sqlite3';
import { all, qb, run } from '../db/exec';
import type { WriteDb } from '../db/handle';
import type { DB, HoTargetRow, ImportBatchRow, TableName } from '../db/schema';

// The demo generator's writes. It fills an empty region file with millions of rows
// (the demo-large benchmark), so its big tables go in through BulkInsert: hand-written
// multi-row INSERTs prepared once and reused for every chunk, since one statement of
// a hundred rows costs far less than a statement call per row. The few single rows
// (the region's manager, the batches, head office's target) go in through Kysely.

export type SqlValue = number | string | null;

/**
 * Buffers rows and inserts them many per statement: one multi-row INSERT per chunk
 * costs far less than one statement call per row, which matters at millions of rows.
 */
export class BulkInsert<T extends TableName = TableName> {
  private readonly many: BetterSqlite3.Statement;
  private readonly one: BetterSqlite3.Statement;
  private readonly width: number;
  private readonly chunkValues: number;
  private buffer: SqlValue[] = [];
  /** Rows added so far (flushed or not). */
  count = 0;

  /**
   * `columns`: the table's columns in the order `add` gives their values. `parent`: the
   * buffered insert of the rows this table's foreign keys point to; it is flushed first
   * so that every referenced row exists when a child row arrives.
   */
  constructor(
    db: WriteDb,
    table: T,
    columns: readonly (keyof DB[T] & string)[],
    rowsPerStatement = 100,
    private readonly parent: BulkInsert | null = null,
  ) {
    this.width = columns.length;
    this.chunkValues = this.width * rowsPerStatement;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = db.sqlite.prepare(head + Array.from({ length: rowsPerStatement }, () => tuple).join(','));
    this.one = db.sqlite.prepare(head + tuple);
  }

  add(...values: SqlValue[]): void {
    for (const v of values) this.buffer.push(v);
    this.count++;
    if (this.buffer.length >= this.chunkValues) {
      this.parent?.flush();
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  flush(): void {
    this.parent?.flush();
    for (let i = 0; i < this.buffer.length; i += this.width) {
      this.one.run(this.buffer.slice(i, i + this.width));
    }
    this.buffer.length = 0;
  }
}

/** The region manager's name, from the demo's team. */
export function setManagerName(db: WriteDb, name: string): void {
  run(db, qb.updateTable('region_meta').set({ manager_name: name }).where('id', '=', 1));
}

/** The working plan's time (the file was made with it), so that the same seed makes the same file. */
export function setWorkingPlanCreatedAt(db: WriteDb, createdAt: string): void {
  run(db, qb.updateTable('plan_version').set({ created_at: createdAt }).where('kind', '=', 'working'));
}

/** The demo's batches (kind 'demo', one per kind of data it writes), with the ids the rows use; rows are counted later. */
export function insertDemoBatches(db: WriteDb, batches: readonly Pick<ImportBatchRow, 'id' | 'source_name' | 'source_hash' | 'imported_at' | 'period_from' | 'period_to'>[]): void {
  for (const b of batches) run(db, qb.insertInto('import_batch').values({ ...b, kind: 'demo', row_count: 0 }));
}

/** The expense items' ids by code (the file comes with the default items). */
export function expenseItemIdsByCode(db: WriteDb): Map<string, number> {
  return new Map(all(db, qb.selectFrom('expense_item').select(['code', 'id'])).map((r) => [r.code, r.id]));
}

export function insertHoTargets(db: WriteDb, rows: readonly HoTargetRow[]): void {
  for (const r of rows) run(db, qb.insertInto('ho_target').values(r));
}
