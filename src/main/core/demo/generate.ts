import { createHash } from 'node:crypto';
import { jobTransaction, withBulkCache } from '../db/bulk';
import type { WriteDb } from '../db/handle';
import type { DemoSize } from '../jobs/types';
import { refreshDerived } from '../repos/actualsTables';
import {
  BulkInsert, expenseItemIdsByCode, insertDemoBatches, insertHoTargets, setManagerName, setWorkingPlanCreatedAt,
} from '../repos/demo';
import { setBatchRowCount } from '../repos/imports';
import { countRows, regionPlanYear } from '../repos/region';
import {
  BRANDS, CATEGORIES, CHANNELS, DISTRIBUTOR_SUFFIXES, EC_ACCOUNTS, GIVEN_NAMES, KA_CHAINS, ROADS,
  SPECIAL_ACCOUNTS, STORE_CHANNELS, SUB_DISTRIBUTOR_SUFFIXES, SUPERMARKET_CHAINS, SURNAMES, TRADE_NAMES, VARIANTS,
  VISIT_BUSINESS_GOALS, VISIT_COMPLAINTS, VISIT_OUTCOMES, VISIT_PROMISES, type ChannelCode,
} from './catalog';
import { insertChannelPlanDemo } from './channelPlan';
import { EAST_CHINA } from './eastChina';
import { DRAFT_SECTIONS } from '../../../shared/planWritten';
import { workingVersionId } from '../repos/planVersions';
import { putNarrative } from '../repos/planWritten';
import { figureTable } from '../services/plan/figures';
import { draftDoc } from '../services/plan/written';
import { Rng } from './random';
import { seasonFactor } from './season';
import { insertDemoTerminalPlan } from './terminalPlan';
import { insertDemoProductPlan } from './productPlan';
import { insertDemoVarianceNotes } from './varianceNotes';

export interface DemoOptions {
  size: DemoSize;
  seed: number;
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
  /** The time the demo is made (default: the clock); no time in the file is later. */
  now?: Date;
}

interface SizeSpec {
  provinces: readonly { code: string; cities?: number }[];
  skus: number;
  customers: number;
  terminals: number;
  salespeople: number;
  /** Target number of sales_actual rows over the three years (approximate). */
  actualRows: number;
  /** The region's sales in the first history year, in 元. */
  firstYearSalesYuan: number;
  blankCities: number;
  /** Share of stores in the audit panel. */
  auditShare: number;
}

const SIZES: Readonly<Record<DemoSize, SizeSpec>> = {
  tiny: {
    provinces: [{ code: '310000' }, { code: '320000', cities: 7 }],
    skus: 20, customers: 30, terminals: 100, salespeople: 8,
    actualRows: 5_000, firstYearSalesYuan: 30_000_000, blankCities: 2, auditShare: 0.5,
  },
  typical: {
    provinces: [{ code: '310000' }, { code: '320000' }, { code: '330000' }, { code: '340000' }],
    skus: 200, customers: 300, terminals: 3_000, salespeople: 30,
    actualRows: 500_000, firstYearSalesYuan: 450_000_000, blankCities: 4, auditShare: 0.3,
  },
  large: {
    provinces: [{ code: '310000' }, { code: '320000' }, { code: '330000' }, { code: '340000' }, { code: '350000' }, { code: '360000' }],
    skus: 1_200, customers: 2_000, terminals: 8_000, salespeople: 60,
    actualRows: 3_000_000, firstYearSalesYuan: 1_600_000_000, blankCities: 6, auditShare: 0.25,
  },
};

const MONTHS = 36;
/** Market research measures retail value; our actuals are ex-factory, so research values ours higher. */
const RETAIL_UPLIFT = 1.3;
const WAN_CENTS = 1_000_000; // 1 萬元 in 分
const TOTAL_STEPS = 100;

// ---------------------------------------------------------------------------------
// In-memory model of the region, built before anything is written.

interface CountyRec { id: number; code: string; name: string; short: string }
interface ProvinceRec { id: number; code: string; name: string; cityIdx: number[]; amIdx: number }
interface CityRec {
  idx: number;
  id: number;
  code: string;
  name: string;
  short: string;
  size: number;
  capital: boolean;
  provinceIdx: number;
  blank: boolean;
  /** How well our brands do in the city beyond its size (market share, distribution). */
  strength: number;
  counties: CountyRec[];
  reps: number[];
}
type Role = 'manager' | 'account_manager' | 'sales_rep';
interface PersonRec {
  id: number;
  code: string;
  name: string;
  role: Role;
  managerId: number | null;
  cities: number[];
  start: string;
  end: string | null;
  monthlyCostCents: number;
}
interface SkuRec {
  idx: number;
  id: number;
  code: string;
  name: string;
  brandIdx: number;
  catIdx: number;
  pairIdx: number;
  variant: string;
  spec: string;
  packSize: number;
  listCents: number;
  costCents: number;
  launch: string;
  launchIdx: number;
  isNew: boolean;
  discontinuedIdx: number | null;
  weight: number;
}
type Tier = 'distributor' | 'sub_distributor' | 'key_account';
type Status = 'active' | 'prospect' | 'terminated';
interface CustomerRec {
  idx: number;
  id: number;
  code: string;
  name: string;
  cityIdx: number;
  countyId: number | null;
  channelIdx: number;
  extraChannels: number[];
  tier: Tier;
  parentId: number | null;
  ownerId: number | null;
  status: Status;
  abc: 'A' | 'B' | null;
  creditCents: number;
  receivableCents: number;
  prepay: boolean;
  contractStart: string | null;
  contractEnd: string | null;
  contact: string;
  chain: string | null;
  weight: number;
  /** First and last month index (0–35) with sales; -1 when the customer never bought. */
  startIdx: number;
  endIdx: number;
  annualCents: number;
  growth: number;
  orderP: number;
  discount: number;
  lineSku: Int32Array;
  lineShare: Float64Array;
  lineNet: Float64Array;
  lineLastYearVolume: Float64Array;
}
interface TerminalRec {
  id: number;
  code: string;
  name: string;
  cityIdx: number;
  countyId: number | null;
  channelIdx: number;
  storeType: string;
  customerId: number | null;
  ownerId: number | null;
  address: string;
  closed: boolean;
}
interface OwnPair { catIdx: number; brandIdx: number }

interface World {
  seed: number;
  size: DemoSize;
  spec: SizeSpec;
  planYear: number;
  /** When the data arrived and the working plan was made (demoReferenceTime). */
  referenceTime: number;
  firstYear: number;
  provinces: ProvinceRec[];
  cities: CityRec[];
  people: PersonRec[];
  kaManagerIdx: number | null;
  skus: SkuRec[];
  pairs: OwnPair[];
  customers: CustomerRec[];
  terminals: TerminalRec[];
  /** seasonality by category and month index: [cat * 36 + t] */
  season: Float64Array;
  /** SKU life-cycle factor (0 before launch and after discontinuation): [sku * 36 + t] */
  life: Float64Array;
  /** Per month, scales all sales so that the region hits its first-year total and growth rate. */
  calibration: Float64Array;
}

/** What the sales actuals leave behind for the tables derived from them. */
interface ActualTotals {
  /** Our sales by city, own (category, brand) pair and month: [(city * pairs + pair) * 36 + t] */
  cityPair: Float64Array;
  amount: Float64Array;
  volume: Float64Array;
  grossProfit: Float64Array;
  newProduct: Float64Array;
  /** Last year by customer and month: [customer * 12 + m] */
  customerAmount: Float64Array;
  customerVolume: Float64Array;
  /** Last year by brand / channel and month: [idx * 12 + m] */
  brandAmount: Float64Array;
  channelAmount: Float64Array;
}

// ---------------------------------------------------------------------------------
// Small helpers

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`demo generator: missing ${what}`);
  return value;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const isoDate = (y: number, m: number, d: number): string => `${y}-${pad(m, 2)}-${pad(d, 2)}`;
const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Splits `total` into integer parts proportional to the weights (largest remainder), each at least `min`. */
function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  const base = total >= min * n ? min : 0;
  const left = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const raw = weights.map((w) => (left * w) / sum);
  const parts = raw.map((r) => Math.floor(r));
  let rest = left - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % n, rest--) parts[order[k].i]++;
  return parts.map((p) => p + base);
}

function shortPlace(name: string): string {
  // 蘇州市 → 蘇州; a county keeps 縣 when dropping it would leave one character (沛縣).
  if (name.endsWith('市')) return name.slice(0, -1);
  if (name.endsWith('縣') && name.length > 2) return name.slice(0, -1);
  return name;
}

function sourceHash(world: World, sourceName: string): string {
  return createHash('sha256').update(`regionplan-demo|${world.size}|${world.seed}|${sourceName}`).digest('hex');
}

class Progress {
  private done = 0;
  constructor(private readonly options: DemoOptions) {}

  check(): void {
    if (this.options.shouldCancel?.()) throw new Error('cancelled');
  }

  tick(steps = 1): void {
    this.done = Math.min(TOTAL_STEPS, this.done + steps);
    this.options.onProgress?.(this.done, TOTAL_STEPS);
    this.check();
  }

  finish(): void {
    while (this.done < TOTAL_STEPS) this.tick();
  }
}

