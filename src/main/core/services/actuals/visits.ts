import type { ActualRow } from '../../../../shared/actuals';
import type { ReadDb } from '../../db/handle';
import { visitPriceLines, visitPromiseLines, visitStockLines } from '../../repos/actualsList';

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
export function summarizeVisits(db: ReadDb, rows: ActualRow[]): void {
  const ids = rows.map((r) => r.id as number);
  const stock = grouped(visitStockLines(db, ids));
  const prices = grouped(visitPriceLines(db, ids));
  const promises = grouped(visitPromiseLines(db, ids));
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
