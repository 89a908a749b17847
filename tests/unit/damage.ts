import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

// Ways to damage a region file as disks and careless tools do, for the tests of what
// opening refuses. Each leaves a file whose header and page structure still look right.

const INDEX = 'sales_actual_customer';
const TABLE = 'sales_actual';

/**
 * Makes the index sales_actual_customer disagree with its table, deterministically:
 * the index is taken out of the schema (its pages stay), a row of the table changes its
 * month (the index keeps the old one), and the index is put back as it was. The pages
 * are well formed, so quick_check passes; integrity_check finds the difference.
 */
export function breakIndex(path: string): void {
  const db = new Database(path);
  const index = db.prepare(`SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema WHERE name = ?`).get(INDEX) as Record<string, unknown>;
  if (!index) throw new Error(`${path}: no index ${INDEX}`);
  // Unsafe mode lifts better-sqlite3's defensive setting, which otherwise forbids writing the schema.
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare('DELETE FROM sqlite_schema WHERE name = ?').run(INDEX);
  db.close();
  // A fresh connection reads the schema without the index, so the delete leaves it alone.
  const second = new Database(path);
  second.pragma('foreign_keys = OFF');
  // The row moves to a month nothing else is in: the table and the index keep the same
  // number of entries, so only a check of the index's content can see it.
  const moved = second.prepare(`UPDATE ${TABLE} SET period = 200001 WHERE (period, customer_id, sku_id) = (SELECT period, customer_id, sku_id FROM ${TABLE} LIMIT 1)`).run().changes;
  if (moved !== 1) throw new Error(`${path}: ${TABLE} has no row to move`);
  second.unsafeMode(true);
  second.pragma('writable_schema = ON');
  second.prepare('INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES (@type, @name, @tbl_name, @rootpage, @sql)').run(index);
  second.close();
}

/** Flips bits in the cells of a leaf page of the index sales_actual_customer, in place, past the header. */
export function flipIndexLeaf(path: string): void {
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = db.prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`).pluck().get(INDEX) as number | undefined;
  db.close();
  if (page === undefined) throw new Error(`${path}: no leaf page of ${INDEX}`);
  const fd = openSync(path, 'r+');
  try {
    // Cells fill a page from its end: the last bytes are the first cell's record (its key and rowid).
    const at = page * pageSize - 64;
    const buf = Buffer.alloc(48);
    readSync(fd, buf, 0, buf.length, at);
    for (let i = 0; i < buf.length; i += 3) buf[i] ^= 0x5a;
    writeSync(fd, buf, 0, buf.length, at);
  } finally {
    closeSync(fd);
  }
}
