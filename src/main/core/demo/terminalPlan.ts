import { ROADS, KA_CHAINS, SUPERMARKET_CHAINS } from './catalog';
import { Rng } from './random';
import type { WriteDb } from '../db/handle';
import { orderedMembersWithCode } from '../repos/analysis/members';
import { workingVersionId } from '../repos/planVersions';
import { insertProspectTerminal, insertShareTarget, maxTerminalId, ownSkus, putOpening, putSkuTarget, skuAuditCounts } from '../repos/planTerminal';
import { regionPlanYear } from '../repos/region';
import { terminalsAnalysis } from '../services/analysis/terminals';
import { numericDistribution } from '../../../shared/kpi';

// The demo region's terminal plan: stores to open in its biggest audited cities (KA,
// chains, traditional trade) with a few of them already named, distribution and
// shelf-share targets a few points above last year's audits in the main categories,
// and distribution targets for the new SKUs and the best-distributed ones. Read from the
// audits the generator wrote, through the terminals analysis, so the targets sit
// where the region's own figures are.

const PLAN_CHANNELS = ['KA', 'CHAIN', 'TT'] as const;
/** Stores a city of the plan opens per quarter, by channel: [min, max]. */
const OPEN_PER_QUARTER: Record<(typeof PLAN_CHANNELS)[number], [number, number]> = { KA: [0, 1], CHAIN: [1, 3], TT: [3, 8] };
const STORE_TYPE: Record<(typeof PLAN_CHANNELS)[number], string> = { KA: '大賣場', CHAIN: '標準超市', TT: '便利店' };

const round3 = (v: number) => Math.round(v * 1000) / 1000;

export function insertDemoTerminalPlan(db: WriteDb, seed: number): void {
  const rng = Rng.derive(seed, 'terminal-plan');
  const versionId = workingVersionId(db);
  const year = regionPlanYear(db) - 1;
  const channelIds = new Map(orderedMembersWithCode(db, 'channel').map((c) => [c.code, c.id]));
  const planChannels = PLAN_CHANNELS.filter((c) => channelIds.has(c));
  const byCity = terminalsAnalysis(db, { year, by: 'city' });
  const cities = [...byCity.groups].sort((a, b) => b.audited - a.audited || a.key - b.key).slice(0, 4);
  if (cities.length === 0 || planChannels.length === 0) return;

  // Stores to open: by month, most of them in spring and autumn.
  let nextId = maxTerminalId(db);
  cities.forEach((city, ci) => {
    for (const code of planChannels) {
      const channelId = channelIds.get(code)!;
      const [lo, hi] = OPEN_PER_QUARTER[code];
      for (let q = 0; q < 4; q++) {
        let n = rng.int(lo, hi) + (ci === 0 && code !== 'KA' ? 1 : 0);
        for (let m = q * 3 + 1; m <= q * 3 + 3; m++) {
          const stores = m === q * 3 + 3 ? n : rng.int(0, n);
          n -= stores;
          putOpening(db, { version_id: versionId, city_id: city.key, channel_id: channelId, month: m, stores });
        }
      }
      // The first two cities already know some of the KA and chain stores they will open.
      if (ci < 2 && code !== 'TT') {
        const place = city.label.replace(/市$/, '');
        for (let k = rng.int(1, 2); k > 0; k--) {
          nextId++;
          const name = code === 'KA' ? `${rng.pick(KA_CHAINS)}${place}${rng.pick(['新城', '高新區', '城東', '開發區'])}店` : `${rng.pick(SUPERMARKET_CHAINS)}${rng.pick(ROADS)}店`;
          insertProspectTerminal(db, {
            code: `T${String(nextId).padStart(6, '0')}`, name, city_id: city.key, channel_id: channelId, store_type: STORE_TYPE[code],
            address: `${city.label}${rng.pick(ROADS)}${rng.int(1, 999)}號`,
          });
        }
      }
    }
  });

  // Distribution and shelf-share targets in the two most audited categories.
  for (const category of byCity.categories.slice(0, 2)) {
    for (const code of planChannels) {
      const channelId = channelIds.get(code)!;
      const a = terminalsAnalysis(db, { year, categoryId: category.id, channelId, by: 'city' });
      for (const city of cities) {
        const g = a.groups.find((x) => x.key === city.key);
        if (!g || g.ours.distribution === null || g.ours.shelf === null) continue;
        insertShareTarget(db, {
          version_id: versionId, city_id: city.key, channel_id: channelId, category_id: category.id,
          // A slice already near full distribution keeps it.
          distribution: round3(Math.max(g.ours.distribution, Math.min(0.98, g.ours.distribution + rng.range(0.03, 0.1)))),
          shelf: round3(Math.max(g.ours.shelf, Math.min(0.9, g.ours.shelf + rng.range(0.01, 0.05)))),
        });
      }
    }
  }

  // SKU distribution targets: the newest SKUs (up to six), and the three best-distributed others.
  const skus = ownSkus(db);
  const counts = skuAuditCounts(db, { year, fromMonth: 1, toMonth: 12 }, skus.map((s) => s.id));
  const dist = (id: number) => {
    const c = counts.get(id);
    return c ? numericDistribution(c.carrying, c.audited) : null;
  };
  const fresh = skus.filter((s) => s.is_new === 1).sort((a, b) => b.id - a.id).slice(0, 6);
  const key = skus
    .filter((s) => s.is_new !== 1 && dist(s.id) !== null)
    .sort((a, b) => (dist(b.id) ?? 0) - (dist(a.id) ?? 0) || a.id - b.id)
    .slice(0, 3);
  for (const s of [...fresh, ...key]) {
    const base = dist(s.id);
    const target = base === null || base < 0.05 ? rng.range(0.25, 0.4) : Math.min(0.95, base + rng.range(0.05, 0.12));
    putSkuTarget(db, { version_id: versionId, sku_id: s.id, distribution: round3(target) });
  }
}
