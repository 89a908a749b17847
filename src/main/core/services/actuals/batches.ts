import { ACTUAL_KINDS, type ActualKind, type BatchInfo, type BatchLoss } from '../../../../shared/actuals';
import type { ReadDb } from '../../db/handle';
import type { ImportBatchLossRow, ImportBatchRow, ImportKind } from '../../db/schema';
import { BATCH_KIND, kindOfBatch, liveRows } from '../../repos/actualsTables';
import { findBatchRow, listBatchLossRows, listBatchRows } from '../../repos/imports';

// The import batches of the actual kinds. A batch's rows live in its kind's table;
// liveRows counts them as the import did (audits: a line per brand and category;
// visits: a visit), so a batch's count is always what it holds now, never the count
// written when it was imported; what later imports took from it is recorded by those
// imports (import_batch_loss) and listed beside it.

function lossesOf(rows: readonly ImportBatchLossRow[]): BatchLoss[] {
  // One entry per taking batch and action (an import takes from a batch once).
  const out = new Map<string, BatchLoss>();
  for (const r of rows) {
    const key = `${r.action}|${r.by_batch_id ?? `file:${r.by_file}`}`;
    const had = out.get(key);
    if (had) had.rows += r.row_count;
    else out.set(key, { action: r.action, batchId: r.by_batch_id, fileName: r.by_file, rows: r.row_count });
  }
  return [...out.values()];
}

function toInfo(db: ReadDb, row: ImportBatchRow, kind: ActualKind, losses: readonly ImportBatchLossRow[]): BatchInfo {
  return {
    id: row.id,
    kind,
    fileName: row.source_name,
    source: row.mapping_name ?? '',
    hash: row.source_hash,
    importedAt: row.imported_at,
    rowCount: row.row_count,
    liveRows: liveRows(db, kind, row.id),
    losses: lossesOf(losses.filter((l) => l.batch_id === row.id)),
    periodFrom: row.period_from,
    periodTo: row.period_to,
    encoding: row.encoding,
  };
}

/** Batches of actuals (one kind or all), newest first. */
export function listBatches(db: ReadDb, kind?: ActualKind): BatchInfo[] {
  const kinds: ImportKind[] = kind ? [BATCH_KIND[kind], 'demo'] : [...ACTUAL_KINDS.map((k) => BATCH_KIND[k]), 'demo'];
  const rows = listBatchRows(db, kinds);
  const losses = listBatchLossRows(db, rows.map((r) => r.id));
  const out: BatchInfo[] = [];
  for (const row of rows) {
    const k = kindOfBatch(db, row);
    if (k && (!kind || k === kind)) out.push(toInfo(db, row, k, losses));
  }
  return out;
}

/** A batch by id: null when there is none; `info` null when it is not a batch of actuals (master data). */
export function findBatch(db: ReadDb, id: number): { info: BatchInfo | null; batchKind: string } | null {
  const row = findBatchRow(db, id);
  if (!row) return null;
  const kind = kindOfBatch(db, row);
  return { info: kind ? toInfo(db, row, kind, listBatchLossRows(db, [id])) : null, batchKind: row.kind };
}