function personName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 100; attempt++) {
    // Squaring favours the common surnames at the head of the list.
    const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)];
    const name = surname + rng.pick(GIVEN_NAMES);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${rng.pick(SURNAMES)}${rng.pick(GIVEN_NAMES)}${used.size}`;
  used.add(name);
  return name;
}

const CHANNEL_IDX: Readonly<Record<ChannelCode, number>> = Object.fromEntries(CHANNELS.map((c, i) => [c.code, i])) as Record<ChannelCode, number>;
const BRAND_IDX = new Map(BRANDS.map((b, i) => [b.code, i]));
const brandIdx = (code: string): number => must(BRAND_IDX.get(code), `brand ${code}`);

// ---------------------------------------------------------------------------------
// Building the model

function buildGeography(world: World, rng: Rng): void {
  let cityId = 0;
  let countyId = 0;
  for (const p of world.spec.provinces) {
    const def = must(EAST_CHINA.find((d) => d.code === p.code), `province ${p.code}`);
    const province: ProvinceRec = { id: world.provinces.length + 1, code: def.code, name: def.name, cityIdx: [], amIdx: -1 };
    for (const c of def.cities.slice(0, p.cities ?? def.cities.length)) {
      const city: CityRec = {
        idx: world.cities.length,
        id: ++cityId,
        code: c.code,
        name: c.name,
        short: shortPlace(c.name),
        size: c.size,
        capital: c.capital === true,
        provinceIdx: world.provinces.length,
        blank: false,
        strength: rng.normal() * 0.9,
        counties: (c.counties ?? []).map((k) => ({ id: ++countyId, code: k.code, name: k.name, short: shortPlace(k.name) })),
        reps: [],
      };
      province.cityIdx.push(city.idx);
      world.cities.push(city);
    }
    world.provinces.push(province);
  }
  // Blank areas (空白區域) are deliberately among the smaller cities, as in real regions.
  const candidates = world.cities.filter((c) => !c.capital);
  const k = Math.min(world.spec.blankCities, Math.max(0, candidates.length - 1));
  for (const i of rng.sampleWeighted(candidates.map((c) => 1 / c.size ** 2), k)) candidates[i].blank = true;
}

function buildPeople(world: World, rng: Rng): void {
  const { planYear: py, spec } = world;
  const used = new Set<string>();
  const people = world.people;
  const add = (role: Role, managerId: number | null, start: string, monthlyCostYuan: number): PersonRec => {
    const p: PersonRec = {
      id: people.length + 1,
      code: `S${pad(people.length + 1, 3)}`,
      name: personName(rng, used),
      role,
      managerId,
      cities: [],
      start,
      end: null,
      monthlyCostCents: Math.round(monthlyCostYuan * rng.range(0.9, 1.1)) * 100,
    };
    people.push(p);
    return p;
  };
  const manager = add('manager', null, isoDate(py - 11, 3, 1), 35_000);
  const withKa = spec.salespeople >= 20;
  for (const province of world.provinces) {
    const am = add('account_manager', manager.id, isoDate(py - rng.int(4, 10), rng.int(1, 12), 1), 20_000);
    province.amIdx = people.length - 1;
    am.cities = [...province.cityIdx];
  }
  if (withKa) {
    const ka = add('account_manager', manager.id, isoDate(py - rng.int(3, 6), rng.int(1, 12), 1), 22_000);
    world.kaManagerIdx = people.length - 1;
    ka.cities = world.cities.filter((c) => c.capital).map((c) => c.idx);
  }
  const reps = Math.max(0, spec.salespeople - people.length);
  // One rep left during the last year: team turnover is part of the review.
  const leaver = reps >= 10;
  const activeReps = leaver ? reps - 1 : reps;
  const perProvince = apportion(
    activeReps,
    world.provinces.map((p) => p.cityIdx.reduce((s, i) => s + world.cities[i].size, 0)),
    activeReps >= world.provinces.length ? 1 : 0,
  );
  world.provinces.forEach((province, pi) => {
    const am = people[province.amIdx];
    const repIdx: number[] = [];
    for (let i = 0; i < perProvince[pi]; i++) {
      const joinedLastYear = rng.chance(0.15);
      const start = joinedLastYear
        ? isoDate(py - 1, rng.int(1, 9), rng.int(1, 28))
        : isoDate(py - rng.int(2, 9), rng.int(1, 12), rng.int(1, 28));
      add('sales_rep', am.id, start, 11_000);
      repIdx.push(people.length - 1);
    }
    if (repIdx.length === 0) return;
    const cities = [...province.cityIdx].sort((a, b) => world.cities[b].size - world.cities[a].size || a - b);
    if (repIdx.length >= cities.length) {
      // Every city its own rep; the extra reps share the biggest cities.
      repIdx.forEach((r, i) => people[r].cities.push(cities[i % cities.length]));
    } else {
      // More cities than reps: give each city to the rep with the lightest load so far.
      const load = repIdx.map(() => 0);
      for (const c of cities) {
        let best = 0;
        for (let i = 1; i < load.length; i++) if (load[i] < load[best]) best = i;
        load[best] += world.cities[c].size;
        people[repIdx[best]].cities.push(c);
      }
    }
    for (const r of repIdx) for (const c of people[r].cities) world.cities[c].reps.push(r);
  });
  if (leaver) {
    const firstProvince = world.provinces[0];
    const p = add('sales_rep', people[firstProvince.amIdx].id, isoDate(py - 4, rng.int(1, 12), rng.int(1, 28)), 11_000);
    p.end = isoDate(py - 1, rng.int(5, 10), 30);
  }
}

function buildSkus(world: World, rng: Rng): void {
  const { planYear: py, firstYear } = world;
  const counts = apportion(world.spec.skus, CATEGORIES.map((c) => c.skuShare), 2);
  // Own (category, brand) pairs: the grain of our market data.
  CATEGORIES.forEach((cat, catIdx) => {
    const seen = new Set<number>();
    for (const p of cat.products) {
      const b = brandIdx(p.brand);
      if (!seen.has(b)) {
        seen.add(b);
        world.pairs.push({ catIdx, brandIdx: b });
      }
    }
  });
  const pairOf = (catIdx: number, b: number): number =>
    world.pairs.findIndex((p) => p.catIdx === catIdx && p.brandIdx === b);

  CATEGORIES.forEach((cat, catIdx) => {
    const first = world.skus.length;
    let n = 0;
    outer: for (const variant of VARIANTS) {
      // Rotating the pack per product mixes sizes even when only a few SKUs are taken.
      for (let r = 0; r < cat.specs.length; r++) {
        for (let pi = 0; pi < cat.products.length; pi++) {
          if (n >= counts[catIdx]) break outer;
          const product = cat.products[pi];
          const spec = cat.specs[(pi + r) % cat.specs.length];
          const b = brandIdx(product.brand);
          const listCents =
            Math.round((spec.unitCents * product.priceFactor * variant.priceFactor * spec.packSize * rng.range(0.97, 1.03)) / 10) * 10;
          const margin = rng.range(0.25, 0.45);
          const launchYear = variant.name === '' ? rng.int(py - 12, py - 4) : rng.int(py - 9, py - 4);
          const launchMonth = rng.int(1, 12);
          n++;
          world.skus.push({
            idx: world.skus.length,
            id: world.skus.length + 1,
            code: `${cat.prefix}${pad(n, 4)}`,
            name: `${BRANDS[b].name}${product.name} ${spec.label}${variant.name ? ` ${variant.name}` : ''}`,
            brandIdx: b,
            catIdx,
            pairIdx: pairOf(catIdx, b),
            variant: variant.name,
            spec: spec.label,
            packSize: spec.packSize,
            listCents,
            costCents: Math.round(listCents * (1 - margin)),
            launch: isoDate(launchYear, launchMonth, rng.int(1, 28)),
            launchIdx: (launchYear - firstYear) * 12 + launchMonth - 1,
            isNew: false,
            discontinuedIdx: null,
            weight: variant.weight * spec.weight * rng.lognormal(0.8) / (1 + 0.15 * pi),
          });
        }
      }
    }
    let sum = 0;
    for (let i = first; i < world.skus.length; i++) sum += world.skus[i].weight;
    for (let i = first; i < world.skus.length; i++) world.skus[i].weight *= cat.salesShare / sum;
  });

  // The first SKU of each category is its flagship: never new, never discontinued.
  const flagships = new Set(CATEGORIES.map((_, c) => world.skus.findIndex((s) => s.catIdx === c)));
  const others = rng.shuffle(world.skus.filter((s) => !flagships.has(s.idx)).map((s) => s.idx));
  const nNew = Math.max(1, Math.round(world.skus.length * 0.08));
  const nRecent = Math.round(world.skus.length * 0.05);
  const nDiscontinued = Math.max(1, Math.round(world.skus.length * 0.04));
  others.forEach((idx, i) => {
    const s = world.skus[idx];
    if (i < nNew) {
      const m = rng.int(1, 10);
      s.isNew = true;
      s.launch = isoDate(py - 1, m, rng.int(1, 28));
      s.launchIdx = 24 + m - 1;
    } else if (i < nNew + nRecent) {
      const m = rng.int(1, 12);
      s.launch = isoDate(py - 2, m, rng.int(1, 28));
      s.launchIdx = 12 + m - 1;
    } else if (i < nNew + nRecent + nDiscontinued) {
      s.discontinuedIdx = rng.int(14, 30);
    }
  });

  world.life = new Float64Array(world.skus.length * MONTHS);
  for (const s of world.skus) {
    for (let t = 0; t < MONTHS; t++) {
      let f = 1;
      if (t < s.launchIdx) f = 0;
      else if (t - s.launchIdx < 3) f = (t - s.launchIdx + 1) / 4; // a launch ramps up over its first months
      if (s.discontinuedIdx !== null) {
        if (t > s.discontinuedIdx) f = 0;
        else if (s.discontinuedIdx - t < 3) f *= 0.5;
      }
      world.life[s.idx * MONTHS + t] = f;
    }
  }
  world.season = new Float64Array(CATEGORIES.length * MONTHS);
  CATEGORIES.forEach((cat, c) => {
    for (let t = 0; t < MONTHS; t++) {
      world.season[c * MONTHS + t] = seasonFactor(cat.seasonality, firstYear + Math.floor(t / 12), (t % 12) + 1);
    }
  });
}

/** How much a customer of a channel favours a pack variant or category. */
function affinity(sku: SkuRec, channel: ChannelCode): number {
  let f = 1;
  if (sku.variant === '電商裝') f *= channel === 'EC' ? 5 : 0.15;
  else if (sku.variant === '餐飲專供') f *= channel === 'HORECA' ? 4 : 0.3;
  else if (sku.variant === '便利店裝') f *= channel === 'CHAIN' ? 3 : 0.4;
  if (CATEGORIES[sku.catIdx].code === 'GIFT') f *= channel === 'KA' || channel === 'EC' ? 2 : 0.8;
  return f;
}

function uniqueName(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = make();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${make()}${used.size}`;
  used.add(name);
  return name;
}

