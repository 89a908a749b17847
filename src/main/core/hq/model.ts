import type { ConsolidatedModel } from '../../../shared/hq';
import { statusBoard } from './board';
import { cycleOf, type HqStore } from './store';
import { nationalByRegionMonth } from './views';

// The consolidated workbook's model (io/hqWorkbook lays it out): every expected region
// on the board, and the accepted revisions' plan by region, brand/category and channel,
// and expense budget, each by month (index 0 = January).

const twelve = () => Array<number>(12).fill(0);

/** The model of the consolidated workbook as the workspace stands at `now`. */
export async function consolidatedModel(store: HqStore, now = new Date().toISOString()): Promise<ConsolidatedModel> {
  const db = store.db;
  const cycle = await cycleOf(db);
  const board = await statusBoard(store, { now });
  // A region that has not submitted has no id yet: its workspace key stands in.
  const idOf = new Map(board.regions.map((r) => [r.regionKey, r.regionId ?? `region-${r.regionKey}`]));

  const byRegion = new Map<number, ConsolidatedModel['byRegionMonth'][number]>();
  for (const r of board.regions) {
    byRegion.set(r.regionKey, { regionId: idOf.get(r.regionKey)!, planCents: twelve(), volume: twelve(), grossProfitCents: twelve(), targetCents: twelve(), targetVolume: twelve() });
  }
  for (const c of await nationalByRegionMonth(store)) {
    const line = byRegion.get(c.regionKey);
    if (!line || c.month < 1 || c.month > 12) continue;
    const i = c.month - 1;
    line.planCents[i] += c.planCents;
    line.volume[i] += c.volume;
    line.grossProfitCents[i] += c.grossProfitCents;
    line.targetCents[i] += c.targetCents;
    line.targetVolume[i] += c.targetVolume;
  }

  const dims = await db.selectFrom('dim').select(['kind', 'code', 'name']).where('kind', 'in', ['brand', 'category', 'channel']).execute();
  const name = (kind: string, code: string) => dims.find((d) => d.kind === kind && d.code === code)?.name ?? code;

  const brandRows = await db
    .selectFrom('plan_fact')
    .select(['brand_code', 'category_code', 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume')])
    .groupBy(['brand_code', 'category_code', 'month'])
    .execute();
  const byBrand = new Map<string, ConsolidatedModel['byBrand'][number]>();
  for (const r of brandRows) {
    const key = `${r.brand_code}\u0000${r.category_code}`;
    let line = byBrand.get(key);
    if (!line) {
      line = { brand: name('brand', r.brand_code), category: r.category_code === '' ? null : name('category', r.category_code), planCents: twelve(), volume: twelve() };
      byBrand.set(key, line);
    }
    const m = Number(r.month);
    if (m < 1 || m > 12) continue;
    line.planCents[m - 1] += Number(r.amount);
    line.volume[m - 1] += Number(r.volume);
  }

  const channelRows = await db
    .selectFrom('plan_fact')
    .select(['channel_code', 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume')])
    .groupBy(['channel_code', 'month'])
    .execute();
  const byChannel = new Map<string, ConsolidatedModel['byChannel'][number]>();
  for (const r of channelRows) {
    let line = byChannel.get(r.channel_code);
    if (!line) {
      line = { channel: name('channel', r.channel_code), planCents: twelve(), volume: twelve() };
      byChannel.set(r.channel_code, line);
    }
    const m = Number(r.month);
    if (m < 1 || m > 12) continue;
    line.planCents[m - 1] += Number(r.amount);
    line.volume[m - 1] += Number(r.volume);
  }

  const budgets = await db
    .selectFrom('expense_fact')
    .select(['region_key', 'month'])
    .select((eb) => eb.fn.sum<number>('amount_cents').as('amount'))
    .groupBy(['region_key', 'month'])
    .execute();
  const expenseByRegion = board.regions
    .filter((r) => r.revision !== null)
    .map((r) => {
      const budgetCents = twelve();
      for (const b of budgets) {
        const m = Number(b.month);
        if (Number(b.region_key) === r.regionKey && m >= 1 && m <= 12) budgetCents[m - 1] += Number(b.amount);
      }
      return { regionId: idOf.get(r.regionKey)!, budgetCents, salesCents: [...byRegion.get(r.regionKey)!.planCents] };
    });

  return {
    planYear: cycle.planYear,
    cycleName: cycle.name,
    generatedAt: now,
    regions: board.regions.map((r) => ({
      id: idOf.get(r.regionKey)!, name: r.regionName, state: r.state, revision: r.revision, receivedAt: r.receivedAt, fingerprint: r.fingerprint, late: r.late,
    })),
    byRegionMonth: [...byRegion.values()],
    byBrand: [...byBrand.values()],
    byChannel: [...byChannel.values()],
    expenseByRegion,
  };
}
