import { sql } from 'kysely';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { TerminalOpenPlanRow, TerminalShareTargetRow, TerminalSkuTargetRow } from '../db/schema';
import { latestCte, type AuditSlice } from './analysis/terminals';

// The terminal plan of a plan version (terminal_open_plan, terminal_share_target,
// terminal_sku_target), the stores named to open (terminal.status = 'prospect'), and the
// per-SKU audit counts its SKU targets are tracked with.

export function openingRows(db: ReadDb, versionId: number): TerminalOpenPlanRow[] {
  return all(db, qb.selectFrom('terminal_open_plan').selectAll().where('version_id', '=', versionId).orderBy('city_id').orderBy('channel_id').orderBy('month'));
}

export function putOpening(db: WriteDb, row: TerminalOpenPlanRow): void {
  run(
    db,
    qb
      .insertInto('terminal_open_plan')
      .values(row)
      .onConflict((oc) => oc.columns(['version_id', 'city_id', 'channel_id', 'month']).doUpdateSet((eb) => ({ stores: eb.ref('excluded.stores') }))),
  );
}

export function deleteOpenings(db: WriteDb, versionId: number, cityId: number, channelId: number): void {
  run(db, qb.deleteFrom('terminal_open_plan').where('version_id', '=', versionId).where('city_id', '=', cityId).where('channel_id', '=', channelId));
}

/** Stores named to open (status prospect) per city × channel. */
export function namedProspects(db: ReadDb): { city_id: number; channel_id: number; n: number }[] {
  return all(
    db,
    qb
      .selectFrom('terminal')
      .select(['city_id', 'channel_id', sql<number>`COUNT(*)`.as('n')])
      .where('status', '=', 'prospect')
      .groupBy(['city_id', 'channel_id']),
  );
}

export function shareTargets(db: ReadDb, versionId: number): TerminalShareTargetRow[] {
  return all(db, qb.selectFrom('terminal_share_target').selectAll().where('version_id', '=', versionId).orderBy('id'));
}

export function findShareTarget(db: ReadDb, versionId: number, id: number): TerminalShareTargetRow | undefined {
  return first(db, qb.selectFrom('terminal_share_target').selectAll().where('id', '=', id).where('version_id', '=', versionId));
}

export function findShareTargetOf(db: ReadDb, versionId: number, cityId: number, channelId: number, categoryId: number): TerminalShareTargetRow | undefined {
  return first(
    db,
    qb
      .selectFrom('terminal_share_target')
      .selectAll()
      .where('version_id', '=', versionId)
      .where('city_id', '=', cityId)
      .where('channel_id', '=', channelId)
      .where('category_id', '=', categoryId),
  );
}

export function insertShareTarget(db: WriteDb, row: Omit<TerminalShareTargetRow, 'id'>): number {
  return Number(run(db, qb.insertInto('terminal_share_target').values(row)).lastInsertRowid);
}

export function updateShareTarget(db: WriteDb, id: number, values: Pick<TerminalShareTargetRow, 'distribution' | 'shelf'>): void {
  run(db, qb.updateTable('terminal_share_target').set({ distribution: values.distribution, shelf: values.shelf }).where('id', '=', id));
}

export function deleteShareTarget(db: WriteDb, id: number): void {
  run(db, qb.deleteFrom('terminal_share_target').where('id', '=', id));
}

export function skuTargets(db: ReadDb, versionId: number): TerminalSkuTargetRow[] {
  return all(db, qb.selectFrom('terminal_sku_target').selectAll().where('version_id', '=', versionId));
}

export function putSkuTarget(db: WriteDb, row: TerminalSkuTargetRow): void {
  run(
    db,
    qb
      .insertInto('terminal_sku_target')
      .values(row)
      .onConflict((oc) => oc.columns(['version_id', 'sku_id']).doUpdateSet((eb) => ({ distribution: eb.ref('excluded.distribution') }))),
  );
}

export function deleteSkuTarget(db: WriteDb, versionId: number, skuId: number): void {
  run(db, qb.deleteFrom('terminal_sku_target').where('version_id', '=', versionId).where('sku_id', '=', skuId));
}