function buildCustomers(world: World, rng: Rng): void {
  const { spec, cities, planYear: py, firstYear } = world;
  const covered = cities.filter((c) => !c.blank);
  const coveredWeights = (power: number): number[] => covered.map((c) => c.size ** power);
  const names = new Set<string>();
  const nKa = Math.max(2, Math.round(spec.customers * 0.08));
  const nDist = Math.max(cities.length, Math.round(spec.customers * 0.45));
  const nSub = Math.max(0, spec.customers - nKa - nDist);

  interface Draft {
    cityIdx: number;
    countyId: number | null;
    tier: Tier;
    status: Status;
    channel: ChannelCode;
    extra: ChannelCode[];
    name: string;
    weight: number;
    main: boolean;
    parentDraft: Draft | null;
    chain: string | null;
    endEarly: boolean;
  }
  const pickCounty = (city: CityRec, p: number): CountyRec | null =>
    city.counties.length > 0 && rng.chance(p) ? rng.pick(city.counties) : null;
  const distributorName = (city: CityRec, county: CountyRec | null): string =>
    uniqueName(names, () => `${(county ?? city).short}${rng.pick(TRADE_NAMES)}${rng.pick(DISTRIBUTOR_SUFFIXES)}`);
  const makeDistributor = (city: CityRec, main: boolean, status: Status): Draft => {
    const county = main ? null : pickCounty(city, 0.4);
    const horeca = rng.chance(0.25);
    const extra: ChannelCode[] = [];
    if (rng.chance(0.5)) extra.push('CHAIN');
    if (!horeca && rng.chance(0.4)) extra.push('HORECA');
    if (rng.chance(0.1)) extra.push('SPECIAL');
    return {
      cityIdx: city.idx,
      countyId: county?.id ?? null,
      tier: 'distributor',
      status,
      channel: horeca ? 'HORECA' : 'TT',
      extra,
      name: distributorName(city, county),
      weight: (main ? 1.8 : 1) * rng.lognormal(main ? 1.1 : 1.3) * city.size ** (main ? 0.5 : 0.4),
      main,
      parentDraft: null,
      chain: null,
      endEarly: false,
    };
  };

  const distributors: Draft[] = [];
  for (const city of cities) {
    if (city.blank) {
      // A blank area has either a distributor being recruited or one that was lost.
      const d = makeDistributor(city, true, rng.chance(0.5) ? 'prospect' : 'terminated');
      d.endEarly = true;
      distributors.push(d);
    } else {
      distributors.push(makeDistributor(city, true, 'active'));
    }
  }
  for (let i = distributors.length; i < nDist; i++) {
    const city = covered[rng.weighted(coveredWeights(1.1))];
    const r = rng.next();
    distributors.push(makeDistributor(city, false, r < 0.88 ? 'active' : r < 0.94 ? 'prospect' : 'terminated'));
  }
  distributors.sort((a, b) => a.cityIdx - b.cityIdx || Number(b.main) - Number(a.main));

  const subs: Draft[] = [];
  for (let i = 0; i < nSub; i++) {
    const city = covered[rng.weighted(coveredWeights(1))];
    const county = pickCounty(city, 0.5);
    const parents = distributors.filter((d) => d.cityIdx === city.idx && d.status === 'active');
    const sameCounty = parents.filter((d) => county !== null && d.countyId === county.id);
    const r = rng.next();
    subs.push({
      cityIdx: city.idx,
      countyId: county?.id ?? null,
      tier: 'sub_distributor',
      status: r < 0.9 ? 'active' : r < 0.95 ? 'prospect' : 'terminated',
      channel: rng.chance(0.3) ? 'HORECA' : 'TT',
      extra: [],
      name: uniqueName(names, () => `${(county ?? city).short}${rng.pick(TRADE_NAMES)}${rng.pick(SUB_DISTRIBUTOR_SUFFIXES)}`),
      weight: 0.15 * rng.lognormal(1) * city.size ** 0.3,
      main: false,
      parentDraft: sameCounty.length > 0 ? rng.pick(sameCounty) : parents.length > 0 ? rng.pick(parents) : null,
      chain: null,
      endEarly: false,
    });
  }
  subs.sort((a, b) => a.cityIdx - b.cityIdx);

  const kas: Draft[] = [];
  const usedEc = new Set<string>();
  const hub = cities.find((c) => c.code === '310100') ?? [...covered].sort((a, b) => b.size - a.size)[0];
  for (let i = 0; i < nKa; i++) {
    let kind = (['KA', 'CHAIN', 'EC', 'SPECIAL'] as const)[rng.weighted([0.45, 0.3, 0.15, 0.1])];
    if (kind === 'EC' && usedEc.size >= EC_ACCOUNTS.length) kind = 'KA';
    let city = hub;
    let name = '';
    let chain: string | null = null;
    let weight: number;
    if (kind === 'EC') {
      const account = must(EC_ACCOUNTS.find((a) => !usedEc.has(a)), 'e-commerce account');
      usedEc.add(account);
      name = uniqueName(names, () => `${account}(華東)`);
      weight = 3 * rng.lognormal(0.5);
    } else {
      // Draw city and account together until the pair is new: one customer per chain and city.
      const list = kind === 'KA' ? KA_CHAINS : kind === 'CHAIN' ? SUPERMARKET_CHAINS : SPECIAL_ACCOUNTS;
      for (let attempt = 0; attempt < 50; attempt++) {
        city = covered[rng.weighted(coveredWeights(1.3))];
        const account = rng.pick(list);
        name = kind === 'SPECIAL' ? `${city.short}${account}` : `${account}(${city.short})`;
        chain = kind === 'SPECIAL' ? null : account;
        if (!names.has(name)) break;
      }
      name = uniqueName(names, () => name);
      weight = 1.2 * rng.lognormal(0.9) * city.size ** 0.3;
    }
    kas.push({
      cityIdx: city.idx,
      countyId: null,
      tier: 'key_account',
      status: nKa >= 10 && i === nKa - 1 ? 'prospect' : 'active',
      channel: kind,
      extra: [],
      name,
      weight,
      main: false,
      parentDraft: null,
      chain,
      endEarly: false,
    });
  }

  const drafts = [...distributors, ...subs, ...kas];
  const idOf = new Map<Draft, number>();
  drafts.forEach((d, i) => idOf.set(d, i + 1));
  const counters: Record<Tier, number> = { distributor: 0, sub_distributor: 0, key_account: 0 };
  const prefix: Record<Tier, string> = { distributor: 'D', sub_distributor: 'S', key_account: 'K' };

  for (const d of drafts) {
    const city = cities[d.cityIdx];
    const idx = world.customers.length;
    let startIdx = -1;
    let endIdx = -1;
    let contractStart: string | null = null;
    let contractEnd: string | null = null;
    if (d.status === 'active') {
      // About one in ten active customers was recruited (招商) during the history years;
      // never a city's main distributor, which is what keeps the city covered.
      const recruited = !d.main && rng.chance(0.1);
      startIdx = recruited ? rng.int(12, 33) : 0;
      endIdx = MONTHS - 1;
      contractStart = recruited
        ? isoDate(firstYear + Math.floor(startIdx / 12), (startIdx % 12) + 1, 1)
        : isoDate(py - rng.int(4, 9), 1, 1);
      contractEnd = rng.chance(0.2) ? isoDate(py - 1, 12, 31) : isoDate(py, 12, 31);
    } else if (d.status === 'terminated') {
      startIdx = 0;
      endIdx = d.endEarly ? rng.int(6, 20) : rng.int(6, 30);
      const ey = firstYear + Math.floor(endIdx / 12);
      const em = (endIdx % 12) + 1;
      contractStart = isoDate(firstYear - rng.int(1, 5), 1, 1);
      contractEnd = isoDate(ey, em, daysInMonth(ey, em));
    }
    // Key accounts belong to the key-account manager where there is one, the rest to a rep of the city.
    let ownerIdx = city.reps.length > 0 ? rng.pick(city.reps) : world.provinces[city.provinceIdx].amIdx;
    if (d.tier === 'key_account' && world.kaManagerIdx !== null) ownerIdx = world.kaManagerIdx;
    counters[d.tier]++;
    world.customers.push({
      idx,
      id: idx + 1,
      code: `${prefix[d.tier]}${pad(counters[d.tier], 4)}`,
      name: d.name,
      cityIdx: d.cityIdx,
      countyId: d.countyId,
      channelIdx: CHANNEL_IDX[d.channel],
      extraChannels: d.extra.map((c) => CHANNEL_IDX[c]).sort((a, b) => a - b),
      tier: d.tier,
      parentId: d.parentDraft ? must(idOf.get(d.parentDraft), 'parent customer') : null,
      ownerId: world.people[ownerIdx].id,
      status: d.status,
      abc: null,
      creditCents: 0,
      receivableCents: 0,
      prepay: false,
      contractStart,
      contractEnd,
      contact: personName(rng, new Set()),
      chain: d.chain,
      weight: d.weight,
      startIdx,
      endIdx,
      annualCents: 0,
      growth: 0,
      orderP: 0,
      discount: 0,
      lineSku: new Int32Array(0),
      lineShare: new Float64Array(0),
      lineNet: new Float64Array(0),
      lineLastYearVolume: new Float64Array(0),
    });
  }
}

