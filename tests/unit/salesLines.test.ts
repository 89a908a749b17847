import { describe, expect, it } from 'vitest';
import { openForBulkWork } from '../../src/main/core/db/bulk';
import { readDb } from '../../src/main/core/db/handle';
import { KIND_WRITERS, type RowContext } from '../../src/main/core/io/actuals/kinds';
import type { Resolver } from '../../src/main/core/io/actuals/members';
import { tinyDemoTemplate } from './helpers';

// The sales accumulator keeps a million-row import's lines in typed columns under a
// hash of its own: rows with the same month, customer and SKU make one line, however
// far apart in the file and however often the table grows, and the lines come out in
// primary-key order.

const template = tinyDemoTemplate();

interface SalesLines {
  add(ctx: RowContext): void;
  lines(): number;
  combined(): number;
  order(): Int32Array;
  readonly period: Float64Array;
  readonly customer: Float64Array;
  readonly sku: Float64Array;
  readonly amount: Float64Array;
  readonly volume: Float64Array;
}

describe('the sales accumulator', () => {
  it('combines rows of one key across growth of its table and gives the lines in key order', () => {
    const sqlite = openForBulkWork(template.copy());
    try {
      const acc = KIND_WRITERS.sales.accumulator(readDb(sqlite), null as unknown as Resolver) as unknown as SalesLines;
      const issues: string[] = [];
      const values: RowContext['values'] = {};
      const ctx: RowContext = { row: 0, values, issue: (_f, message) => void issues.push(message) };
      // 100,000 keys (12 months × 1,000 customers × 9 SKUs, ids up to near 2^21), each written twice:
      // once in order, once backwards, so that the second row of a key meets it after many rehashes.
      const keys: [number, number, number][] = [];
      for (let m = 1; m <= 12; m++) for (let c = 0; c < 1000; c++) for (let s = 0; s < 9; s++) keys.push([209900 + m, 2_000_000 + c, 1 + s * 7]);
      const put = (k: [number, number, number], amount: number) => {
        [values.period, values.customer, values.sku, values.amount, values.volume, values.grossProfit] = [...k, amount, 1, 0];
        acc.add(ctx);
      };
      keys.forEach((k, i) => put(k, i));
      for (let i = keys.length - 1; i >= 0; i--) put(keys[i], 1);
      expect(issues).toEqual([]);
      expect(acc.lines()).toBe(keys.length);
      expect(acc.combined()).toBe(keys.length);
      const order = acc.order();
      const got = Array.from(order, (i) => [acc.period[i], acc.customer[i], acc.sku[i], acc.amount[i], acc.volume[i]]);
      const want = keys.map((k, i) => [...k, i + 1, 2]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
      expect(got).toEqual(want);
    } finally {
      sqlite.close();
    }
  });

  it('orders lines given in no order, across a year boundary and far-apart ids', () => {
    const sqlite = openForBulkWork(template.copy());
    try {
      const acc = KIND_WRITERS.sales.accumulator(readDb(sqlite), null as unknown as Resolver) as unknown as SalesLines;
      const values: RowContext['values'] = {};
      const ctx: RowContext = { row: 0, values, issue: (_f, message) => expect.fail(message) };
      const keys: [number, number, number][] = [];
      for (const period of [202411, 202412, 202501, 202502]) {
        for (const customer of [3, 17, 1_000, 2_097_151]) for (const sku of [1, 2, 999, 1_500_000]) keys.push([period, customer, sku]);
      }
      // A fixed shuffle (a multiplicative step coprime with the count), so the file's order is nothing like the key order.
      const shuffled = keys.map((_, i) => keys[(i * 37 + 11) % keys.length]);
      expect(new Set(shuffled).size).toBe(keys.length);
      for (const [period, customer, sku] of shuffled) {
        [values.period, values.customer, values.sku, values.amount, values.volume, values.grossProfit] = [period, customer, sku, 1, 1, 0];
        acc.add(ctx);
      }
      const order = acc.order();
      expect(Array.from(order, (i) => [acc.period[i], acc.customer[i], acc.sku[i]])).toEqual(keys);
    } finally {
      sqlite.close();
    }
  });
});
