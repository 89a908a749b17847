import type { ConsolidatedModel, ConsolidationChange, DimensionRow, DrillFilter, ExpenseRow, NationalCell } from '../../../shared/hq';
import type { PackageManifest } from '../../../shared/submit';
import type { Db } from './dialect';
import { statusBoard } from './board';
import { cycleOf, type HqStore } from './store';

// The consolidated views over every region's accepted revision: the national plan
// against head office's target by region × month, by brand and category, by channel,
// the expense budget and its ratio by region, a national figure drilled to its regions,
// and what changed between two moments of the receipt log.

function facts(db: Db, f: DrillFilter) {
  return db
    .selectFrom('plan_fact')
    .$if(f.month !== undefined, (q) => q.where('month', '=', f.month!))
    .$if(f.brandCode !== undefined, (q) => q.where('brand_code', '=', f.brandCode!))
    .$if(f.categoryCode !== undefined, (q) => q.where('category_code', '=', f.categoryCode!))
    .$if(f.channelCode !== undefined, (q) => q.where('channel_code', '=', f.channelCode!));
}

async function regionNames(db: Db): Promise<Map<number, { name: string; order: number }>> {
  const rows = await db.selectFrom('region').select(['key', 'name', 'sort_order']).execute();
  return new Map(rows.map((r) => [Number(r.key), { name: r.name, order: r.sort_order * 1e6 + Number(r.key) }]));
}

