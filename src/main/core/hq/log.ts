import type { ReceiptLogRow } from '../../../shared/endpoints/hq';
import type { HqStore } from './store';

// What the head-office window lists besides the board: the receipt log and the count
// of regions the cycle knows.

/** The receipt log, newest first. */
export async function receiptLog(store: HqStore, limit = 500): Promise<ReceiptLogRow[]> {
  const rows = await store.db.selectFrom('receipt').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    fileName: r.file_name,
    fingerprint: r.fingerprint,
    regionName: r.region_name,
    revision: r.revision === null ? null : Number(r.revision),
    verdict: r.verdict,
    reason: r.reason,
    message: r.words,
  }));
}

export async function regionCount(store: HqStore): Promise<number> {
  const row = await store.db.selectFrom('region').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
