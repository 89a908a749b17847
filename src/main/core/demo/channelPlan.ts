import type { WriteDb } from '../db/handle';
import type { ChannelProspectRow } from '../db/schema';
import { customerYearSums } from '../repos/analysis/customers';
import { workingVersionId } from '../repos/planVersions';
import {
  activeDealersByCounty, citiesWithProvince, citySalespeople, counties, customerMainChannels, insertCustomer, insertCustomerChange, insertFillPlan,
  insertProspect, planCustomers, salespeople, setCustomerStatus,
} from '../repos/planChannel';
import { regionPlanYear } from '../repos/region';
import { cityCoverage, storedCoverageTarget } from '../services/analysis/customers';
import { Rng } from './random';

// The demo region's channel customer plan (渠道客戶建設規劃), in the working plan: a fill
// plan for every blank area and one county, a recruitment pipeline of the prospects of
// the master data (two signed, whose customers are then active; one lost), and a few
// planned changes to existing customers. Read from what the generator wrote, so it
// follows the seed and the size; a few small queries.

const WAN = 1_000_000; // 1 萬元 in cents
const MIN_PROSPECTS = 6;
const PROSPECT_NAMES = ['興隆商行', '源豐貿易', '百順批發', '恒達商貿', '佳和副食', '永盛商行'];

