import type { TerminalGrouping, TerminalLineRow, TerminalLines } from '../../../../shared/endpoints/analysisTerminals';
import { first, qb } from '../../db/exec';
import type { ReadDb } from '../../db/handle';
import { Where } from './where';

// The store audits as 終端分析 reads them: each store counts with its latest audit in
// the period (by month: its latest audit in each month), picked with a window over
// store_audit (7k rows in the large region), and the audit lines of those audits.
//
// Hand-written: the latest audit per store is a window function (ROW_NUMBER over a
// partition chosen per request) in a CTE that every read of the view starts from;
// Kysely would carry the same text in sql`` fragments.

/** The months of a year and the place the audits are read for. */
export interface AuditSlice {
  year: number;
  fromMonth: number;
  toMonth: number;
  cityId?: number;
  channelId?: number;
}

function dateBounds(s: AuditSlice): [string, string] {
  const mm = (m: number) => String(m).padStart(2, '0');
  return [`${s.year}-${mm(s.fromMonth)}-01`, `${s.year}-${mm(s.toMonth)}-31`];
}

/**
 * The CTE `latest(id, terminal_id, audit_date, city_id, channel_id, m)`: each terminal's latest audit in the
 * slice (per month when byMonth), m its yyyymm. Ties on the date: the higher id.
 */
export function latestCte(s: AuditSlice, byMonth: boolean): { sql: string; params: unknown[] } {
  const where = new Where('sa.audit_date BETWEEN ? AND ?', ...dateBounds(s)).equals('t.city_id', s.cityId).equals('t.channel_id', s.channelId);
  const partition = byMonth ? 'sa.terminal_id, substr(sa.audit_date, 1, 7)' : 'sa.terminal_id';
  return {
    sql: `WITH latest AS (
      SELECT id, terminal_id, audit_date, city_id, channel_id, m FROM (
        SELECT sa.id, sa.terminal_id, sa.audit_date, t.city_id, t.channel_id,
               CAST(substr(sa.audit_date, 1, 4) || substr(sa.audit_date, 6, 2) AS INTEGER) AS m,
               ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY sa.audit_date DESC, sa.id DESC) AS rn
          FROM store_audit sa JOIN terminal t ON t.id = sa.terminal_id
         WHERE ${where.sql}
      ) WHERE rn = 1
    )`,
    params: where.params,
  };
}

const GROUP_COLUMN: Record<TerminalGrouping, string> = { city: 'l.city_id', channel: 'l.channel_id', month: 'l.m' };

/** [audit id, terminal id, audit date, group key, brand id, is_own, skus on shelf, facings, sell-out] */
export type AuditLineTuple = [number, number, string, number, number | null, number | null, number, number, number | null];

/**
 * The category's lines of each store's latest audit (per month when grouping by month),
 * as arrays (cheaper than objects over tens of thousands of lines). By month every
 * latest audit comes, with nulls where it has no line in the category.
 */
export function latestAuditLines(db: ReadDb, s: AuditSlice, categoryId: number, by: TerminalGrouping): AuditLineTuple[] {
  const byMonth = by === 'month';
  const cte = latestCte(s, byMonth);
  return db.sqlite
    .prepare(
      `${cte.sql}
       SELECT l.id, l.terminal_id, l.audit_date, ${GROUP_COLUMN[by]}, b.brand_id, br.is_own, b.skus_on_shelf, b.facings, b.sellout_cents
         FROM latest l ${byMonth ? 'LEFT ' : ''}JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ?
         ${byMonth ? 'LEFT ' : ''}JOIN brand br ON br.id = b.brand_id`,
    )
    .raw(true)
    .all(...cte.params, categoryId) as AuditLineTuple[];
}

/** The categories audited in the slice, the most audit lines first. */
export function auditedCategories(db: ReadDb, s: AuditSlice): { id: number; name: string; lines: number }[] {
  const cte = latestCte(s, false);
  return db.sqlite
    .prepare(
      `${cte.sql}
       SELECT c.id, c.name, COUNT(*) AS lines
         FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id JOIN category c ON c.id = b.category_id
        GROUP BY c.id ORDER BY lines DESC, c.sort_order, c.id`,
    )
    .all(...cte.params) as { id: number; name: string; lines: number }[];
}

/** The lines of the stores' latest audits in a category (of one brand, or of ours): their sums and the first `limit`. */
export function latestAuditLinesOf(db: ReadDb, s: AuditSlice, categoryId: number, brand: 'ours' | number | undefined, limit: number): TerminalLines {
  const cte = latestCte(s, false);
  const brandWhere = brand === 'ours' ? ' AND br.is_own = 1' : typeof brand === 'number' ? ' AND b.brand_id = ?' : '';
  const params = [...cte.params, categoryId, ...(typeof brand === 'number' ? [brand] : [])];
  const sums = db.sqlite
    .prepare(
      `${cte.sql}
       SELECT COUNT(*) AS total, COUNT(DISTINCT b.audit_id) AS stores,
              COUNT(DISTINCT CASE WHEN b.skus_on_shelf > 0 THEN b.audit_id END) AS carrying,
              COALESCE(SUM(b.facings), 0) AS facings, COALESCE(SUM(b.sellout_cents), 0) AS sellout
         FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ? JOIN brand br ON br.id = b.brand_id
        WHERE 1 = 1${brandWhere}`,
    )
    .get(...params) as Omit<TerminalLines, 'rows'>;
  const rows = (
    db.sqlite
      .prepare(
        `${cte.sql}
         SELECT b.audit_id AS auditId, t.code AS storeCode, t.name AS storeName, ci.name AS cityName, ch.name AS channelName,
                sa.audit_date AS auditDate, br.name AS brandName, br.is_own AS isOwn, b.skus_on_shelf AS skusOnShelf,
                b.facings, b.shelf_price_cents AS shelfPriceCents, b.has_display AS hasDisplay, b.sellout_cents AS selloutCents
           FROM latest l JOIN store_audit_brand b ON b.audit_id = l.id AND b.category_id = ? JOIN brand br ON br.id = b.brand_id
           JOIN store_audit sa ON sa.id = l.id JOIN terminal t ON t.id = sa.terminal_id
           JOIN city ci ON ci.id = t.city_id JOIN channel ch ON ch.id = t.channel_id
          WHERE 1 = 1${brandWhere}
          ORDER BY ci.sort_order, ci.id, t.code, br.is_own DESC, br.sort_order, br.id
          LIMIT ?`,
      )
      .all(...params, limit) as (Omit<TerminalLineRow, 'isOwn' | 'hasDisplay'> & { isOwn: number; hasDisplay: number })[]
  ).map((r) => ({ ...r, isOwn: r.isOwn === 1, hasDisplay: r.hasDisplay === 1 }));
  return { ...sums, rows };
}

/** Years with store audits, ascending: one seek of the audit_date index per year. */
export function auditYears(db: ReadDb): number[] {
  const years: number[] = [];
  for (let from = ''; ; ) {
    const row = first(db, qb.selectFrom('store_audit').select('audit_date').where('audit_date', '>=', from).orderBy('audit_date').limit(1));
    if (!row) return years;
    const y = Number(row.audit_date.slice(0, 4));
    if (!Number.isInteger(y)) return years;
    years.push(y);
    from = `${y + 1}-`;
  }
}
