import type { DrillFilter } from '../../../shared/hq';
import type { RegionPlan, RegionPlanCut, RegionPlanRow } from '../../../shared/hqViews';
import type { Language } from '../../../shared/units';
import { findRegion } from './board';
import type { HqStore } from './store';

// One region's accepted package drilled into, read-only: its plan facts (city × channel
// × SKU × month, as received) summed one way by month. Head office only looks: nothing
// here writes.

type FactColumn = 'province_code' | 'city_code' | 'channel_code' | 'brand_code' | 'category_code' | 'sku_code';

/** Each cut's column and dimension kind, and the column that names its parent (a city's province, a SKU's brand). */
const CUTS: Record<RegionPlanCut, { col: FactColumn; kind: string; parent: { col: FactColumn; kind: string } | null }> = {
  province: { col: 'province_code', kind: 'province', parent: null },
  city: { col: 'city_code', kind: 'city', parent: { col: 'province_code', kind: 'province' } },
  channel: { col: 'channel_code', kind: 'channel', parent: null },
  brand: { col: 'brand_code', kind: 'brand', parent: null },
  category: { col: 'category_code', kind: 'category', parent: { col: 'brand_code', kind: 'brand' } },
  sku: { col: 'sku_code', kind: 'sku', parent: { col: 'brand_code', kind: 'brand' } },
};

/**
 * A region (by name or UUID) and its accepted revision's plan cut by `cut` × month,
 * restricted to `filter` (the national figure the drill came from); biggest rows first
 * under each parent.
 */
export async function regionPlan(store: HqStore, ref: string, cut: RegionPlanCut, filter: DrillFilter = {}, language?: Language): Promise<RegionPlan> {
  const db = store.db;
  const region = await findRegion(db, ref, language);
  const key = Number(region.key);
  const { col, kind, parent } = CUTS[cut];
  const groups: FactColumn[] = parent ? [parent.col, col] : [col];
  const facts = (await db
    .selectFrom('plan_fact')
    .select([...groups, 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume'), eb.fn.sum<number>('gross_profit_cents').as('gp')])
    .where('region_key', '=', key)
    .$if(filter.month !== undefined, (q) => q.where('month', '=', filter.month!))
    .$if(filter.brandCode !== undefined, (q) => q.where('brand_code', '=', filter.brandCode!))
    .$if(filter.categoryCode !== undefined, (q) => q.where('category_code', '=', filter.categoryCode!))
    .$if(filter.channelCode !== undefined, (q) => q.where('channel_code', '=', filter.channelCode!))
    .groupBy([...groups, 'month'])
    .execute()) as unknown as (Record<FactColumn, string> & { month: number; amount: number; volume: number; gp: number })[];
  const kinds = parent ? [kind, parent.kind] : [kind];
  const dims = await db.selectFrom('dim').select(['kind', 'code', 'name']).where('kind', 'in', kinds).execute();
  const names = new Map(dims.map((d) => [`${d.kind}/${d.code}`, d.name]));
  const nameOf = (k: string, code: string) => names.get(`${k}/${code}`) ?? code;

  const rows = new Map<string, RegionPlanRow>();
  for (const f of facts) {
    const code = f[col];
    const parentCode = parent ? f[parent.col] : null;
    const id = `${parentCode ?? ''}\u0000${code}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        code, name: nameOf(kind, code), parentCode, parentName: parent && parentCode !== null ? nameOf(parent.kind, parentCode) : null,
        months: Array.from({ length: 12 }, () => 0), planCents: 0, volume: 0, grossProfitCents: 0,
      };
      rows.set(id, row);
    }
    const amount = Number(f.amount);
    row.months[Number(f.month) - 1] += amount;
    row.planCents += amount;
    row.volume += Number(f.volume);
    row.grossProfitCents += Number(f.gp);
  }
  // Parents in the order of their size, then each parent's rows by size.
  const parentTotals = new Map<string, number>();
  for (const r of rows.values()) parentTotals.set(r.parentCode ?? '', (parentTotals.get(r.parentCode ?? '') ?? 0) + r.planCents);
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (parentTotals.get(b.parentCode ?? '') ?? 0) - (parentTotals.get(a.parentCode ?? '') ?? 0) ||
      (a.parentCode ?? '').localeCompare(b.parentCode ?? '') ||
      b.planCents - a.planCents ||
      a.code.localeCompare(b.code),
  );
  return {
    regionKey: key, regionName: region.name, state: region.state, revision: region.revision,
    receivedAt: region.package_id === null
      ? null
      : ((await db.selectFrom('package').select('received_at').where('package_id', '=', region.package_id).executeTakeFirst())?.received_at ?? null),
    cut, filter, rows: sorted,
  };
}
