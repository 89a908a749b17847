import type Database from 'better-sqlite3';
import { KIND_WRITERS } from '../../io/actuals/kinds';
import { ACTUAL_KINDS, actualKindOfBatch, BATCH_KIND, type ActualKind, type BatchInfo } from '../../../../shared/actuals';

// The import batches of the actual kinds. A batch's rows live in its kind's table;
// liveRows counts them as the import did (audits: a line per brand and category;
// visits: a visit), so it shows what later imports overwrote or replaced.

/** The table whose rows a batch of the kind wrote (what liveRows counts and removal deletes). */
export const BATCH_TABLE: Record<ActualKind, string> = {
  sales: 'sales_actual',
  market: 'market_sales',
  audit: 'store_audit',
  visit: 'customer_visit',
  statement: 'customer_statement',
  expense: 'expense_actual',
};

interface BatchRow {
  id: number;
  kind: string;
  source_name: string;
  source_hash: string;
  imported_at: string;
  row_count: number;
  period_from: number | null;
  period_to: number | null;
  mapping_name: string | null;
  encoding: string | null;
}

/** Rows of the batch still in the file, counted as the import counted them (audits: a line per brand and category). */
function liveRows(sqlite: Database.Database, kind: ActualKind, batchId: number): number {
  return KIND_WRITERS[kind].liveRows(sqlite, batchId);
}

/**
 * The kind of a batch: from import_batch.kind, or for the demo generator's batches
 * (kind 'demo', one per kind of data it writes) from the table that holds its rows.
 * Null: not a batch of actuals (master data, expenses, an empty demo batch).
 */
export function kindOf(sqlite: Database.Database, row: Pick<BatchRow, 'id' | 'kind'>): ActualKind | null {
  const direct = actualKindOfBatch(row.kind);
  if (direct || row.kind !== 'demo') return direct;
  for (const kind of ACTUAL_KINDS) {
    const found = sqlite.prepare(`SELECT 1 FROM ${BATCH_TABLE[kind]} WHERE batch_id = ? LIMIT 1`).pluck().get(row.id);
    if (found !== undefined) return kind;
  }
  return null;
}

function toInfo(sqlite: Database.Database, row: BatchRow, kind: ActualKind): BatchInfo {
  return {
    id: row.id,
    kind,
    fileName: row.source_name,
    source: row.mapping_name ?? '',
    hash: row.source_hash,
    importedAt: row.imported_at,
    rowCount: row.row_count,
    liveRows: liveRows(sqlite, kind, row.id),
    periodFrom: row.period_from,
    periodTo: row.period_to,
    encoding: row.encoding,
  };
}

const SELECT = `SELECT id, kind, source_name, source_hash, imported_at, row_count, period_from, period_to, mapping_name, encoding
  FROM import_batch`;

/** Batches of actuals (one kind or all), newest first. */
export function listBatches(sqlite: Database.Database, kind?: ActualKind): BatchInfo[] {
  const kinds = kind ? [BATCH_KIND[kind], 'demo'] : [...ACTUAL_KINDS.map((k) => BATCH_KIND[k]), 'demo'];
  const rows = sqlite
    .prepare(`${SELECT} WHERE kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY imported_at DESC, id DESC`)
    .all(...kinds) as BatchRow[];
  const out: BatchInfo[] = [];
  for (const row of rows) {
    const k = kindOf(sqlite, row);
    if (k && (!kind || k === kind)) out.push(toInfo(sqlite, row, k));
  }
  return out;
}

/** A batch by id: null when there is none; `info` null when it is not a batch of actuals (master data, expenses). */
export function findBatch(sqlite: Database.Database, id: number): { info: BatchInfo | null; batchKind: string } | null {
  const row = sqlite.prepare(`${SELECT} WHERE id = ?`).get(id) as BatchRow | undefined;
  if (!row) return null;
  const kind = kindOf(sqlite, row);
  return { info: kind ? toInfo(sqlite, row, kind) : null, batchKind: row.kind };
}
