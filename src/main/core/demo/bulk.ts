import type BetterSqlite3 from 'better-sqlite3';

export type SqlValue = number | string | null;

/**
 * Buffers rows and inserts them many per statement: one multi-row INSERT per chunk
 * costs far less than one statement call per row, which matters at millions of rows.
 */
export class BulkInsert {
  private readonly many: BetterSqlite3.Statement;
  private readonly one: BetterSqlite3.Statement;
  private readonly width: number;
  private readonly chunkValues: number;
  private buffer: SqlValue[] = [];
  /** Rows added so far (flushed or not). */
  count = 0;

  /**
   * `parent`: the buffered insert of the rows this table's foreign keys point to; it
   * is flushed first so that every referenced row exists when a child row arrives.
   */
  constructor(
    db: BetterSqlite3.Database,
    table: string,
    columns: readonly string[],
    rowsPerStatement = 100,
    private readonly parent: BulkInsert | null = null,
  ) {
    this.width = columns.length;
    this.chunkValues = this.width * rowsPerStatement;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = db.prepare(head + Array.from({ length: rowsPerStatement }, () => tuple).join(','));
    this.one = db.prepare(head + tuple);
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
