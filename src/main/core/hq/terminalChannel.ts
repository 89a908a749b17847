import type { CopyTerminalChannel } from '../db/planCopy';
import { CHANNEL_PLAN_MEASURES, type ChannelPlanMeasure, type TerminalChannelLine, type TerminalChannelView, type TerminalShareLine } from '../../../shared/hqTargets';
import type { Db } from './dialect';
import type { HqStore } from './store';

// The terminal plan (stores by channel, distribution and shelf-share targets) and the
// channel customer plan of each region's accepted revision, as read from its package's
// copy (db/planCopy's copyTerminalChannel), and their national sums. Distribution and
// shelf share are ratios of stores: summed as store-weighted sums and divided once, so
// the national figure is the share of all the regions' stores, not a mean of means.

/** Replaces a region's terminal and channel plan, inside the receipt's transaction. */
export async function replaceTerminalChannel(trx: Db, regionKey: number, tc: CopyTerminalChannel): Promise<void> {
  await trx.deleteFrom('terminal_plan').where('region_key', '=', regionKey).execute();
  await trx.deleteFrom('terminal_share').where('region_key', '=', regionKey).execute();
  await trx.deleteFrom('channel_plan').where('region_key', '=', regionKey).execute();
  if (tc.stores.length > 0) await trx.insertInto('terminal_plan').values(tc.stores.map((s) => ({ region_key: regionKey, ...s }))).execute();
  // A few dozen rows a region (channels × categories): one statement each way.
  if (tc.shares.length > 0) await trx.insertInto('terminal_share').values(tc.shares.map((s) => ({ region_key: regionKey, ...s }))).execute();
  if (tc.channel.length > 0) await trx.insertInto('channel_plan').values(tc.channel.map((c) => ({ region_key: regionKey, ...c }))).execute();
}

const ratio = (sum: number, weight: number): number | null => (weight > 0 ? sum / weight : null);
const noChannel = (): Record<ChannelPlanMeasure, number> => Object.fromEntries(CHANNEL_PLAN_MEASURES.map((m) => [m, 0])) as Record<ChannelPlanMeasure, number>;

/** The national terminal and channel plan, with every region that sent one underneath (board order). */
export async function terminalChannelView(store: HqStore): Promise<TerminalChannelView> {
  const db = store.db;
  const regions = await db.selectFrom('region').select(['key', 'name', 'revision']).where('package_id', 'is not', null).orderBy('sort_order').orderBy('key').execute();
  const stores = await db.selectFrom('terminal_plan').selectAll().execute();
  const shares = await db.selectFrom('terminal_share').selectAll().execute();
  const channel = await db.selectFrom('channel_plan').selectAll().execute();
  const names = new Map((await db.selectFrom('dim').select(['kind', 'code', 'name']).where('kind', 'in', ['channel', 'category']).execute()).map((d) => [`${d.kind}/${d.code}`, d.name]));

  const line = (regionKey: number, regionName: string, revision: number | null, keep: (k: number) => boolean): TerminalChannelLine => {
    const s = stores.filter((r) => keep(Number(r.region_key)));
    const sh = shares.filter((r) => keep(Number(r.region_key)));
    const ch = noChannel();
    for (const c of channel) if (keep(Number(c.region_key)) && c.measure in ch) ch[c.measure as ChannelPlanMeasure] += Number(c.value);
    const add = (f: (r: (typeof sh)[number]) => number) => sh.reduce((a, r) => a + Number(f(r)), 0);
    return {
      regionKey, regionName, revision,
      stores: s.reduce((a, r) => a + Number(r.stores), 0),
      storesToOpen: s.reduce((a, r) => a + Number(r.stores_to_open), 0),
      distribution: ratio(add((r) => r.distribution_sum), add((r) => r.distribution_weight)),
      shelf: ratio(add((r) => r.shelf_sum), add((r) => r.shelf_weight)),
      channel: ch,
    };
  };
  const received = new Set(regions.map((r) => Number(r.key)));
  const regionLines = regions.map((r) => line(Number(r.key), r.name, r.revision, (k) => k === Number(r.key)));
  const national = line(-1, '', null, (k) => received.has(k));

  const byChannel = new Map<string, TerminalChannelView['byChannel'][number]>();
  for (const s of stores) {
    if (!received.has(Number(s.region_key))) continue;
    const c = byChannel.get(s.channel_code) ?? { channelCode: s.channel_code, channelName: names.get(`channel/${s.channel_code}`) ?? s.channel_code, stores: 0, storesToOpen: 0 };
    c.stores += Number(s.stores);
    c.storesToOpen += Number(s.stores_to_open);
    byChannel.set(s.channel_code, c);
  }
  const shareLines = new Map<string, TerminalShareLine & { dSum: number; dW: number; sSum: number; sW: number }>();
  for (const s of shares) {
    if (!received.has(Number(s.region_key))) continue;
    const k = `${s.channel_code}/${s.category_code}`;
    const l = shareLines.get(k) ?? {
      channelCode: s.channel_code, channelName: names.get(`channel/${s.channel_code}`) ?? s.channel_code,
      categoryCode: s.category_code, categoryName: names.get(`category/${s.category_code}`) ?? s.category_code,
      distribution: null, shelf: null, weight: 0, regions: 0, dSum: 0, dW: 0, sSum: 0, sW: 0,
    };
    l.dSum += Number(s.distribution_sum);
    l.dW += Number(s.distribution_weight);
    l.sSum += Number(s.shelf_sum);
    l.sW += Number(s.shelf_weight);
    l.regions++;
    shareLines.set(k, l);
  }
  return {
    national,
    regions: regionLines,
    byChannel: [...byChannel.values()].sort((a, b) => a.channelCode.localeCompare(b.channelCode)),
    shares: [...shareLines.values()]
      .map(({ dSum, dW, sSum, sW, ...l }) => ({ ...l, distribution: ratio(dSum, dW), shelf: ratio(sSum, sW), weight: Math.max(dW, sW) }))
      .sort((a, b) => a.channelCode.localeCompare(b.channelCode) || a.categoryCode.localeCompare(b.categoryCode)),
  };
}