function buildSalesModel(world: World, rng: Rng): void {
  const { spec, skus, customers } = world;
  const buyers = customers.filter((c) => c.endIdx >= 0);
  const totalWeight = buyers.reduce((s, c) => s + c.weight, 0);
  const regionGrowth = rng.range(0.08, 0.12);
  const firstYearCents = spec.firstYearSalesYuan * 100;
  const byWeight = [...buyers].sort((a, b) => b.weight - a.weight || a.idx - b.idx);
  byWeight.forEach((c, rank) => {
    c.orderP = 0.95 - (0.45 * rank) / Math.max(1, byWeight.length - 1);
  });
  for (const c of customers) {
    c.annualCents = c.endIdx >= 0 ? (firstYearCents * c.weight) / totalWeight : 0;
    c.growth = clamp(regionGrowth + rng.normal() * 0.07, -0.25, 0.45);
    const monthly = c.annualCents / 12;
    switch (c.tier) {
      case 'distributor':
        c.discount = rng.range(0.06, 0.12);
        // One distributor in four pays before delivery (先款後貨) and gets no credit.
        c.prepay = rng.chance(0.25);
        break;
      case 'sub_distributor':
        c.discount = rng.range(0.03, 0.07);
        c.prepay = rng.chance(0.7);
        break;
      default:
        c.discount = CHANNELS[c.channelIdx].code === 'EC' ? rng.range(0.05, 0.1) : rng.range(0.02, 0.06);
        c.prepay = false;
    }
    if (c.status === 'active') {
      if (!c.prepay) {
        const months = c.tier === 'key_account' ? 2 : rng.range(0.8, 1.6);
        c.creditCents = clamp(Math.round((monthly * months) / WAN_CENTS), 1, 2_000) * WAN_CENTS;
        c.receivableCents = Math.round((c.creditCents * rng.range(0.3, 1.05)) / 100) * 100;
      }
    } else if (c.status === 'terminated' && rng.chance(0.3)) {
      // Money still owed by a lost customer.
      c.receivableCents = Math.round((monthly * rng.range(0.1, 0.5)) / 100) * 100;
    }
  }
  for (const c of byWeight.slice(0, Math.max(1, Math.round(byWeight.length * 0.3)))) {
    if (c.tier === 'distributor' && c.status === 'active' && rng.chance(0.06)) c.abc = rng.chance(0.7) ? 'A' : 'B';
  }

  // Lines per customer: big customers carry more of the range. K is solved so that
  // the expected number of rows over the three years comes out near the target.
  let alive = 0;
  for (let i = 0; i < world.life.length; i++) if (world.life[i] > 0) alive++;
  const lifeFrac = alive / world.life.length;
  const meanWeight = totalWeight / Math.max(1, buyers.length);
  const kMin = Math.min(3, skus.length);
  const relative = buyers.map((c) => (c.weight / meanWeight) ** 0.35);
  const linesFor = (k: number, i: number): number => clamp(Math.round(k * relative[i]), kMin, skus.length);
  const expectedRows = (k: number): number =>
    buyers.reduce((s, c, i) => s + linesFor(k, i) * (c.endIdx - c.startIdx + 1) * c.orderP * lifeFrac, 0);
  let lo = 0;
  let hi = skus.length * 4;
  for (let iter = 0; iter < 50; iter++) {
    const mid = (lo + hi) / 2;
    if (expectedRows(mid) < spec.actualRows) lo = mid;
    else hi = mid;
  }
  const k = (lo + hi) / 2;
  buyers.forEach((c, i) => {
    const channel = CHANNELS[c.channelIdx].code;
    const weights = skus.map((s) => s.weight * affinity(s, channel));
    const chosen = rng.sampleWeighted(weights, linesFor(k, i));
    const sum = chosen.reduce((s, j) => s + weights[j], 0);
    c.lineSku = Int32Array.from(chosen);
    c.lineShare = Float64Array.from(chosen.map((j) => weights[j] / sum));
    c.lineNet = Float64Array.from(chosen.map((j) => Math.round(skus[j].listCents * (1 - c.discount))));
    c.lineLastYearVolume = new Float64Array(chosen.length);
  });
  calibrate(world, firstYearCents, regionGrowth);
}

/**
 * Customers come and go, SKUs launch and retire, and each customer grows at its own
 * rate, so the region's total would drift from the intended size and growth. The
 * expected totals (noise has mean 1) give a correction per year, interpolated
 * between mid-years so that no month jumps; a few rounds make the interpolated
 * factors hit each year's target.
 */
function calibrate(world: World, firstYearCents: number, growth: number): void {
  const expected = new Float64Array(MONTHS);
  for (const c of world.customers) {
    if (c.endIdx < 0) continue;
    for (let t = c.startIdx; t <= c.endIdx; t++) {
      const perMonth = (c.annualCents / 12) * (1 + c.growth) ** (t / 12);
      let sum = 0;
      for (let i = 0; i < c.lineSku.length; i++) {
        const s = world.skus[c.lineSku[i]];
        sum += c.lineShare[i] * world.season[s.catIdx * MONTHS + t] * world.life[s.idx * MONTHS + t];
      }
      expected[t] += perMonth * sum;
    }
  }
  const target = [0, 1, 2].map((y) => firstYearCents * (1 + growth) ** y);
  const logFactor = [0, 0, 0];
  const apply = (): void => {
    for (let t = 0; t < MONTHS; t++) {
      const pos = clamp((t - 5.5) / 12, 0, 2);
      const y = Math.min(1, Math.floor(pos));
      const frac = pos - y;
      world.calibration[t] = Math.exp(logFactor[y] * (1 - frac) + logFactor[y + 1] * frac);
    }
  };
  for (let round = 0; round < 20; round++) {
    apply();
    for (let y = 0; y < 3; y++) {
      let achieved = 0;
      for (let t = y * 12; t < y * 12 + 12; t++) achieved += expected[t] * world.calibration[t];
      logFactor[y] += Math.log(target[y] / Math.max(achieved, 1));
    }
  }
  apply();
}

const AREAS: readonly string[] = ['園區', '新區', '城北', '城南', '城東', '城西', '開發區', '高新區', '中心', '火車站', '萬達', '新城'];
const CN_NUMBERS: readonly string[] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

function buildTerminals(world: World, rng: Rng): void {
  const { cities, customers } = world;
  const perCity = apportion(world.spec.terminals, cities.map((c) => c.size ** 0.9), 1);
  const activeDistributors = (pred: (c: CustomerRec) => boolean): CustomerRec[] =>
    customers.filter((c) => c.tier === 'distributor' && c.status === 'active' && pred(c));
  cities.forEach((city, ci) => {
    const local = activeDistributors((c) => c.cityIdx === ci);
    const localSubs = customers.filter((c) => c.tier === 'sub_distributor' && c.status === 'active' && c.cityIdx === ci);
    const provinceDistributors = activeDistributors((c) => cities[c.cityIdx].provinceIdx === city.provinceIdx);
    const cityKas = customers.filter((c) => c.tier === 'key_account' && c.status === 'active' && c.cityIdx === ci && c.chain !== null);
    for (let n = 0; n < perCity[ci]; n++) {
      const def = STORE_CHANNELS[rng.weighted(STORE_CHANNELS.map((s) => s.weight))];
      const county = city.counties.length > 0 && rng.chance(0.35) ? rng.pick(city.counties) : null;
      const place = county?.short ?? city.short;
      const road = rng.pick(ROADS);
      let name: string;
      let supplier: CustomerRec | null = null;
      switch (def.channel) {
        case 'KA':
        case 'CHAIN': {
          const accounts = cityKas.filter((k) => CHANNELS[k.channelIdx].code === def.channel);
          let chain: string;
          if (accounts.length > 0 && rng.chance(0.6)) {
            supplier = rng.pick(accounts);
            chain = must(supplier.chain, 'chain');
          } else {
            chain = rng.pick(def.channel === 'KA' ? KA_CHAINS : SUPERMARKET_CHAINS);
          }
          name = def.channel === 'KA' ? `${chain}${place}${rng.pick(AREAS)}店` : `${chain}${road}店`;
          break;
        }
        case 'TT': {
          const patterns = [
            () => `${rng.pick(SURNAMES)}記副食店`, () => `${rng.pick(TRADE_NAMES)}便利店`, () => `${road}煙酒店`,
            () => `${rng.pick(SURNAMES)}家小賣部`, () => `${rng.pick(TRADE_NAMES)}超市`,
          ];
          name = rng.pick(patterns)();
          break;
        }
        case 'HORECA': {
          const patterns = [
            () => `${rng.pick(TRADE_NAMES)}火鍋`, () => `${rng.pick(SURNAMES)}記小吃`, () => `${rng.pick(TRADE_NAMES)}酒家`,
            () => `${road}快餐店`, () => `${rng.pick(SURNAMES)}家菜館`,
          ];
          name = rng.pick(patterns)();
          break;
        }
        default: {
          const patterns = [
            () => `${place}第${rng.pick(CN_NUMBERS)}中學小賣部`, () => `${place}火車站${rng.int(1, 9)}號便利亭`,
            () => `${rng.pick(TRADE_NAMES)}網咖`, () => `${place}市民中心便利店`,
          ];
          name = rng.pick(patterns)();
        }
      }
      if (supplier === null) {
        if (city.blank) {
          // Stores in a blank area are served from a neighbouring city, or not at all.
          supplier = provinceDistributors.length > 0 && rng.chance(0.6) ? rng.pick(provinceDistributors) : null;
        } else if ((def.channel === 'TT' || def.channel === 'HORECA') && localSubs.length > 0 && rng.chance(0.5)) {
          supplier = rng.pick(localSubs);
        } else if (local.length > 0) {
          supplier = rng.pick(local);
        }
      }
      const id = world.terminals.length + 1;
      world.terminals.push({
        id,
        code: `T${pad(id, 6)}`,
        name,
        cityIdx: ci,
        countyId: county?.id ?? null,
        channelIdx: CHANNEL_IDX[def.channel],
        storeType: rng.pick(def.types),
        customerId: supplier?.id ?? null,
        ownerId: city.reps.length > 0 ? world.people[rng.pick(city.reps)].id : null,
        address: `${city.name}${county?.name ?? ''}${road}${rng.int(1, 999)}號`,
        closed: rng.chance(0.03),
      });
    }
  });
}

// ---------------------------------------------------------------------------------
// Writing

// import_batch ids: 1–3 are the three years of sales actuals.
const Batch = { Market: 4, StoreAudit: 5, Visits: 6, Statements: 7, Expenses: 8 } as const;
type BatchId = (typeof Batch)[keyof typeof Batch];

function periodOf(world: World, t: number): number {
  return (world.firstYear + Math.floor(t / 12)) * 100 + (t % 12) + 1;
}

/**
 * When the demo's data arrived: 10 January of the plan year (the last year's actuals
 * are in), unless that is still to come; then 01:00 on the day before today, so that
 * no time in the file is in the future. Whole days keep the same seed making the same file.
 */
export function demoReferenceTime(planYear: number, now: Date): number {
  const planned = Date.UTC(planYear, 0, 10, 1, 0, 0);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.min(planned, today - 86_400_000 + 3_600_000);
}

function importedAt(world: World, minute: number): string {
  return new Date(world.referenceTime + minute * 60_000).toISOString();
}

