import { writeFileSync } from 'node:fs';
import { Rng } from '../../src/main/core/demo/random';

// A sales export shaped like another company's ERP, as a new user brings it: English
// headers, day-first dates with two-digit years (some with a time), amounts with three
// and four decimals, every invoice line naming its customer and SKU again with their
// attributes (city written with and without 市, channel, salesperson; brand, category,
// pack size, price), and none of them known to a new region. Deterministic, so the
// expected totals are computed here, exactly, in integers.

export const ERP_HEADERS = [
  'Invoice No',
  'Invoice Date',
  'Customer ID',
  'Customer Name',
  'Customer City',
  'Channel',
  'Sales Rep',
  'Item Code',
  'Item Description',
  'Brand',
  'Category',
  'Pack Size',
  'Unit Price',
  'Qty',
  'Net Amount',
] as const;

/** The column each field of the sales import takes, by the header above. */
export const ERP_COLUMNS = {
  period: 'Invoice Date',
  customer: 'Customer ID',
  customerName: 'Customer Name',
  sku: 'Item Code',
  skuName: 'Item Description',
  amount: 'Net Amount',
  volume: 'Qty',
} as const;

export interface ErpExport {
  text: string;
  lines: number;
  customers: number;
  skus: number;
  /** Distinct cities after folding 苏州 / 苏州市, and the channels, brands, categories named. */
  cities: string[];
  channels: string[];
  brands: string[];
  categories: string[];
  /** Sum of the file's amounts, in 1/10,000 元 (exact). */
  fileTotalUnits: bigint;
  /** Sum of each line's amount rounded half away from zero to the 分. */
  importedTotalCents: number;
  /** Lines whose amount has more decimals than 分. */
  roundedValues: number;
  /** Amount by yyyymm, in cents, rounded per line. */
  byPeriodCents: Map<number, number>;
}

/** Cities as the export writes them: the same city with and without 市. */
const CITY_FORMS: [string, string][] = [
  ['苏州', '苏州'],
  ['苏州市', '苏州'],
  ['杭州市', '杭州'],
  ['南京', '南京'],
  ['无锡市', '无锡'],
  ['宁波', '宁波'],
  ['合肥市', '合肥'],
  ['常州', '常州'],
  ['温州市', '温州'],
  ['嘉兴', '嘉兴'],
];
const CHANNELS = ['经销商', '商超KA', '电商'];
const REPS = ['王伟', '李娜', '张敏', '刘洋', '陈静', '杨帆', '赵磊', '黄丽'];
const BRANDS = ['清泉', '山露', '果园派', '晨光'];
const CATEGORIES = ['饮用水', '果汁', '茶饮料', '乳饮料'];
const PACKS = ['12', '15', '24'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** units of 1/10,000 元 → cents, half away from zero. */
function roundUnitsToCents(units: number): number {
  const sign = units < 0 ? -1 : 1;
  const abs = Math.abs(units);
  return sign * (Math.floor(abs / 100) + (abs % 100 >= 50 ? 1 : 0));
}

function money4(units: number, decimals: 3 | 4): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const frac = pad(abs % 10_000, 4);
  return `${sign}${Math.floor(abs / 10_000)}.${decimals === 4 ? frac : frac.slice(0, 3)}`;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function makeForeignErpExport(options: { lines?: number; customers?: number; skus?: number; year?: number; seed?: number } = {}): ErpExport {
  const lines = options.lines ?? 3000;
  const customerCount = options.customers ?? 300;
  const skuCount = options.skus ?? 500;
  const year = options.year ?? 2026;
  const rng = new Rng(options.seed ?? 17);
  const next = () => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];

  const customers = Array.from({ length: customerCount }, (_, i) => {
    const [cityAsWritten, city] = pick(CITY_FORMS);
    return {
      code: `CUST-${pad(i + 1, 5)}`,
      name: `${city}${pick(['顺达', '恒通', '联华', '永辉', '鑫源', '和美'])}商贸${i + 1}号`,
      cityAsWritten,
      city,
      channel: pick(CHANNELS),
      rep: pick(REPS),
    };
  });
  const skus = Array.from({ length: skuCount }, (_, i) => {
    const brand = pick(BRANDS);
    const category = pick(CATEGORIES);
    return {
      code: `ITM${pad(i + 1, 6)}`,
      name: `${brand}${category}${pick(['350ml', '500ml', '1L', '1.5L'])}-${i + 1}`,
      brand,
      category,
      pack: pick(PACKS),
      // 1/10,000 元 per case, four decimals as the ERP keeps them.
      priceUnits: 200_000 + Math.floor(next() * 1_500_000),
    };
  });

  const rows: string[] = [ERP_HEADERS.join(',')];
  let fileTotalUnits = 0n;
  let importedTotalCents = 0;
  let roundedValues = 0;
  const byPeriodCents = new Map<number, number>();
  for (let i = 0; i < lines; i++) {
    // Every customer and SKU appears at least once, then at random: codes repeat.
    const c = i < customerCount ? customers[i] : pick(customers);
    const s = i < skuCount ? skus[i] : pick(skus);
    const month = 1 + Math.floor(next() * 12);
    const day = 1 + Math.floor(next() * 28);
    const date = `${pad(day)}/${pad(month)}/${pad(year % 100)}${next() < 0.1 ? ` ${pad(8 + Math.floor(next() * 10))}:${pad(Math.floor(next() * 60))}:05` : ''}`;
    const qty = (next() < 0.03 ? -1 : 1) * (1 + Math.floor(next() * 40));
    // Net of a discount: the amount rarely falls on a whole 分.
    const amountUnits = Math.round(qty * s.priceUnits * (0.88 + next() * 0.1));
    const decimals: 3 | 4 = next() < 0.2 ? 3 : 4;
    const written = decimals === 3 ? Math.trunc(amountUnits / 10) * 10 : amountUnits;
    fileTotalUnits += BigInt(written);
    const cents = roundUnitsToCents(written);
    importedTotalCents += cents;
    if (written % 100 !== 0) roundedValues++;
    const period = year * 100 + month;
    byPeriodCents.set(period, (byPeriodCents.get(period) ?? 0) + cents);
    rows.push(
      [
        `INV${pad(100000 + i, 7)}`,
        date,
        c.code,
        c.name,
        c.cityAsWritten,
        c.channel,
        c.rep,
        s.code,
        s.name,
        s.brand,
        s.category,
        s.pack,
        money4(s.priceUnits, 4),
        String(qty),
        money4(written, decimals),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  const used = <T>(xs: T[]) => [...new Set(xs)].sort();
  return {
    text: `${rows.join('\r\n')}\r\n`,
    lines,
    customers: customerCount,
    skus: skuCount,
    cities: used(customers.map((c) => c.city)),
    channels: used(customers.map((c) => c.channel)),
    brands: used(skus.map((s) => s.brand)),
    categories: used(skus.map((s) => s.category)),
    fileTotalUnits,
    importedTotalCents,
    roundedValues,
    byPeriodCents,
  };
}

export function writeForeignErpExport(path: string, options?: Parameters<typeof makeForeignErpExport>[0]): ErpExport {
  const made = makeForeignErpExport(options);
  writeFileSync(path, made.text, 'utf8');
  return made;
}