/** Our SKUs (of our own brands) with their category; new SKUs first. */
export function ownSkus(db: ReadDb): { id: number; code: string; name: string; category_id: number; category_name: string; is_new: number }[] {
  return all(
    db,
    qb
      .selectFrom('sku as s')
      .innerJoin('brand as b', 'b.id', 's.brand_id')
      .innerJoin('category as c', 'c.id', 's.category_id')
      .select(['s.id', 's.code', 's.name', 's.category_id', 'c.name as category_name', 's.is_new'])
      .where('b.is_own', '=', 1)
      .orderBy('s.is_new', 'desc')
      .orderBy('c.sort_order')
      .orderBy('s.code'),
  );
}

/** Copies a version's terminal plan into another (set-based, in the caller's transaction). */
export function copyTerminalPlan(db: WriteDb, fromId: number, toId: number): void {
  db.sqlite
    .prepare(
      `INSERT INTO terminal_open_plan (version_id, city_id, channel_id, month, stores)
       SELECT ?, city_id, channel_id, month, stores FROM terminal_open_plan WHERE version_id = ?`,
    )
    .run(toId, fromId);
  db.sqlite
    .prepare(
      `INSERT INTO terminal_share_target (version_id, city_id, channel_id, category_id, distribution, shelf)
       SELECT ?, city_id, channel_id, category_id, distribution, shelf FROM terminal_share_target WHERE version_id = ? ORDER BY id`,
    )
    .run(toId, fromId);
  db.sqlite
    .prepare(
      `INSERT INTO terminal_sku_target (version_id, sku_id, distribution)
       SELECT ?, sku_id, distribution FROM terminal_sku_target WHERE version_id = ?`,
    )
    .run(toId, fromId);
}

/**
 * Per SKU, over each store's latest audit in the slice: the stores audited in the SKU's
 * category (a line of any brand in it, as the terminals analysis counts them) and those
 * of them where the SKU was found on the shelf.
 */
export function skuAuditCounts(db: ReadDb, s: AuditSlice, skuIds: readonly number[]): Map<number, { audited: number; carrying: number }> {
  const out = new Map<number, { audited: number; carrying: number }>();
  if (skuIds.length === 0) return out;
  const cte = latestCte(s, false);
  const list = skuIds.map(() => '?').join(', ');
  // The audits × categories once (materialized), then one count per category and per SKU.
  const rows = db.sqlite
    .prepare(
      `${cte.sql},
       audited AS MATERIALIZED (SELECT DISTINCT b.audit_id, b.category_id FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id),
       per_category AS (SELECT category_id, COUNT(*) AS n FROM audited GROUP BY category_id),
       carrying AS (
         SELECT x.sku_id, COUNT(*) AS n
           FROM audited a JOIN store_audit_sku x ON x.audit_id = a.audit_id JOIN sku s ON s.id = x.sku_id AND s.category_id = a.category_id
          WHERE x.sku_id IN (${list})
          GROUP BY x.sku_id
       )
       SELECT s.id AS sku, COALESCE(pc.n, 0) AS audited, COALESCE(c.n, 0) AS carrying
         FROM sku s LEFT JOIN per_category pc ON pc.category_id = s.category_id LEFT JOIN carrying c ON c.sku_id = s.id
        WHERE s.id IN (${list})`,
    )
    .all(...cte.params, ...skuIds, ...skuIds) as { sku: number; audited: number; carrying: number }[];
  for (const r of rows) out.set(r.sku, { audited: r.audited, carrying: r.carrying });
  return out;
}

/** The highest terminal id (0 when there is none), for the next demo code. */
export function maxTerminalId(db: ReadDb): number {
  return first(db, qb.selectFrom('terminal').select(sql<number>`COALESCE(MAX(id), 0)`.as('n')))?.n ?? 0;
}

/** Adds a store named to open (status prospect). */
export function insertProspectTerminal(db: WriteDb, row: { code: string; name: string; city_id: number; channel_id: number; store_type: string; address: string }): void {
  run(db, qb.insertInto('terminal').values({ ...row, status: 'prospect' }));
}