function insertMasterData(db: WriteDb, world: World): void {
  const { planYear: py, firstYear } = world;

  const province = new BulkInsert(db, 'province', ['id', 'code', 'name', 'sort_order']);
  world.provinces.forEach((p, i) => province.add(p.id, p.code, p.name, i + 1));
  province.flush();
  const city = new BulkInsert(db, 'city', ['id', 'province_id', 'code', 'name', 'sort_order']);
  const county = new BulkInsert(db, 'county', ['id', 'city_id', 'code', 'name'], 100, city);
  for (const c of world.cities) {
    city.add(c.id, world.provinces[c.provinceIdx].id, c.code, c.name, c.idx + 1);
    for (const k of c.counties) county.add(k.id, c.id, k.code, k.name);
  }
  county.flush();
  const channel = new BulkInsert(db, 'channel', ['id', 'code', 'name', 'sort_order', 'active']);
  CHANNELS.forEach((c, i) => channel.add(i + 1, c.code, c.name, i + 1, 1));
  channel.flush();
  const brand = new BulkInsert(db, 'brand', ['id', 'code', 'name', 'is_own', 'manufacturer', 'sort_order']);
  BRANDS.forEach((b, i) => brand.add(i + 1, b.code, b.name, b.own ? 1 : 0, b.manufacturer, i + 1));
  brand.flush();
  const category = new BulkInsert(db, 'category', ['id', 'code', 'name', 'seasonality', 'sort_order']);
  CATEGORIES.forEach((c, i) => category.add(i + 1, c.code, c.name, c.seasonality, i + 1));
  category.flush();
  const brandCategory = new Set<string>();
  const bcRows: [number, number][] = [];
  const addBc = (b: number, c: number): void => {
    const key = `${b}:${c}`;
    if (!brandCategory.has(key)) {
      brandCategory.add(key);
      bcRows.push([b + 1, c + 1]);
    }
  };
  for (const p of world.pairs) addBc(p.brandIdx, p.catIdx);
  CATEGORIES.forEach((cat, c) => cat.competitors.forEach((comp) => addBc(brandIdx(comp.brand), c)));
  bcRows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const bc = new BulkInsert(db, 'brand_category', ['brand_id', 'category_id']);
  for (const [b, c] of bcRows) bc.add(b, c);
  bc.flush();

  const sku = new BulkInsert(db, 'sku', [
    'id', 'code', 'name', 'brand_id', 'category_id', 'spec', 'pack_size', 'unit', 'list_price_cents', 'std_cost_cents',
    'launch_date', 'is_new', 'status',
  ]);
  for (const s of world.skus) {
    sku.add(s.id, s.code, s.name, s.brandIdx + 1, s.catIdx + 1, s.spec, s.packSize, 'case', s.listCents, s.costCents,
      s.launch, s.isNew ? 1 : 0, s.discontinuedIdx === null ? 'active' : 'discontinued');
  }
  sku.flush();

  const person = new BulkInsert(db, 'salesperson', ['id', 'code', 'name', 'role', 'manager_id', 'start_date', 'end_date', 'phone']);
  const personCity = new BulkInsert(db, 'salesperson_city', ['salesperson_id', 'city_id'], 100, person);
  for (const p of world.people) {
    person.add(p.id, p.code, p.name, p.role, p.managerId, p.start, p.end, '');
    for (const c of [...p.cities].sort((a, b) => a - b)) personCity.add(p.id, world.cities[c].id);
  }
  personCity.flush();
  const manager = must(world.people.find((p) => p.role === 'manager'), 'manager');
  setManagerName(db, manager.name);

  const customer = new BulkInsert(db, 'customer', [
    'id', 'code', 'name', 'city_id', 'county_id', 'channel_id', 'tier', 'parent_id', 'abc_override', 'owner_id', 'status',
    'credit_limit_cents', 'receivable_cents', 'contract_start', 'contract_end', 'contact', 'phone',
  ], 50);
  const customerChannel = new BulkInsert(db, 'customer_channel', ['customer_id', 'channel_id'], 100, customer);
  for (const c of world.customers) {
    customer.add(c.id, c.code, c.name, world.cities[c.cityIdx].id, c.countyId, c.channelIdx + 1, c.tier, c.parentId, c.abc,
      c.ownerId, c.status, c.creditCents, c.receivableCents, c.contractStart, c.contractEnd, c.contact, '');
  }
  customer.flush();
  for (const c of world.customers) {
    for (const ch of c.extraChannels) if (ch !== c.channelIdx) customerChannel.add(c.id, ch + 1);
  }
  customerChannel.flush();

  const terminal = new BulkInsert(db, 'terminal', [
    'id', 'code', 'name', 'city_id', 'county_id', 'channel_id', 'store_type', 'customer_id', 'owner_id', 'address', 'status',
  ], 50);
  for (const t of world.terminals) {
    terminal.add(t.id, t.code, t.name, world.cities[t.cityIdx].id, t.countyId, t.channelIdx + 1, t.storeType, t.customerId,
      t.ownerId, t.address, t.closed ? 'closed' : 'active');
  }
  terminal.flush();

  // The file was made with its working plan and the default expense items (the
  // demo's expenses are booked against those items by code); the plan's time is set
  // from the world, so that the same seed makes the same file.
  setWorkingPlanCreatedAt(db, importedAt(world, 0));

  const batch = (id: number, name: string, from: number, to: number) => ({
    id,
    source_name: name,
    source_hash: sourceHash(world, name),
    imported_at: importedAt(world, id),
    period_from: from,
    period_to: to,
  });
  const batches = [0, 1, 2].map((y) => batch(y + 1, `demo-${firstYear + y}`, (firstYear + y) * 100 + 1, (firstYear + y) * 100 + 12));
  const last = py - 1;
  const others: [BatchId, string, number, number][] = [
    [Batch.Market, `demo-market-${firstYear}-${last}`, firstYear * 100 + 1, last * 100 + 12],
    [Batch.StoreAudit, `demo-store-audit-${last}`, last * 100 + 1, last * 100 + 12],
    [Batch.Visits, `demo-visits-${last}`, last * 100 + 1, last * 100 + 12],
    [Batch.Statements, `demo-statements-${last}`, last * 100 + 1, last * 100 + 12],
    [Batch.Expenses, `demo-expenses-${last}`, last * 100 + 1, last * 100 + 12],
  ];
  for (const [id, name, from, to] of others) batches.push(batch(id, name, from, to));
  insertDemoBatches(db, batches);
}

function newTotals(world: World): ActualTotals {
  return {
    cityPair: new Float64Array(world.cities.length * world.pairs.length * MONTHS),
    amount: new Float64Array(MONTHS),
    volume: new Float64Array(MONTHS),
    grossProfit: new Float64Array(MONTHS),
    newProduct: new Float64Array(MONTHS),
    customerAmount: new Float64Array(world.customers.length * 12),
    customerVolume: new Float64Array(world.customers.length * 12),
    brandAmount: new Float64Array(BRANDS.length * 12),
    channelAmount: new Float64Array(CHANNELS.length * 12),
  };
}

/** One calendar year of sales_actual, written in primary-key order (period, customer, SKU). */
function insertActualYear(db: WriteDb, world: World, year: number, rng: Rng, totals: ActualTotals, progress: Progress): void {
  const batchId = year + 1;
  const rows = new BulkInsert(db, 'sales_actual', [
    'period', 'customer_id', 'sku_id', 'amount_cents', 'volume', 'gross_profit_cents', 'batch_id',
  ], 100);
  const { skus, customers, season, life } = world;
  const nPairs = world.pairs.length;
  const half = Math.ceil(customers.length / 2);
  for (let m = 0; m < 12; m++) {
    const t = year * 12 + m;
    const period = periodOf(world, t);
    const lastYear = t >= 24;
    for (let ci = 0; ci < customers.length; ci++) {
      if (ci === half) progress.tick();
      const c = customers[ci];
      if (t < c.startIdx || t > c.endIdx) continue;
      const perMonth = ((c.annualCents / 12) * (1 + c.growth) ** (t / 12) * world.calibration[t]) / c.orderP;
      const cityBase = c.cityIdx * nPairs;
      for (let i = 0; i < c.lineSku.length; i++) {
        const si = c.lineSku[i];
        const lf = life[si * MONTHS + t];
        if (lf === 0) continue;
        if (rng.next() >= c.orderP) continue;
        const s = skus[si];
        const expected = perMonth * c.lineShare[i] * season[s.catIdx * MONTHS + t] * lf * rng.lognormal(0.3);
        const net = c.lineNet[i];
        const volume = Math.max(1, Math.round(expected / net));
        const amount = volume * net;
        const gp = amount - volume * s.costCents;
        rows.add(period, c.id, s.id, amount, volume, gp, batchId);
        totals.cityPair[(cityBase + s.pairIdx) * MONTHS + t] += amount;
        totals.amount[t] += amount;
        totals.volume[t] += volume;
        totals.grossProfit[t] += gp;
        if (s.isNew) totals.newProduct[t] += amount;
        if (lastYear) {
          totals.customerAmount[ci * 12 + m] += amount;
          totals.customerVolume[ci * 12 + m] += volume;
          totals.brandAmount[s.brandIdx * 12 + m] += amount;
          totals.channelAmount[c.channelIdx * 12 + m] += amount;
          c.lineLastYearVolume[i] += volume;
        }
      }
    }
    progress.tick();
  }
  rows.flush();
  setBatchRowCount(db, batchId, rows.count);
  refreshDerived(db, 'sales', Array.from({ length: 12 }, (_, m) => periodOf(world, year * 12 + m)));
}

const SHARE_LOW = 0.1;
const SHARE_SPAN = 0.25;