/** The national plan against head office's target, by region × month (every region with a plan or a target). */
export async function nationalByRegionMonth(store: HqStore, filter: DrillFilter = {}): Promise<NationalCell[]> {
  const db = store.db;
  // Unfiltered, the national plan is the regions' months (a dozen rows a region); filtered, it is summed from the facts.
  const whole = filter.brandCode === undefined && filter.categoryCode === undefined && filter.channelCode === undefined;
  const plan = whole
    ? await db
        .selectFrom('plan_month')
        .select(['region_key', 'month', 'amount_cents as amount', 'volume', 'gross_profit_cents as gp'])
        .$if(filter.month !== undefined, (q) => q.where('month', '=', filter.month!))
        .execute()
    : await facts(db, filter)
        .select(['region_key', 'month'])
        .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume'), eb.fn.sum<number>('gross_profit_cents').as('gp')])
        .groupBy(['region_key', 'month'])
        .execute();
  const targets = await db
    .selectFrom('ho_target')
    .select(['region_key', 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume')])
    .where('brand_code', '=', filter.brandCode ?? '')
    .where('channel_code', '=', filter.channelCode ?? '')
    .$if(filter.month !== undefined, (q) => q.where('month', '=', filter.month!))
    .groupBy(['region_key', 'month'])
    .execute();
  const names = await regionNames(db);
  const cells = new Map<string, NationalCell>();
  const cell = (regionKey: number, month: number): NationalCell => {
    const k = `${regionKey}/${month}`;
    let c = cells.get(k);
    if (!c) {
      c = { regionKey, regionName: names.get(regionKey)?.name ?? '', month, planCents: 0, volume: 0, grossProfitCents: 0, targetCents: 0, targetVolume: 0 };
      cells.set(k, c);
    }
    return c;
  };
  for (const p of plan) Object.assign(cell(Number(p.region_key), Number(p.month)), { planCents: Number(p.amount), volume: Number(p.volume), grossProfitCents: Number(p.gp) });
  // A target by brand or channel is only set against a plan filtered the same way.
  if (filter.categoryCode === undefined) {
    for (const t of targets) Object.assign(cell(Number(t.region_key), Number(t.month)), { targetCents: Number(t.amount), targetVolume: Number(t.volume) });
  }
  const order = (k: number) => names.get(k)?.order ?? 0;
  return [...cells.values()].sort((a, b) => order(a.regionKey) - order(b.regionKey) || a.month - b.month);
}

/** A national figure drilled to its regions: the year (or the filter's month) per region. */
export async function drillToRegions(store: HqStore, filter: DrillFilter = {}): Promise<NationalCell[]> {
  const byMonth = await nationalByRegionMonth(store, filter);
  const out = new Map<number, NationalCell>();
  for (const c of byMonth) {
    const r = out.get(c.regionKey) ?? { ...c, month: filter.month ?? 0, planCents: 0, volume: 0, grossProfitCents: 0, targetCents: 0, targetVolume: 0 };
    r.planCents += c.planCents;
    r.volume += c.volume;
    r.grossProfitCents += c.grossProfitCents;
    r.targetCents += c.targetCents;
    r.targetVolume += c.targetVolume;
    out.set(c.regionKey, r);
  }
  return [...out.values()];
}

async function byDimension(store: HqStore, col: 'brand_code' | 'channel_code', sub: 'category_code' | null, filter: DrillFilter): Promise<DimensionRow[]> {
  const db = store.db;
  const groups = sub ? ([col, sub] as const) : ([col] as const);
  const rows = (await facts(db, filter)
    .select([...groups])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume'), eb.fn.sum<number>('gross_profit_cents').as('gp')])
    .groupBy([...groups])
    .execute()) as unknown as (Record<string, string> & { amount: number; volume: number; gp: number })[];
  const kind = col === 'brand_code' ? 'brand' : 'channel';
  const dims = await db.selectFrom('dim').select(['kind', 'code', 'name']).where('kind', 'in', [kind, 'category']).execute();
  const name = (k: string, code: string) => dims.find((d) => d.kind === k && d.code === code)?.name ?? code;
  return rows
    .map((r) => {
      const top = r[col];
      const code = sub ? r[sub] : top;
      return {
        code, name: name(sub ? 'category' : kind, code), parentCode: sub ? top : null, parentName: sub ? name(kind, top) : null,
        planCents: Number(r.amount), volume: Number(r.volume), grossProfitCents: Number(r.gp),
      };
    })
    .sort((a, b) => (a.parentCode ?? '').localeCompare(b.parentCode ?? '') || b.planCents - a.planCents);
}

/** The national plan by brand and, under each, category. */
export function nationalByBrandCategory(store: HqStore, filter: DrillFilter = {}): Promise<DimensionRow[]> {
  return byDimension(store, 'brand_code', 'category_code', filter);
}

/** The national plan by channel. */
export function nationalByChannel(store: HqStore, filter: DrillFilter = {}): Promise<DimensionRow[]> {
  return byDimension(store, 'channel_code', null, filter);
}

/** The expense budget by region and item, its ratio to the planned amount and whether it is over the cap. */
export async function expensesByRegion(store: HqStore): Promise<ExpenseRow[]> {
  const db = store.db;
  const cycle = await cycleOf(db);
  const items = await db.selectFrom('expense_fact').select(['region_key', 'item_code']).select((eb) => eb.fn.sum<number>('amount_cents').as('amount')).groupBy(['region_key', 'item_code']).execute();
  const plan = await db.selectFrom('plan_month').select('region_key').select((eb) => eb.fn.sum<number>('amount_cents').as('amount')).groupBy('region_key').execute();
  const dims = await db.selectFrom('dim').select(['code', 'name']).where('kind', '=', 'expenseItem').execute();
  const names = await regionNames(db);
  const keys = [...new Set([...items.map((i) => Number(i.region_key)), ...plan.map((p) => Number(p.region_key))])].sort((a, b) => (names.get(a)?.order ?? 0) - (names.get(b)?.order ?? 0));
  return keys.map((k) => {
    const mine = items.filter((i) => Number(i.region_key) === k);
    const budgetCents = mine.reduce((s, i) => s + Number(i.amount), 0);
    const planCents = Number(plan.find((p) => Number(p.region_key) === k)?.amount ?? 0);
    const ratio = planCents > 0 ? budgetCents / planCents : null;
    return {
      regionKey: k, regionName: names.get(k)?.name ?? '', budgetCents, planCents, ratio,
      overCap: cycle.expenseCap !== null && ratio !== null && ratio > cycle.expenseCap,
      items: mine.map((i) => ({ code: i.item_code, name: dims.find((d) => d.code === i.item_code)?.name ?? i.item_code, amountCents: Number(i.amount) })),
    };
  });
}

/**
 * What changed between two consolidations: the revision each region had accepted at
 * `from` and at `to` (ISO times of the receipt log), and their plans by month, from the
 * packages' control totals (kept for every revision ever accepted).
 */
export async function changeBetween(store: HqStore, from: string, to: string): Promise<ConsolidationChange[]> {
  const db = store.db;
  const pkgs = await db.selectFrom('package').select(['region_key', 'revision', 'received_at', 'manifest']).orderBy('revision').execute();
  const names = await regionNames(db);
  const asOf = (k: number, t: string) => pkgs.filter((p) => Number(p.region_key) === k && Date.parse(p.received_at) <= Date.parse(t)).at(-1) ?? null;
  const monthsOf = (p: (typeof pkgs)[number] | null) => {
    const plan = p ? (JSON.parse(p.manifest) as PackageManifest).controlTotals.plan : [];
    return Array.from({ length: 13 }, (_, m) => plan.find((x) => x.month === m)?.amountCents ?? 0);
  };
  const out: ConsolidationChange[] = [];
  for (const k of [...new Set(pkgs.map((p) => Number(p.region_key)))]) {
    const a = asOf(k, from);
    const b = asOf(k, to);
    if (a?.revision === b?.revision) continue;
    const ma = monthsOf(a);
    const mb = monthsOf(b);
    out.push({
      regionKey: k, regionName: names.get(k)?.name ?? '', fromRevision: a?.revision ?? null, toRevision: b?.revision ?? null,
      fromPlanCents: ma[0], toPlanCents: mb[0],
      months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, fromCents: ma[i + 1], toCents: mb[i + 1] })),
    });
  }
  return out.sort((x, y) => (names.get(x.regionKey)?.order ?? 0) - (names.get(y.regionKey)?.order ?? 0));
}