export function insertChannelPlanDemo(db: WriteDb, seed: number): void {
  const rng = Rng.derive(seed, 'channel-plan');
  const versionId = workingVersionId(db);
  const py = regionPlanYear(db);
  const people = salespeople(db);
  if (people.length === 0) return;
  const ownerOfCity = new Map<number, number>();
  for (const r of citySalespeople(db)) if (!ownerOfCity.has(r.city_id)) ownerOfCity.set(r.city_id, r.salesperson_id);
  const ownerOf = (cityId: number) => ownerOfCity.get(cityId) ?? people[0].id;
  const customers = planCustomers(db);
  const lastYear = new Map(customerYearSums(db, py - 1).map((s) => [s.id, s.sales]));
  const sales = (id: number) => lastYear.get(id) ?? 0;

  // Blank areas: recruit where no distributor is active, a sub-distributor where coverage is low.
  const coverage = cityCoverage(db, {}, storedCoverageTarget(db));
  const blankCities = new Set<number>();
  for (const c of coverage) {
    if (!c.blank) continue;
    blankCities.add(c.cityId);
    insertFillPlan(db, {
      version_id: versionId, city_id: c.cityId, county_id: null, fill_period: py * 100 + rng.int(3, 8),
      method: c.reason === 'noDistributor' ? 'recruit' : 'sub_distributor', via_customer_id: null, owner_id: ownerOf(c.cityId),
      first_year_sales_cents: rng.int(40, 160) * WAN, note: '',
    });
  }
  // A county of a covered city that no distributor names: the city's biggest distributor extends into it.
  const named = new Set(activeDealersByCounty(db).map((r) => r.county_id));
  const county = counties(db).find((k) => !blankCities.has(k.cityId) && !named.has(k.id));
  if (county) {
    const host = customers
      .filter((c) => c.city_id === county.cityId && c.tier === 'distributor' && c.status === 'active')
      .sort((a, b) => sales(b.id) - sales(a.id) || a.id - b.id)[0];
    insertFillPlan(db, {
      version_id: versionId, city_id: county.cityId, county_id: county.id, fill_period: py * 100 + rng.int(4, 10),
      method: host ? 'extend' : 'recruit', via_customer_id: host?.id ?? null, owner_id: ownerOf(county.cityId),
      first_year_sales_cents: rng.int(15, 60) * WAN, note: '',
    });
  }

  // A small region may have too few prospects for a pipeline worth showing: a few more,
  // sub-distributors being talked to in covered cities (no sales, so no figure moves).
  const wanted = MIN_PROSPECTS - customers.filter((c) => c.status === 'prospect').length;
  if (wanted > 0) {
    const channelOf = new Map(customerMainChannels(db).map((c) => [c.id, c.channel_id]));
    const hosts = customers.filter((c) => c.status === 'active' && c.tier === 'distributor' && !blankCities.has(c.city_id));
    const cityName = new Map(citiesWithProvince(db).map((c) => [c.id, c.name]));
    for (let i = 0; i < wanted && hosts.length > 0; i++) {
      const host = hosts[(i * 7) % hosts.length];
      const place = (cityName.get(host.city_id) ?? '').replace(/市$/, '');
      const row = {
        code: `ZS${String(i + 1).padStart(3, '0')}`, name: `${place}${PROSPECT_NAMES[i % PROSPECT_NAMES.length]}`, city_id: host.city_id, county_id: null,
        channel_id: channelOf.get(host.id)!, tier: 'sub_distributor' as const, parent_id: host.id, abc_override: null, owner_id: ownerOf(host.city_id),
        status: 'prospect' as const, credit_limit_cents: 0, receivable_cents: 0, contract_start: null, contract_end: null, contact: '', phone: '',
      };
      const id = insertCustomer(db, row);
      customers.push({ id, code: row.code, name: row.name, city_id: row.city_id, county_id: null, tier: row.tier, status: row.status, credit_limit_cents: 0, owner_id: row.owner_id });
    }
  }

  // The pipeline: the master data's prospects (at most ten), blank areas' first.
  const prospects = customers
    .filter((c) => c.status === 'prospect')
    .sort((a, b) => Number(blankCities.has(b.city_id)) - Number(blankCities.has(a.city_id)) || a.id - b.id)
    .slice(0, 10);
  // Signed: two prospects outside the blank areas (their signing does not fill an area the plan still counts as blank).
  const signable = prospects.filter((c) => !blankCities.has(c.city_id));
  const signed = new Set(signable.slice(0, 2).map((c) => c.id));
  const lost = prospects.filter((c) => !signed.has(c.id) && !blankCities.has(c.city_id)).at(-1)?.id;
  const open: ChannelProspectRow['stage'][] = ['identified', 'contacted', 'negotiating'];
  prospects.forEach((c, i) => {
    const stage = signed.has(c.id) ? 'signed' : c.id === lost ? 'lost' : blankCities.has(c.city_id) ? 'negotiating' : open[i % 3];
    insertProspect(db, {
      version_id: versionId, customer_id: c.id, stage, first_order_period: stage === 'lost' ? null : py * 100 + rng.int(2, 9),
      year_sales_cents: (c.tier === 'distributor' ? rng.int(50, 200) : rng.int(10, 60)) * WAN, owner_id: c.owner_id ?? ownerOf(c.city_id), note: '',
    });
    if (stage === 'signed') setCustomerStatus(db, c.id, 'active');
  });

  // Develop and upgrade: the best-selling sub-distributor made a distributor, a credit limit raised,
  // a C customer aimed at B, and the weakest distributor terminated.
  const active = customers.filter((c) => c.status === 'active' && !signed.has(c.id));
  const bySales = [...active].sort((a, b) => sales(b.id) - sales(a.id) || a.id - b.id);
  const sub = bySales.find((c) => c.tier === 'sub_distributor');
  if (sub) {
    insertCustomerChange(db, {
      version_id: versionId, customer_id: sub.id, kind: 'upgrade', period: py * 100 + 4, to_tier: 'distributor', to_abc: null, to_credit_cents: null,
      reason: '銷量已達經銷商標準，可直接向公司進貨',
    });
  }
  const big = bySales.find((c) => c.tier === 'distributor' && c.credit_limit_cents > 0);
  if (big) {
    insertCustomerChange(db, {
      version_id: versionId, customer_id: big.id, kind: 'credit', period: py * 100 + 3, to_tier: null, to_abc: null,
      to_credit_cents: Math.round((big.credit_limit_cents * 1.3) / WAN) * WAN, reason: '旺季備貨，回款記錄良好',
    });
  }
  const mid = bySales[Math.floor(bySales.length * 0.6)];
  if (mid && mid.id !== sub?.id && mid.id !== big?.id) {
    insertCustomerChange(db, {
      version_id: versionId, customer_id: mid.id, kind: 'abc', period: py * 100 + 12, to_tier: null, to_abc: 'B', to_credit_cents: null,
      reason: '增加終端網點，提升到 B 類',
    });
  }
  const weak = [...bySales].reverse().find((c) => c.tier === 'distributor' && sales(c.id) > 0 && !blankCities.has(c.city_id));
  if (weak && weak.id !== big?.id) {
    insertCustomerChange(db, {
      version_id: versionId, customer_id: weak.id, kind: 'terminate', period: py * 100 + 6, to_tier: null, to_abc: null, to_credit_cents: null,
      reason: '連續兩年未達標，區域由鄰近經銷商接手',
    });
  }
}