function insertMarket(db: WriteDb, world: World, rng: Rng, totals: ActualTotals, progress: Progress): void {
  const { cities, pairs } = world;
  const nPairs = pairs.length;
  const covered = cities.filter((c) => !c.blank);
  const coveredSize = covered.reduce((s, c) => s + c.size, 0);
  // Brands reported per category, in brand-id order for primary-key order.
  const catBrands = CATEGORIES.map((cat, k) => {
    const own = pairs.map((p, pi) => ({ p, pi })).filter(({ p }) => p.catIdx === k).map(({ p, pi }) => ({ b: p.brandIdx, pair: pi, strength: 0 }));
    const comp = cat.competitors.map((c) => ({ b: brandIdx(c.brand), pair: -1, strength: c.strength }));
    return [...own, ...comp].sort((a, b) => a.b - b.b);
  });
  const avgCasePrice = CATEGORIES.map((_, k) => {
    const list = world.skus.filter((s) => s.catIdx === k);
    return (list.reduce((s, x) => s + x.listCents, 0) / Math.max(1, list.length)) * RETAIL_UPLIFT;
  });
  // Fixed per city: how big the category is there, our weak share where we have no
  // distributor, and each competitor's local strength.
  const nCats = CATEGORIES.length;
  const cityCat = Float64Array.from({ length: cities.length * nCats }, () => rng.lognormal(0.15));
  const spill = Float64Array.from({ length: cities.length * nCats }, () => rng.range(0.01, 0.04));
  const cityBrand = Float64Array.from({ length: cities.length * BRANDS.length }, () => rng.lognormal(0.3));

  // Logit offset that puts an average-strength city selling exactly its size's worth
  // at the category's average share.
  const shareOffset = CATEGORIES.map((cat) => {
    const p = (cat.ourShare - SHARE_LOW) / SHARE_SPAN;
    return Math.log(p / (1 - p));
  });
  const ours = (ci: number, k: number, t: number): number => {
    let s = 0;
    for (let p = 0; p < nPairs; p++) if (pairs[p].catIdx === k) s += totals.cityPair[(ci * nPairs + p) * MONTHS + t];
    return s * RETAIL_UPLIFT;
  };
  const rows = new BulkInsert(db, 'market_sales', ['period', 'city_id', 'category_id', 'brand_id', 'amount_cents', 'volume', 'batch_id']);
  let ticks = 0;
  for (let t = 0; t < MONTHS; t++) {
    const period = periodOf(world, t);
    const perSize = CATEGORIES.map((cat, k) => {
      let sum = 0;
      for (const c of covered) sum += ours(c.idx, k, t);
      return sum / (cat.ourShare * coveredSize);
    });
    for (const city of cities) {
      for (let k = 0; k < nCats; k++) {
        const expectedMarket = perSize[k] * city.size * cityCat[city.idx * nCats + k];
        let ourRetail = ours(city.idx, k, t);
        if (!city.blank && ourRetail < expectedMarket * SHARE_LOW) {
          // A covered city where our local customers ship little of the category:
          // consumers still buy it there, supplied through key accounts and
          // neighbouring distributors, so research sees at least a small share.
          ourRetail = expectedMarket * SHARE_LOW * rng.range(1, 1.2);
        }
        let market: number;
        let ourTotal: number;
        const floor = spill[city.idx * nCats + k];
        if (ourRetail > 0 && (!city.blank || ourRetail > expectedMarket * floor)) {
          // Where we have distribution, our share lies between 10% and 35%: higher
          // where we sell more than the city's size suggests, lower where we sell less.
          const x = Math.log(ourRetail / Math.max(expectedMarket, 1)) - Math.log(CATEGORIES[k].ourShare);
          const logit = 1.2 * x + shareOffset[k] + city.strength;
          const share = clamp((SHARE_LOW + SHARE_SPAN / (1 + Math.exp(-logit))) * rng.range(0.97, 1.03), SHARE_LOW, SHARE_LOW + SHARE_SPAN);
          market = ourRetail / share;
          ourTotal = ourRetail;
        } else {
          // Weak or blank city: the market is sized by the city; our little share
          // comes from goods flowing in from neighbouring distributors.
          market = expectedMarket;
          ourTotal = Math.max(ourRetail, market * floor);
        }
        const brands = catBrands[k];
        let compWeight = 0;
        const w = brands.map((b) => {
          if (b.pair >= 0) return 0;
          const v = b.strength * cityBrand[city.idx * BRANDS.length + b.b] * rng.lognormal(0.05);
          compWeight += v;
          return v;
        });
        const ownPairs = brands.filter((b) => b.pair >= 0);
        const shipped = ours(city.idx, k, t);
        for (let j = 0; j < brands.length; j++) {
          const b = brands[j];
          let amount: number;
          if (b.pair >= 0) {
            const pairAmount = totals.cityPair[(city.idx * nPairs + b.pair) * MONTHS + t] * RETAIL_UPLIFT;
            amount = shipped > 0 ? (ourTotal * pairAmount) / shipped : ourTotal / ownPairs.length;
          } else {
            amount = ((market - ourTotal) * w[j]) / compWeight;
          }
          const cents = Math.round(amount);
          const volume = Math.round(cents / (avgCasePrice[k] * BRANDS[b.b].priceIndex));
          rows.add(period, city.id, k + 1, b.b + 1, cents, volume, Batch.Market);
        }
      }
    }
    while (ticks < Math.floor(((t + 1) * 8) / MONTHS)) {
      ticks++;
      progress.tick();
    }
  }
  rows.flush();
  setBatchRowCount(db, Batch.Market, rows.count);
}

const SHELF_MARKUP: Readonly<Record<ChannelCode, number>> = { KA: 1.3, CHAIN: 1.4, TT: 1.45, HORECA: 2, EC: 1.3, SPECIAL: 1.7 };
const MAX_SKUS_ON_SHELF: Readonly<Record<ChannelCode, number>> = { KA: 8, CHAIN: 5, TT: 3, HORECA: 2, EC: 1, SPECIAL: 2 };
const DISTRIBUTION_BY_CHANNEL: Readonly<Record<ChannelCode, number>> = { KA: 1.15, CHAIN: 1.05, TT: 0.9, HORECA: 0.85, EC: 1, SPECIAL: 0.8 };

function insertStoreAudits(db: WriteDb, world: World, rng: Rng, progress: Progress): void {
  const { cities, terminals, skus } = world;
  const year = world.planYear - 1;
  const nCats = CATEGORIES.length;
  // Our SKUs per own (category, brand), most popular first: what a store stocks first.
  const pairSkus = world.pairs.map((_, p) => skus.filter((s) => s.pairIdx === p).sort((a, b) => b.weight - a.weight || a.idx - b.idx));
  const refUnitPrice = CATEGORIES.map((_, k) => {
    const flagship = must(skus.find((s) => s.catIdx === k), 'flagship SKU');
    return flagship.listCents / flagship.packSize;
  });
  const distribution = Float64Array.from({ length: cities.length * nCats }, (_, i) => {
    const city = cities[Math.floor(i / nCats)];
    const cat = CATEGORIES[i % nCats];
    const strong = 1 / (1 + Math.exp(-1.5 * city.strength));
    return (city.blank ? rng.range(0.08, 0.25) : 0.4 + 0.45 * strong * rng.range(0.85, 1.15)) * (cat.ourShare / 0.15) ** 0.3;
  });
  const storeDef = new Map(STORE_CHANNELS.map((s) => [s.channel, s]));
  const panel = terminals.filter((t) => !t.closed && rng.chance(world.spec.auditShare));

  const audit = new BulkInsert(db, 'store_audit', ['id', 'audit_date', 'terminal_id', 'auditor_id', 'batch_id'], 100);
  const brandRows = new BulkInsert(db, 'store_audit_brand', [
    'audit_id', 'brand_id', 'category_id', 'skus_on_shelf', 'facings', 'shelf_price_cents', 'has_display', 'sellout_cents',
  ], 100, audit);
  const skuRows = new BulkInsert(db, 'store_audit_sku', ['audit_id', 'sku_id', 'facings', 'shelf_price_cents'], 100, audit);
  type BrandLine = [number, number, number, number, number | null, number, number];
  let auditId = 0;
  const perTick = Math.max(1, Math.ceil((panel.length * 4) / 6));
  let sinceTick = 0;
  let ticks = 0;
  for (let q = 0; q < 4; q++) {
    const month = q * 3 + 2;
    const t = 24 + month - 1;
    for (const store of panel) {
      if (++sinceTick >= perTick && ticks < 6) {
        sinceTick = 0;
        ticks++;
        progress.tick();
      }
      if (!rng.chance(0.92)) continue;
      const channel = CHANNELS[store.channelIdx].code;
      const def = must(storeDef.get(channel), 'store channel');
      const id = ++auditId;
      audit.add(id, isoDate(year, month, rng.int(1, 28)), store.id, store.ownerId, Batch.StoreAudit);
      const lines: BrandLine[] = [];
      const skuLines: [number, number, number][] = [];
      const supplied = store.customerId !== null ? 0.1 : 0;
      for (let k = 0; k < nCats; k++) {
        const cat = CATEGORIES[k];
        if (!cat.channels.includes(channel)) continue;
        const offSeason = cat.seasonality === 'festival' && (q === 1 || q === 2) ? 0.4 : 1;
        const seasonNow = world.season[k * MONTHS + t];
        const markup = SHELF_MARKUP[channel] * rng.range(0.95, 1.05);
        world.pairs.forEach((pair, p) => {
          if (pair.catIdx !== k) return;
          const pOn = clamp((distribution[store.cityIdx * nCats + k] * DISTRIBUTION_BY_CHANNEL[channel] + supplied + 0.02 * q) * offSeason, 0.02, 0.97);
          const available = pairSkus[p].filter((s) => s.launchIdx <= t && (s.discontinuedIdx === null || s.discontinuedIdx >= t));
          if (available.length === 0 || !rng.chance(pOn)) {
            // The auditor looks for our brand in every store, so its absence is recorded.
            lines.push([pair.brandIdx + 1, k + 1, 0, 0, null, 0, 0]);
            return;
          }
          const want = 1 + Math.floor(rng.next() * Math.min(available.length, MAX_SKUS_ON_SHELF[channel]));
          let facings = 0;
          let firstPrice: number | null = null;
          let sellout = 0;
          let taken = 0;
          for (const s of available) {
            if (taken >= want) break;
            if (taken > 0 && rng.chance(0.4)) continue;
            taken++;
            const f = Math.max(1, Math.round(rng.range(1, 3) * def.scale));
            const price = Math.round((s.listCents / s.packSize) * markup / 10) * 10;
            firstPrice ??= price;
            facings += f;
            sellout += f * price * rng.range(6, 14) * seasonNow;
            skuLines.push([s.id, f, price]);
          }
          lines.push([pair.brandIdx + 1, k + 1, taken, facings, firstPrice, rng.chance(def.displayChance * 1.2) ? 1 : 0, Math.round(sellout)]);
        });
        for (const comp of cat.competitors) {
          const b = brandIdx(comp.brand);
          if (!rng.chance(Math.min(0.95, (0.35 + comp.strength * 1.6) * offSeason))) continue;
          const n = Math.max(1, Math.min(MAX_SKUS_ON_SHELF[channel], Math.round(rng.range(0.5, 1.5) * comp.strength * 12)));
          const facings = Math.max(1, Math.round(n * rng.range(1, 3) * def.scale * (1 + comp.strength)));
          const price = Math.round((refUnitPrice[k] * BRANDS[b].priceIndex * markup * rng.range(0.93, 1.07)) / 10) * 10;
          lines.push([b + 1, k + 1, n, facings, price, rng.chance(def.displayChance * (0.8 + comp.strength * 2)) ? 1 : 0,
            Math.round(facings * price * rng.range(6, 14) * seasonNow)]);
        }
      }
      lines.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const l of lines) brandRows.add(id, ...l);
      skuLines.sort((a, b) => a[0] - b[0]);
      for (const [skuId, f, price] of skuLines) skuRows.add(id, skuId, f, price);
    }
  }
  while (ticks < 6) {
    ticks++;
    progress.tick();
  }
  audit.flush();
  brandRows.flush();
  skuRows.flush();
  // Counted as an import counts audits (and as the batch list counts what a batch holds): a line per brand and category.
  setBatchRowCount(db, Batch.StoreAudit, brandRows.count);
}