/** A region's id in the consolidated model: its region file's UUID, or (no package yet) a key of the workspace's own. */
const modelId = (r: { id: string | null; key: number }) => r.id ?? `region-${r.key}`;

/**
 * The model the consolidated workbook (io/hqWorkbook) is written from: the board, the
 * plan against the target by region × month, by brand/category and channel × month, and
 * the expense budget against the planned sales by region × month.
 */
export async function consolidatedModel(store: HqStore, options: { now?: string } = {}): Promise<ConsolidatedModel> {
  const db = store.db;
  const generatedAt = options.now ?? new Date().toISOString();
  const board = await statusBoard(store, { now: generatedAt });
  const idOf = new Map(board.regions.map((r) => [r.regionKey, modelId({ id: r.regionId, key: r.regionKey })]));
  const twelve = () => Array.from({ length: 12 }, () => 0);
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
    const k = `${r.brand_code}\u0000${r.category_code}`;
    const row = byBrand.get(k) ?? { brand: name('brand', r.brand_code), category: name('category', r.category_code), planCents: twelve(), volume: twelve() };
    row.planCents[Number(r.month) - 1] += Number(r.amount);
    row.volume[Number(r.month) - 1] += Number(r.volume);
    byBrand.set(k, row);
  }
  const channelRows = await db
    .selectFrom('plan_fact')
    .select(['channel_code', 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume')])
    .groupBy(['channel_code', 'month'])
    .execute();
  const byChannel = new Map<string, ConsolidatedModel['byChannel'][number]>();
  for (const r of channelRows) {
    const row = byChannel.get(r.channel_code) ?? { channel: name('channel', r.channel_code), planCents: twelve(), volume: twelve() };
    row.planCents[Number(r.month) - 1] += Number(r.amount);
    row.volume[Number(r.month) - 1] += Number(r.volume);
    byChannel.set(r.channel_code, row);
  }
  const budget = await db.selectFrom('expense_fact').select(['region_key', 'month']).select((eb) => eb.fn.sum<number>('amount_cents').as('amount')).groupBy(['region_key', 'month']).execute();
  return {
    planYear: board.cycle.planYear,
    cycleName: board.cycle.name,
    generatedAt,
    regions: board.regions.map((r) => ({
      id: idOf.get(r.regionKey)!, name: r.regionName, state: r.state, revision: r.revision, receivedAt: r.receivedAt, fingerprint: r.fingerprint, late: r.late,
    })),
    byRegionMonth: board.regions.map((r) => ({
      regionId: idOf.get(r.regionKey)!,
      planCents: r.months.map((m) => m.planCents),
      volume: r.months.map((m) => m.volume),
      grossProfitCents: r.monthsGrossProfitCents,
      targetCents: r.months.map((m) => m.targetCents),
      targetVolume: r.months.map((m) => m.targetVolume),
    })),
    byBrand: [...byBrand.values()].sort((a, b) => a.brand.localeCompare(b.brand) || (a.category ?? '').localeCompare(b.category ?? '')),
    byChannel: [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel)),
    expenseByRegion: board.regions.map((r) => {
      const months = twelve();
      for (const b of budget) if (Number(b.region_key) === r.regionKey) months[Number(b.month) - 1] += Number(b.amount);
      return { regionId: idOf.get(r.regionKey)!, budgetCents: months, salesCents: r.months.map((m) => m.planCents) };
    }),
  };
}
