import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { ImportBatchLossRow, ImportBatchRow, ImportKind, ImportMappingRow } from '../db/schema';

// What the imports keep about themselves: the batches (import_batch, one per import,
// whose rows carry its id) and the saved column mappings (import_mapping, one per
// destination and source; `kind` holds the destination's name as the files in the
// field have it).

// ---- batches ------------------------------------------------------------------------

/** Batches of the given kinds, newest first. */
export function listBatchRows(db: ReadDb, kinds: readonly ImportKind[]): ImportBatchRow[] {
  if (kinds.length === 0) return [];
  return all(db, qb.selectFrom('import_batch').selectAll().where('kind', 'in', kinds).orderBy('imported_at', 'desc').orderBy('id', 'desc'));
}

export function findBatchRow(db: ReadDb, id: number): ImportBatchRow | undefined {
  return first(db, qb.selectFrom('import_batch').selectAll().where('id', '=', id));
}

/** The ids of a source's earlier batches of a kind (what a new import of the source replaces in its months). */
export function sourceBatchIds(db: ReadDb, kind: ImportKind, source: string): number[] {
  return all(db, qb.selectFrom('import_batch').select('id').where('kind', '=', kind).where('mapping_name', '=', source)).map((r) => r.id);
}

export type NewBatch = Pick<ImportBatchRow, 'kind' | 'source_name' | 'source_hash' | 'imported_at' | 'period_from' | 'period_to' | 'mapping_name' | 'encoding'>;

/** Adds a batch with no rows counted yet; returns its id. */
export function insertBatch(db: WriteDb, batch: NewBatch): number {
  return Number(run(db, qb.insertInto('import_batch').values({ ...batch, row_count: 0 })).lastInsertRowid);
}

export function setBatchRowCount(db: WriteDb, id: number, rowCount: number): void {
  run(db, qb.updateTable('import_batch').set({ row_count: rowCount }).where('id', '=', id));
}

/** Removes the batch; its rows go with it (their batch_id references cascade). */
export function deleteBatch(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('import_batch').where('id', '=', id));
}

// ---- what later imports took from a batch --------------------------------------------

export type NewBatchLoss = Pick<ImportBatchLossRow, 'batch_id' | 'by_batch_id' | 'by_file' | 'action' | 'row_count'>;

export function insertBatchLosses(db: WriteDb, losses: readonly NewBatchLoss[]): void {
  for (const l of losses) if (l.row_count > 0) run(db, qb.insertInto('import_batch_loss').values(l));
}

/** What later imports took from these batches, newest taker first. */
export function listBatchLossRows(db: ReadDb, batchIds: readonly number[]): ImportBatchLossRow[] {
  if (batchIds.length === 0) return [];
  return all(db, qb.selectFrom('import_batch_loss').selectAll().where('batch_id', 'in', batchIds).orderBy('id', 'desc'));
}

// ---- saved mappings -------------------------------------------------------------------

export function listMappingRows(db: ReadDb, destination: string): Pick<ImportMappingRow, 'name' | 'mapping_json' | 'updated_at'>[] {
  return all(
    db,
    qb.selectFrom('import_mapping').select(['name', 'mapping_json', 'updated_at']).where('kind', '=', destination).orderBy('updated_at', 'desc'),
  );
}

/** Saves (or replaces) the mapping of a destination's source. */
export function upsertMapping(db: WriteDb, destination: string, name: string, mappingJson: string, updatedAt: string): void {
  run(
    db,
    qb
      .insertInto('import_mapping')
      .values({ kind: destination, name, mapping_json: mappingJson, updated_at: updatedAt })
      .onConflict((oc) => oc.columns(['kind', 'name']).doUpdateSet({ mapping_json: mappingJson, updated_at: updatedAt })),
  );
}