function insertVisits(db: WriteDb, world: World, rng: Rng, totals: ActualTotals, progress: Progress): void {
  const { customers, skus, planYear } = world;
  const year = planYear - 1;
  const yearStart = Date.UTC(year, 0, 1);
  const daysInYear = (Date.UTC(year + 1, 0, 1) - yearStart) / 86_400_000;
  const ranked = customers.filter((c) => c.endIdx >= 24).sort((a, b) => b.annualCents - a.annualCents || a.idx - b.idx);
  const topCut = Math.max(1, Math.round(ranked.length * 0.2));
  const rankOf = new Map(ranked.map((c, i) => [c.idx, i]));

  interface Plan { date: string; customer: CustomerRec }
  const plans: Plan[] = [];
  for (const c of customers) {
    let n: number;
    if (c.status === 'prospect') n = rng.int(1, 3);
    else if (c.endIdx < 24) continue;
    else if (c.tier === 'sub_distributor') n = rng.chance(0.4) ? rng.int(1, 3) : 0;
    else if ((rankOf.get(c.idx) ?? topCut) < topCut) n = rng.int(10, 18);
    else if (c.tier === 'key_account') n = rng.int(4, 10);
    else n = rng.int(3, 8);
    // Visits fall in the months the customer was trading (or, for a prospect, any time).
    const firstDay = c.status === 'prospect' ? 0 : Math.max(0, (Date.UTC(year, Math.max(0, c.startIdx - 24), 1) - yearStart) / 86_400_000);
    const lastDay = c.status === 'prospect' || c.endIdx >= 35
      ? daysInYear - 1
      : (Date.UTC(year, c.endIdx - 24 + 1, 0) - yearStart) / 86_400_000;
    for (let i = 0; i < n; i++) {
      const day = rng.int(firstDay, Math.max(firstDay, lastDay));
      plans.push({ date: new Date(yearStart + day * 86_400_000).toISOString().slice(0, 10), customer: c });
    }
  }
  plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.customer.idx - b.customer.idx));
  progress.tick();

  const visit = new BulkInsert(db, 'customer_visit', [
    'id', 'visit_date', 'customer_id', 'salesperson_id', 'sales_goal', 'business_goal', 'outcome', 'complaints', 'batch_id',
  ], 50);
  const stock = new BulkInsert(db, 'visit_stock', ['visit_id', 'sku_id', 'stock_volume'], 100, visit);
  const price = new BulkInsert(db, 'visit_price', [
    'visit_id', 'brand_id', 'sku_id', 'product_label', 'purchase_price_cents', 'retail_price_cents',
  ], 100, visit);
  const promise = new BulkInsert(db, 'visit_promise', ['visit_id', 'promise', 'due_date', 'done'], 100, visit);
  const planStart = isoDate(planYear, 1, 1);
  let ticks = 0;
  plans.forEach((plan, i) => {
    while (ticks < Math.floor((i * 3) / plans.length)) {
      ticks++;
      progress.tick();
    }
    const c = plan.customer;
    const id = i + 1;
    const m = Number(plan.date.slice(5, 7)) - 1;
    if (c.status === 'prospect') {
      visit.add(id, plan.date, c.id, c.ownerId, '', '招商洽談：介紹產品、價格政策與市場支持', rng.pick(['客戶有意向，待報總部審批', '客戶在比較競品政策', '已提交合作方案']), '', Batch.Visits);
      return;
    }
    const monthVolume = totals.customerVolume[c.idx * 12 + m];
    const avgVolume = c.lineLastYearVolume.reduce((s, v) => s + v, 0) / 12;
    const goalVolume = Math.max(10, Math.round((Math.max(monthVolume, avgVolume) * rng.range(1, 1.3)) / 10) * 10);
    const complaints = rng.chance(0.25) ? rng.pick(VISIT_COMPLAINTS) : '';
    const visitor = c.ownerId;
    visit.add(id, plan.date, c.id, visitor, `本月進貨目標${goalVolume}箱`, rng.pick(VISIT_BUSINESS_GOALS), rng.pick(VISIT_OUTCOMES), complaints, Batch.Visits);

    const t = 24 + m;
    const lines: number[] = [];
    for (let j = 0; j < c.lineSku.length; j++) if (world.life[c.lineSku[j] * MONTHS + t] > 0) lines.push(j);
    const checked = rng.sampleWeighted(lines.map((j) => c.lineShare[j]), Math.min(lines.length, rng.int(3, 6))).map((x) => lines[x]);
    for (const j of checked) {
      const monthly = c.lineLastYearVolume[j] / 12;
      const vol = rng.chance(0.05) ? 0 : Math.round(monthly * rng.range(0.3, 1.6));
      stock.add(id, skus[c.lineSku[j]].id, vol);
    }
    // Prices: our SKUs (purchase = our net price, retail = the customer's resale price)
    // and a competitor product or two in the same category. Now and then a customer
    // sells below cost (價格倒掛).
    for (const j of checked.slice(0, rng.int(2, 3))) {
      const s = skus[c.lineSku[j]];
      const purchase = c.lineNet[j];
      const retail = Math.round((purchase * (rng.chance(0.04) ? rng.range(0.94, 0.99) : rng.range(1.03, 1.1))) / 10) * 10;
      price.add(id, s.brandIdx + 1, s.id, '', purchase, retail);
      const cat = CATEGORIES[s.catIdx];
      for (const comp of rng.sampleWeighted(cat.competitors.map((x) => x.strength), rng.int(1, 2))) {
        const cp = cat.competitors[comp];
        const b = brandIdx(cp.brand);
        const compPurchase = Math.round((purchase * BRANDS[b].priceIndex * rng.range(0.95, 1.05)) / 10) * 10;
        const compRetail = Math.round((compPurchase * (rng.chance(0.06) ? rng.range(0.93, 0.99) : rng.range(1.03, 1.1))) / 10) * 10;
        price.add(id, b + 1, null, `${BRANDS[b].name} ${cp.product} ${s.spec}`, compPurchase, compRetail);
      }
    }
    const nPromises = rng.chance(0.1) ? 2 : rng.chance(0.4) ? 1 : 0;
    for (const text of rng.sampleWeighted(VISIT_PROMISES.map(() => 1), nPromises).map((x) => VISIT_PROMISES[x])) {
      const due = addDays(plan.date, rng.int(3, 30));
      promise.add(id, text, due, rng.chance(due < planStart ? 0.85 : 0.3) ? 1 : 0);
    }
  });
  while (ticks < 3) {
    ticks++;
    progress.tick();
  }
  visit.flush();
  stock.flush();
  price.flush();
  promise.flush();
  setBatchRowCount(db, Batch.Visits, visit.count);
}

function insertStatements(db: WriteDb, world: World, rng: Rng, totals: ActualTotals): void {
  const rows = new BulkInsert(db, 'customer_statement', [
    'period', 'customer_id', 'inventory_cents', 'inventory_volume', 'receivable_cents', 'prepayment_cents', 'batch_id',
  ]);
  const distributors = world.customers.filter((c) => c.tier === 'distributor' && c.endIdx >= 24);
  for (let m = 0; m < 12; m++) {
    const t = 24 + m;
    for (const c of distributors) {
      if (t < c.startIdx || t > c.endIdx) continue;
      let yearAmount = 0;
      let yearVolume = 0;
      for (let k = 0; k < 12; k++) {
        yearAmount += totals.customerAmount[c.idx * 12 + k];
        yearVolume += totals.customerVolume[c.idx * 12 + k];
      }
      if (yearVolume === 0) continue;
      const monthVolume = totals.customerVolume[c.idx * 12 + m] || yearVolume / 12;
      const inventoryVolume = Math.round(monthVolume * rng.range(0.6, 1.5));
      const inventory = Math.round((inventoryVolume * yearAmount) / yearVolume);
      const monthAmount = totals.customerAmount[c.idx * 12 + m];
      let receivable = 0;
      let prepayment = 0;
      if (c.prepay) {
        prepayment = Math.round((monthAmount * rng.range(0.2, 0.6)) / 100) * 100;
      } else if (c.creditCents > 0) {
        // The closing month agrees with the customer's current balance.
        receivable = m === 11 || t === c.endIdx ? c.receivableCents : Math.round((c.creditCents * rng.range(0.3, 1.05)) / 100) * 100;
      } else {
        receivable = Math.round((monthAmount * rng.range(0, 0.3)) / 100) * 100;
      }
      rows.add(periodOf(world, t), c.id, inventory, inventoryVolume, receivable, prepayment, Batch.Statements);
    }
  }
  rows.flush();
  setBatchRowCount(db, Batch.Statements, rows.count);
}

interface ExpenseRule {
  code: string;
  rate: number;
  split: 'none' | 'brand' | 'channel';
  channels?: readonly [ChannelCode, number][];
  /** Monthly profile; null means "follows sales". */
  shape: readonly number[] | null;
}

