import { ACTUAL_KINDS, type ActualKind, type BatchInfo } from '../../../../shared/actuals';
import type { ReadDb } from '../../db/handle';
import type { ImportBatchRow, ImportKind } from '../../db/schema';
import { BATCH_KIND, kindOfBatch, liveRows } from '../../repos/actualsTables';
import { findBatchRow, listBatchRows } from '../../repos/imports';

// The import batches of the actual kinds. A batch's rows live in its kind's table;
// liveRows counts them as the import did (audits: a line per brand and category;
// visits: a visit), so it shows what later imports overwrote or replaced.

function toInfo(db: ReadDb, row: ImportBatchRow, kind: ActualKind): BatchInfo {
  return {
    id: row.id,
    kind,
    fileName: row.source_name,
    source: row.mapping_name ?? '',
    hash: row.source_hash,
    importedAt: row.imported_at,
    rowCount: row.row_count,
    liveRows: liveRows(db, kind, row.id),
    periodFrom: row.period_from,
    periodTo: row.period_to,
    encoding: row.encoding,
  };
}

/** Batches of actuals (one kind or all), newest first. */
export function listBatches(db: ReadDb, kind?: ActualKind): BatchInfo[] {
  const kinds: ImportKind[] = kind ? [BATCH_KIND[kind], 'demo'] : [...ACTUAL_KINDS.map((k) => BATCH_KIND[k]), 'demo'];
  const out: BatchInfo[] = [];
  for (const row of listBatchRows(db, kinds)) {
    const k = kindOfBatch(db, row);
    if (k && (!kind || k === kind)) out.push(toInfo(db, row, k));
  }
  return out;
}

/** A batch by id: null when there is none; `info` null when it is not a batch of actuals (master data). */
export function findBatch(db: ReadDb, id: number): { info: BatchInfo | null; batchKind: string } | null {
  const row = findBatchRow(db, id);
  if (!row) return null;
  const kind = kindOfBatch(db, row);
  return { info: kind ? toInfo(db, row, kind) : null, batchKind: row.kind };
}
