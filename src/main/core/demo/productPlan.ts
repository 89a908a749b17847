import type { WriteDb } from '../db/handle';
import { workingVersionId } from '../repos/planVersions';
import {
  insertNewProduct, insertNewProductChannel, insertPosition, newSkuSalesByChannel, salesByProductAndChannel,
} from '../repos/productPlan';
import { listHoTarget } from '../repos/targets/hoTarget';

// The demo region's product plan, read off its own last year: each brand and category
// focuses on the channels where it sells more than the region as a whole does (else on
// the one where it comes closest) and is not sold where it sold next to nothing; the two best-selling new SKUs get launch plans that
// together fall short of head office's new-product target, so the gap shows.

const WAN_CENTS = 1_000_000;
const FOCUS_SHARE = 0.08;
const FOCUS_INDEX = 1.1;
const NOT_SOLD_SHARE = 0.01;

export function insertDemoProductPlan(db: WriteDb, planYear: number): void {
  const versionId = workingVersionId(db);
  const lastYear = planYear - 1;
  const byKey = new Map<string, Map<number, number>>();
  const add = (key: string, channel: number, amount: number) => {
    const m = byKey.get(key) ?? new Map<number, number>();
    m.set(channel, (m.get(channel) ?? 0) + amount);
    byKey.set(key, m);
  };
  const channels = new Set<number>();
  for (const r of salesByProductAndChannel(db, lastYear)) {
    add(`brand|${r.brand_id}`, r.channel_id, r.amount);
    add(`category|${r.category_id}`, r.channel_id, r.amount);
    channels.add(r.channel_id);
  }
  const ordered = [...channels].sort((a, b) => a - b);
  // The region's own channel mix: a brand or category focuses where it sells more than the region does.
  const regionSales = new Map<number, number>();
  for (const [key, sales] of byKey) if (key.startsWith('brand|')) for (const [ch, v] of sales) regionSales.set(ch, (regionSales.get(ch) ?? 0) + v);
  const regionTotal = [...regionSales.values()].reduce((s, v) => s + v, 0);
  for (const [key, sales] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    const [dim, idText] = key.split('|');
    const id = Number(idText);
    const total = [...sales.values()].reduce((s, v) => s + v, 0);
    if (total <= 0 || regionTotal <= 0) continue;
    const shareOf = (ch: number) => (sales.get(ch) ?? 0) / total;
    const index = (ch: number) => shareOf(ch) / Math.max((regionSales.get(ch) ?? 0) / regionTotal, 1e-9);
    const focused = ordered.filter((ch) => shareOf(ch) >= FOCUS_SHARE && index(ch) >= FOCUS_INDEX);
    if (focused.length === 0) focused.push(ordered.reduce((best, ch) => (index(ch) > index(best) ? ch : best), ordered[0]));
    for (const ch of ordered) {
      const focus = focused.includes(ch) ? 'focus' : shareOf(ch) < NOT_SOLD_SHARE ? 'not_sold' : null;
      if (focus === null) continue;
      insertPosition(db, {
        version_id: versionId,
        brand_id: dim === 'brand' ? id : null,
        category_id: dim === 'category' ? id : null,
        channel_id: ch,
        focus,
      });
    }
  }

  // The two new SKUs that sold most last year, each launched in the channels that carried it.
  const bySku = new Map<number, Map<number, number>>();
  for (const r of newSkuSalesByChannel(db, lastYear)) {
    const m = bySku.get(r.sku_id) ?? new Map<number, number>();
    m.set(r.channel_id, r.amount);
    bySku.set(r.sku_id, m);
  }
  const total = (m: Map<number, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  const picks = [...bySku].sort(([a, x], [b, y]) => total(y) - total(x) || a - b).slice(0, 2);
  const hoNew = listHoTarget(db).reduce((s, r) => s + r.new_product_cents, 0);
  const plans = [
    { month: 3, share: 0.3, distribution: 0.55, note: '春節後鋪貨，三月起在重點渠道上市' },
    { month: 6, share: 0.2, distribution: 0.4, note: '夏季旺季前上市，配合試飲與陳列' },
  ];
  picks.forEach(([skuId, sales], i) => {
    const plan = plans[i];
    const target = Math.max(WAN_CENTS, Math.round((hoNew * plan.share) / WAN_CENTS) * WAN_CENTS);
    insertNewProduct(db, {
      version_id: versionId,
      sku_id: skuId,
      launch_period: planYear * 100 + plan.month,
      target_distribution: plan.distribution,
      target_cents: target,
      promotion_id: null,
      support_cents: Math.max(WAN_CENTS, Math.round((target * 0.08) / WAN_CENTS) * WAN_CENTS),
      note: plan.note,
    });
    const sum = total(sales);
    const launchChannels = [...sales].filter(([, v]) => v >= sum * 0.15).map(([ch]) => ch).sort((a, b) => a - b);
    for (const ch of launchChannels) insertNewProductChannel(db, { version_id: versionId, sku_id: skuId, channel_id: ch });
  });
}