const EXPENSE_RULES: readonly ExpenseRule[] = [
  { code: 'TERM-LIST', rate: 0.012, split: 'channel', channels: [['KA', 0.6], ['CHAIN', 0.4]], shape: [1.6, 0.6, 1.4, 1.2, 0.8, 0.7, 0.6, 0.6, 1.3, 1, 0.8, 1.4] },
  { code: 'TERM-SHELF', rate: 0.02, split: 'channel', channels: [['KA', 0.45], ['CHAIN', 0.35], ['TT', 0.2]], shape: null },
  { code: 'TERM-DISP', rate: 0.013, split: 'channel', channels: [['KA', 0.65], ['CHAIN', 0.35]], shape: [1.8, 1.4, 0.6, 0.6, 0.9, 1.3, 1.4, 1.2, 1, 0.6, 0.5, 0.9] },
  { code: 'TERM-SIGN', rate: 0.005, split: 'channel', channels: [['TT', 1]], shape: [0, 0, 1.5, 1.5, 1, 0.5, 0, 0, 1.5, 1.5, 1, 0] },
  { code: 'ADV-MEDIA', rate: 0.012, split: 'brand', shape: [0.8, 0.6, 0.8, 1.4, 1.8, 1.6, 1.2, 0.8, 0.6, 0.6, 0.6, 1.2] },
  { code: 'ADV-POP', rate: 0.006, split: 'brand', shape: null },
  { code: 'PROMO-CONS', rate: 0.022, split: 'brand', shape: null },
  { code: 'PROMO-TRADE', rate: 0.018, split: 'channel', shape: null },
  { code: 'STAFF-COMM', rate: 0.009, split: 'none', shape: null },
  { code: 'STAFF-PROMOTER', rate: 0.007, split: 'channel', channels: [['KA', 0.7], ['CHAIN', 0.3]], shape: [1.8, 1.5, 0.6, 0.6, 0.8, 1.2, 1.3, 1.2, 1, 0.7, 0.6, 0.7] },
  { code: 'TRAVEL', rate: 0.004, split: 'none', shape: [0.7, 0.6, 1.1, 1.1, 1, 1, 1, 1, 1.1, 1, 1.1, 1.3] },
  { code: 'TRAIN', rate: 0.0015, split: 'none', shape: [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0] },
  { code: 'MEET', rate: 0.0025, split: 'none', shape: [4, 0.2, 0.2, 0.2, 0.2, 0.2, 3, 0.2, 0.2, 0.2, 0.2, 0.2] },
  { code: 'OTHER', rate: 0.002, split: 'none', shape: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
];

function insertExpensesAndTargets(db: WriteDb, world: World, rng: Rng, totals: ActualTotals): void {
  const year = world.planYear - 1;
  const itemIds = expenseItemIdsByCode(db);
  const monthSales = Array.from({ length: 12 }, (_, m) => totals.amount[24 + m]);
  const yearSales = monthSales.reduce((a, b) => a + b, 0);
  const ownBrands = BRANDS.map((b, i) => ({ b, i })).filter(({ b }) => b.own).map(({ i }) => i);
  const rows = new BulkInsert(db, 'expense_actual', [
    'period', 'item_id', 'brand_id', 'category_id', 'channel_id', 'city_id', 'amount_cents', 'note', 'batch_id',
  ]);
  const toYuan = (cents: number): number => Math.round(cents / 100) * 100;
  for (let m = 0; m < 12; m++) {
    const period = year * 100 + m + 1;
    for (const rule of EXPENSE_RULES) {
      const itemId = must(itemIds.get(rule.code), `expense item ${rule.code}`);
      const shareOfYear = rule.shape === null
        ? monthSales[m] / yearSales
        : rule.shape[m] / rule.shape.reduce((a, b) => a + b, 0);
      const amount = rule.rate * yearSales * shareOfYear * rng.lognormal(0.1);
      if (amount <= 0) continue;
      if (rule.split === 'none') {
        rows.add(period, itemId, null, null, null, null, toYuan(amount), '', Batch.Expenses);
      } else if (rule.split === 'brand') {
        const weights = ownBrands.map((b) => totals.brandAmount[b * 12 + m]);
        const sum = weights.reduce((a, b) => a + b, 0) || 1;
        ownBrands.forEach((b, j) => {
          const v = toYuan((amount * weights[j]) / sum);
          if (v > 0) rows.add(period, itemId, b + 1, null, null, null, v, '', Batch.Expenses);
        });
      } else {
        const split: [number, number][] = rule.channels
          ? rule.channels.map(([code, w]) => [CHANNEL_IDX[code], w])
          : CHANNELS.map((_, ci) => [ci, totals.channelAmount[ci * 12 + m]]);
        const sum = split.reduce((a, [, w]) => a + w, 0) || 1;
        for (const [ci, w] of split) {
          const v = toYuan((amount * w) / sum);
          if (v > 0) rows.add(period, itemId, null, null, ci + 1, null, v, '', Batch.Expenses);
        }
      }
    }
    // Wages follow the team actually employed that month.
    const monthStart = isoDate(year, m + 1, 1);
    const wages = world.people
      .filter((p) => p.start <= monthStart && (p.end === null || p.end >= monthStart))
      .reduce((s, p) => s + p.monthlyCostCents, 0);
    rows.add(period, must(itemIds.get('STAFF-WAGE'), 'wage item'), null, null, null, null, wages, '', Batch.Expenses);
  }
  rows.flush();
  setBatchRowCount(db, Batch.Expenses, rows.count);

  // Head office's target: last year's monthly pattern grown by 12%, in whole 萬元.
  const gpRate = totals.grossProfit.slice(24).reduce((a, b) => a + b, 0) / yearSales;

  // New products: twice last year's share of launches, within 6–15% of the target.
  const newRate = clamp((2 * totals.newProduct.slice(24).reduce((x, y) => x + y, 0)) / yearSales, 0.06, 0.15);
  insertHoTargets(
    db,
    Array.from({ length: 12 }, (_, m) => {
      const amount = Math.round((monthSales[m] * 1.12) / WAN_CENTS) * WAN_CENTS;
      return {
        month: m + 1,
        amount_cents: amount,
        volume: Math.round(totals.volume[24 + m] * 1.1),
        gross_profit_cents: Math.round((amount * gpRate) / WAN_CENTS) * WAN_CENTS,
        new_product_cents: Math.round((amount * newRate) / WAN_CENTS) * WAN_CENTS,
      };
    }),
  );
}

/**
 * The written plan's first drafts, worded from the region's own figures as the app's
 * 按數據起草 does (in Traditional Chinese, the default UI), so a first-time user sees the
 * sections filled with live figures.
 */
function insertWrittenPlan(db: WriteDb): void {
  const versionId = workingVersionId(db);
  const table = figureTable(db, versionId);
  for (const section of DRAFT_SECTIONS) {
    const doc = draftDoc(db, versionId, section, 'zh-Hant', table);
    if (doc) putNarrative(db, { version_id: versionId, section, body: JSON.stringify(doc) });
  }
}

// ---------------------------------------------------------------------------------

/**
 * Fills a freshly created (migrated, empty) region file with a deterministic demo
 * region: East China geography, our products and competitors, team, customers,
 * stores, three years of sales and market data, last year's audits, visits,
 * statements and expenses, and head office's target for the plan year.
 *
 * Writes in a few large transactions. If cancelled or interrupted, the file holds
 * part of the data and should be discarded.
 */
export function fillDemoRegion(db: WriteDb, options: DemoOptions): void {
  const spec = SIZES[options.size];
  if (spec === undefined) throw new Error(`unknown demo size: ${String(options.size)}`);
  const planYear = regionPlanYear(db);
  // Periods before 2000 are outside the schema's range, and the history is three years.
  if (planYear - 3 < 2000) throw new Error('a demo region needs a plan year of 2003 or later');
  if (countRows(db, 'provinces') + countRows(db, 'salesActualRows') > 0) {
    throw new Error('the region file already holds data; a demo region is generated into an empty file');
  }

  const progress = new Progress(options);
  progress.check();
  const seed = Math.trunc(options.seed);
  const world: World = {
    seed,
    size: options.size,
    spec,
    planYear,
    referenceTime: demoReferenceTime(planYear, options.now ?? new Date()),
    firstYear: planYear - 3,
    provinces: [],
    cities: [],
    people: [],
    kaManagerIdx: null,
    skus: [],
    pairs: [],
    customers: [],
    terminals: [],
    season: new Float64Array(0),
    life: new Float64Array(0),
    calibration: new Float64Array(MONTHS).fill(1),
  };
  buildGeography(world, Rng.derive(seed, 'geography'));
  buildPeople(world, Rng.derive(seed, 'people'));
  buildSkus(world, Rng.derive(seed, 'skus'));
  buildCustomers(world, Rng.derive(seed, 'customers'));
  buildSalesModel(world, Rng.derive(seed, 'sales-model'));
  buildTerminals(world, Rng.derive(seed, 'terminals'));
  progress.tick(2);

  // A bigger page cache keeps the three secondary indexes of sales_actual, which are
  // filled in random order, from thrashing; it is put back afterwards.
  withBulkCache(db, () => {
    jobTransaction(db, () => insertMasterData(db, world));
    progress.tick(2);

    const totals = newTotals(world);
    const actualsRng = Rng.derive(seed, 'actuals');
    for (let y = 0; y < 3; y++) {
      jobTransaction(db, () => insertActualYear(db, world, y, actualsRng, totals, progress));
    }

    jobTransaction(db, () => {
      insertMarket(db, world, Rng.derive(seed, 'market'), totals, progress);
      insertStoreAudits(db, world, Rng.derive(seed, 'audits'), progress);
      insertVisits(db, world, Rng.derive(seed, 'visits'), totals, progress);
      insertStatements(db, world, Rng.derive(seed, 'statements'), totals);
      progress.tick(2);
      insertExpensesAndTargets(db, world, Rng.derive(seed, 'expenses'), totals);
      insertChannelPlanDemo(db, seed);
      insertWrittenPlan(db);
      insertDemoTerminalPlan(db, seed);
      insertDemoProductPlan(db, planYear);
      insertDemoVarianceNotes(db, world.planYear, importedAt(world, 0));
    });
    progress.finish();
  });
}
