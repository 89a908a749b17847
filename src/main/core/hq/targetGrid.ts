import type { TargetCellInput, TargetGridRow } from '../../../shared/hqTargets';
import { largestRemainder } from '../../../shared/spread';
import type { Language } from '../../../shared/units';
import { HqRefusal } from './board';
import type { Db } from './dialect';
import type { HqStore } from './store';

// Head office's national target typed or pasted in its window: one row per region,
// twelve months of amount and of volume (the cells not by brand or channel). A batch of
// cells (one edit, one paste) is written in one transaction, or not at all. A year total
// is spread over the months like the region's target already is, or else like its
// accepted plan, or else evenly; an amount in whole 元 stays in whole 元.

const zeros = () => Array<number>(12).fill(0);

/** Every region (in board order) with its target and its accepted plan by month. */
export function targetGrid(store: HqStore): Promise<TargetGridRow[]> {
  return gridOf(store.db);
}

async function gridOf(db: Db): Promise<TargetGridRow[]> {
  const regions = await db.selectFrom('region').select(['key', 'name']).orderBy('sort_order').orderBy('key').execute();
  const targets = await db
    .selectFrom('ho_target')
    .select(['region_key', 'month', 'amount_cents', 'volume'])
    .where('brand_code', '=', '')
    .where('channel_code', '=', '')
    .execute();
  const plan = await db.selectFrom('plan_month').select(['region_key', 'month', 'amount_cents', 'volume']).execute();
  const rows = new Map<number, TargetGridRow>(
    regions.map((r) => [Number(r.key), { regionKey: Number(r.key), regionName: r.name, amountCents: zeros(), volume: zeros(), planCents: zeros(), planVolume: zeros() }]),
  );
  for (const t of targets) {
    const row = rows.get(Number(t.region_key));
    if (!row) continue;
    row.amountCents[t.month - 1] = Number(t.amount_cents);
    row.volume[t.month - 1] = Number(t.volume);
  }
  for (const p of plan) {
    const row = rows.get(Number(p.region_key));
    if (!row) continue;
    row.planCents[p.month - 1] = Number(p.amount_cents);
    row.planVolume[p.month - 1] = Number(p.volume);
  }
  return [...rows.values()];
}

/** A year total over twelve months: shaped like `shapes`' first with a non-zero sum, else evenly; whole 元 stay whole. */
export function spreadYear(total: number, measure: 'amount' | 'volume', ...shapes: number[][]): number[] {
  const shape = shapes.find((s) => s.some((v) => v > 0)) ?? Array<number>(12).fill(1);
  const unit = measure === 'amount' && total % 100 === 0 ? 100 : 1;
  return Array.from(largestRemainder(total / unit, shape.map((v) => Math.max(v, 0)))).map((v) => v * unit);
}

/**
 * Writes typed or pasted target cells, all in one transaction: a region not in the
 * workspace refuses the whole batch. Returns the month cells written.
 */
export async function setTargetCells(store: HqStore, cells: TargetCellInput[], language?: Language): Promise<number> {
  for (const [i, c] of cells.entries()) {
    if (!Number.isInteger(c.month) || c.month < 0 || c.month > 12) throw new Error(`cells.${i}: month ${c.month} is not 0 (the year) or 1–12`);
    if (!Number.isSafeInteger(c.value) || c.value < 0) throw new Error(`cells.${i}: ${c.value} is not a whole number of ${c.measure === 'amount' ? 'cents' : 'cases'} ≥ 0`);
  }
  return store.dialect.writing(store.db, async (trx) => {
    // Read inside the transaction: the months a cell does not name keep what is there now.
    const grid = new Map((await gridOf(trx)).map((r) => [r.regionName, r]));
    const regions = await trx.selectFrom('region').select(['key', 'name', 'id']).execute();
    const touched = new Map<number, { row: TargetGridRow; months: Set<number> }>();
    for (const c of cells) {
      const r = regions.find((x) => x.name === c.region || x.id === c.region);
      if (!r) throw new HqRefusal('notFoundRegion', { region: c.region }, language);
      let entry = touched.get(Number(r.key));
      if (!entry) {
        const row = grid.get(r.name) ?? { regionKey: Number(r.key), regionName: r.name, amountCents: zeros(), volume: zeros(), planCents: zeros(), planVolume: zeros() };
        entry = { row: { ...row, amountCents: [...row.amountCents], volume: [...row.volume] }, months: new Set() };
        touched.set(Number(r.key), entry);
      }
      const values = c.measure === 'amount' ? entry.row.amountCents : entry.row.volume;
      if (c.month === 0) {
        const spread = spreadYear(c.value, c.measure, values, c.measure === 'amount' ? entry.row.planCents : entry.row.planVolume);
        spread.forEach((v, i) => (values[i] = v));
        for (let m = 1; m <= 12; m++) entry.months.add(m);
      } else {
        values[c.month - 1] = c.value;
        entry.months.add(c.month);
      }
    }
    let written = 0;
    for (const [regionKey, { row, months }] of touched) {
      for (const month of [...months].sort((a, b) => a - b)) {
        const amount = row.amountCents[month - 1];
        const volume = row.volume[month - 1];
        await trx
          .insertInto('ho_target')
          .values({ region_key: regionKey, month, brand_code: '', channel_code: '', amount_cents: amount, volume })
          .onConflict((oc) => oc.columns(['region_key', 'month', 'brand_code', 'channel_code']).doUpdateSet({ amount_cents: amount, volume }))
          .execute();
        written++;
      }
    }
    return written;
  });
}
