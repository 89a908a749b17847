import type Database from 'better-sqlite3';
import type { ActualRow } from '../../../../shared/actuals';

// A visit's stock, prices and promises are child rows; the grid shows each as one
// short line of text, read for the visits on the page only (one query per child table).

const SEP = '；';

/** Cents as "¥12" or "¥12.50". */
function yuan(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}¥${whole}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

function grouped<T extends { visitId: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.visitId);
    if (list) list.push(r);
    else out.set(r.visitId, [r]);
  }
  return out;
}

/**
 * Fills stock, prices and promises of visit rows (which carry their `id`) and drops
 * the id: stock "單品名 ×12；…", prices "品牌/產品 進貨¥x 零售¥y；…", promises
 * "承諾 (到期 2026-05-01)；…".
 */
export function summarizeVisits(sqlite: Database.Database, rows: ActualRow[]): void {
  const ids = JSON.stringify(rows.map((r) => r.id));
  const stock = grouped(
    sqlite
      .prepare(
        `SELECT vs.visit_id AS visitId, k.name AS name, vs.stock_volume AS volume
         FROM visit_stock vs JOIN sku k ON k.id = vs.sku_id
         WHERE vs.visit_id IN (SELECT value FROM json_each(?)) ORDER BY vs.visit_id, k.code`,
      )
      .all(ids) as { visitId: number; name: string; volume: number }[],
  );
  const prices = grouped(
    sqlite
      .prepare(
        `SELECT vp.visit_id AS visitId, b.name AS brand, coalesce(k.name, vp.product_label) AS product,
           vp.purchase_price_cents AS purchase, vp.retail_price_cents AS retail
         FROM visit_price vp JOIN brand b ON b.id = vp.brand_id LEFT JOIN sku k ON k.id = vp.sku_id
         WHERE vp.visit_id IN (SELECT value FROM json_each(?)) ORDER BY vp.visit_id, b.is_own DESC, b.code, vp.id`,
      )
      .all(ids) as { visitId: number; brand: string; product: string; purchase: number | null; retail: number | null }[],
  );
  const promises = grouped(
    sqlite
      .prepare(
        `SELECT visit_id AS visitId, promise, due_date AS due
         FROM visit_promise WHERE visit_id IN (SELECT value FROM json_each(?)) ORDER BY visit_id, id`,
      )
      .all(ids) as { visitId: number; promise: string; due: string | null }[],
  );
  for (const row of rows) {
    const id = row.id as number;
    delete row.id;
    row.stock = (stock.get(id) ?? []).map((s) => `${s.name} ×${s.volume}`).join(SEP);
    row.prices = (prices.get(id) ?? [])
      .map((p) => {
        // SKU names usually begin with their brand ("茶語冰紅茶"): the brand is not repeated.
        const label = !p.product ? p.brand : p.product.startsWith(p.brand) ? p.product : `${p.brand}/${p.product}`;
        const parts = [label];
        if (p.purchase !== null) parts.push(`進貨${yuan(p.purchase)}`);
        if (p.retail !== null) parts.push(`零售${yuan(p.retail)}`);
        return parts.join(' ');
      })
      .join(SEP);
    row.promises = (promises.get(id) ?? []).map((p) => (p.due ? `${p.promise} (到期 ${p.due})` : p.promise)).join(SEP);
  }
}
