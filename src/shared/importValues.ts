// Values as they come out of ERP exports and Chinese Excel files, for the imports of
// actuals, market data, audits and visits. Pure and exact: money becomes
// integer cents by decimal-string arithmetic (never through a float), dates become
// ISO days or yyyymm periods. A failure names a reason key (i18n) and the text.
//
// Money: an amount with more decimals than 分 (an ERP's unit price × quantity,
// "1234.5678") is rounded half away from zero to 分 (1.235 → 1.24, -0.005 → -0.01),
// and the result says by how much, exactly, so an import can show the file's total
// beside the imported one. The strict variant refuses such amounts ('tooPrecise').
// A unit (萬元) scales the amount before it is rounded.
//
// Dates: year-first forms (2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 20260301) are
// read as they are; a day and month without the year first (03/04/2026, 3.4.26,
// 3-4-2026) are only read with the order the user chose ('dmy' or 'mdy'), never
// guessed. Their year may have two digits: 00–69 are 2000–2069, 70–99 are 1970–1999
// (TWO_DIGIT_YEAR_PIVOT, the same rule as Excel's). A time after the date
// ("2026/3/5 14:22:01", "5.3.26 9:05", "… 下午 2:05") is dropped. Excel day numbers
// are read in the workbook's date system (1900, with Excel's fictitious 1900-02-29,
// or 1904).

export type ValueResult<T> = { ok: true; value: T } | { ok: false; reason: ImportValueReason; params: { value: string; order?: DateOrder } };

export const IMPORT_VALUE_REASONS = [
  'empty',
  'notNumber',
  'notInteger',
  'tooPrecise',
  'tooLarge',
  'notDate',
  'notPeriod',
  'ambiguousDate',
  'noSuchDate',
] as const;
export type ImportValueReason = (typeof IMPORT_VALUE_REASONS)[number];

/** How a date without the year first is read: year-first only, day-first or month-first. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
/** The workbook's date system: Windows Excel (1900) or old Mac Excel (1904). */
export type DateSystem = 1900 | 1904;

export interface DateOptions {
  order: DateOrder;
  system: DateSystem;
}

export const DEFAULT_DATE_OPTIONS: DateOptions = { order: 'ymd', system: 1900 };

const fail = <T>(reason: ImportValueReason, text: string): ValueResult<T> => ({ ok: false, reason, params: { value: text.trim() } });
/** A date that failed, with the order it was read in (its message lists the forms that order accepts). */
const failDate = <T>(reason: ImportValueReason, text: string, order: DateOrder): ValueResult<T> => ({
  ok: false,
  reason,
  params: { value: text.trim(), order },
});
const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });

/** Full-width digits and signs to ASCII, spaces (incl. ideographic and no-break) removed at the ends. */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/[\u00a0\u3000]/g, ' ').trim();
}

// ---------------------------------------------------------------------------------
// Numbers

/** 萬 (10^4), 億 (10^8) and 千 (10^3), traditional and simplified; a trailing 元 is dropped. */
const MULTIPLIERS: Record<string, number> = { 千: 3, 万: 4, 萬: 4, 亿: 8, 億: 8 };

interface Decimal {
  negative: boolean;
  /** All digits, without the point. */
  digits: string;
  /** How many of `digits` are after the point. */
  scale: number;
}

/**
 * A decimal as written in a spreadsheet: thousands separators (, ' _ and spaces),
 * negatives as -1,234 or (1,234) or 1,234-, a trailing %, 萬/億/千 units, ¥/￥/元.
 * Returns the exact decimal, its exponent adjusted for % and the unit.
 */
function readDecimal(text: string, unitShift = 0): { d: Decimal; percent: boolean } | null {
  let s = normalize(text).replace(/[,'_\s]/g, '');
  if (s === '') return null;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1];
  }
  s = s.replace(/^[¥￥]/, '').replace(/(?:元|RMB|CNY)$/i, '');
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith('+')) s = s.slice(1);
  else if (/[-−]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1);
  }
  s = s.replace(/^[¥￥]/, '');
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1);
  }
  let shift = unitShift;
  const unit = MULTIPLIERS[s.slice(-1)];
  if (unit !== undefined) {
    shift += unit;
    s = s.slice(0, -1);
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const int = m[1] || '0';
  const frac = m[2] ?? '';
  let scale = frac.length - shift + (percent ? 2 : 0);
  let digits = `${int}${frac}`;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  return { d: { negative, digits, scale }, percent };
}

/** The decimal as an integer number of 10^-places units, or why not. */
function toUnits(d: Decimal, places: number, text: string): ValueResult<number> {
  let digits = d.digits;
  let scale = d.scale;
  // Trailing zeros after the point carry no precision.
  while (scale > places && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale > places) return fail('tooPrecise', text);
  digits += '0'.repeat(places - scale);
  const n = Number(digits.replace(/^0+(?=\d)/, ''));
  if (!Number.isSafeInteger(n)) return fail('tooLarge', text);
  return ok(n === 0 ? 0 : d.negative ? -n : n);
}

/**
 * The value of a plain number, the common cell of an ERP export, without the general
 * path: money is /^-?\d{1,13}(\.\d{1,2})?$/ (`maxWhole` 13, `maxFraction` 2: in cents, any
 * of them a safe integer), a whole number /^-?\d{1,15}$/ (15, 0). Read a character at a
 * time, so a million-row file's cells make no match arrays and substrings. NaN when the
 * text is not that plain.
 */
export function plainNumber(text: string, maxWhole: number, maxFraction: 0 | 2): number {
  const n = text.length;
  const negative = n > 0 && text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  const start = i;
  let whole = 0;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  if (i === start || i - start > maxWhole) return NaN;
  let fraction = 0;
  if (i < n) {
    if (maxFraction === 0 || text.charCodeAt(i) !== 46) return NaN;
    const from = ++i;
    for (; i < n; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      fraction = fraction * 10 + d;
    }
    if (i === from || i - from > maxFraction) return NaN;
    if (i - from === 1) fraction *= 10;
  }
  const value = maxFraction === 2 ? whole * 100 + fraction : whole;
  return value === 0 ? 0 : negative ? -value : value;
}

/** What an amount with more decimals than 分 does: rounded half away from zero to 分, or refused. */
export const MONEY_ROUNDINGS = ['round', 'refuse'] as const;
export type MoneyRounding = (typeof MONEY_ROUNDINGS)[number];

/** An exact decimal: units × 10^-scale. */
export interface ExactDecimal {
  units: bigint;
  scale: number;
}

export interface ImportMoney {
  cents: number;
  /** Rounded minus written, in 元, exact (e.g. -0.0045 for 1.2345 → 1.23); null when nothing was rounded. */
  change: ExactDecimal | null;
}

export interface MoneyOptions {
  /** The file's amounts are in 10^unitShift 元 (萬元: 4); applied before rounding. */
  unitShift?: number;
  rounding?: MoneyRounding;
}

/**
 * Money in 元 → integer cents, exactly ("1.2萬" → 1,200,000). More than 2 decimals (after
 * the unit) is rounded half away from zero to 分, and the change is returned exactly.
 */
export function readImportMoney(text: string, options: MoneyOptions = {}): ValueResult<ImportMoney> {
  const unitShift = options.unitShift ?? 0;
  // Most cells of an ERP export are plain "1234.5": read those without the general path.
  if (unitShift === 0) {
    const cents = plainNumber(text, 13, 2);
    if (!Number.isNaN(cents)) return ok({ cents, change: null });
  }
  if (normalize(text) === '') return fail('empty', text);
  const r = readDecimal(text, unitShift);
  if (!r || r.percent) return fail('notNumber', text);
  const exact = toUnits(r.d, 2, text);
  if (exact.ok || exact.reason !== 'tooPrecise') return exact.ok ? ok({ cents: exact.value, change: null }) : exact;
  if (options.rounding === 'refuse') return exact;
  // More than 2 decimals: round the magnitude half up (so the signed value half away from zero).
  const digits = r.d.digits.replace(/0+$/, '');
  const scale = r.d.scale - (r.d.digits.length - digits.length);
  const written = BigInt(digits || '0');
  const unit = 10n ** BigInt(scale - 2);
  let cents = written / unit;
  if ((written % unit) * 2n >= unit) cents += 1n;
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return fail('tooLarge', text);
  const sign = r.d.negative ? -1n : 1n;
  const n = Number(cents);
  return ok({ cents: n === 0 ? 0 : r.d.negative ? -n : n, change: { units: sign * (cents * unit - written), scale } });
}

/** Money in 元 → integer cents, rounded half away from zero to 分 unless `rounding` is 'refuse'. */
export function parseImportMoney(text: string, options: MoneyOptions = {}): ValueResult<number> {
  const r = readImportMoney(text, options);
  return r.ok ? ok(r.value.cents) : r;
}

// ---- exact decimals, for the totals an import reconciles -----------------------

/** a + b, exactly, at the larger scale. */
export function addExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  return a.scale > b.scale
    ? { units: a.units + b.units * 10n ** BigInt(a.scale - b.scale), scale: a.scale }
    : { units: a.units * 10n ** BigInt(b.scale - a.scale) + b.units, scale: b.scale };
}

/** |a| < |b|. */
export function smallerExact(a: ExactDecimal, b: ExactDecimal): boolean {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const s = Math.max(a.scale, b.scale);
  return abs(a.units) * 10n ** BigInt(s - a.scale) < abs(b.units) * 10n ** BigInt(s - b.scale);
}

export const ZERO_EXACT: ExactDecimal = { units: 0n, scale: 2 };

/** Cents as an exact decimal of 元. */
export const centsExact = (cents: number | bigint): ExactDecimal => ({ units: BigInt(cents), scale: 2 });

/** The decimal as text, at least `minScale` decimals, trailing zeros beyond dropped: "-0.0045", "1234.50". */
export function exactText(d: ExactDecimal, minScale = 2): string {
  if (d.units === 0n) return minScale > 0 ? `0.${'0'.repeat(minScale)}` : '0';
  const negative = d.units < 0n;
  let digits = (negative ? -d.units : d.units).toString();
  let scale = d.scale;
  while (scale > minScale && digits.endsWith('0') && digits.length > 1) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale < minScale) {
    digits += '0'.repeat(minScale - scale);
    scale = minScale;
  }
  digits = digits.padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  const body = frac ? `${int}.${frac}` : int;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A whole number (cases, facings, SKUs on the shelf): "1,200", "1.2萬", "(5)". */
export function parseImportInteger(text: string): ValueResult<number> {
  const plain = plainNumber(text, 15, 0);
  if (!Number.isNaN(plain)) return ok(plain);
  if (normalize(text) === '') return fail('empty', text);
  const r = readDecimal(text);
  if (!r || r.percent) return fail('notNumber', text);
  const units = toUnits(r.d, 0, text);
  return units.ok ? units : units.reason === 'tooPrecise' ? fail('notInteger', text) : units;
}

/** Any decimal, "12.5%" → 0.125; for shares and rates. Exact to 12 decimal places. */
export function parseImportDecimal(text: string): ValueResult<number> {
  if (normalize(text) === '') return fail('empty', text);
  const r = readDecimal(text);
  if (!r) return fail('notNumber', text);
  const places = Math.max(0, Math.min(r.d.scale, 12));
  const units = toUnits(r.d, places, text);
  if (!units.ok) return units.reason === 'tooPrecise' ? fail('tooPrecise', text) : units;
  return ok(units.value / 10 ** places);
}

// ---------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;
/** Serial 0 in each system: 1899-12-30 (so that 61 = 1900-03-01, past Excel's 1900-02-29) and 1904-01-01. */
const EPOCH: Record<DateSystem, number> = { 1900: Date.UTC(1899, 11, 30), 1904: Date.UTC(1904, 0, 1) };
/** Excel's largest date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL = 2_958_465;

function iso(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** An Excel day number in the given system → ISO date. */
export function excelSerialToIso(serial: number, system: DateSystem): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) return null;
  const day = Math.floor(serial);
  if (system === 1900) {
    // 1–59 are Jan 1 – Feb 28 1900; 60 is the 1900-02-29 Lotus kept and Excel copied.
    if (day === 60 || day < 1) return null;
    const t = new Date((day < 60 ? EPOCH[1900] + DAY_MS : EPOCH[1900]) + day * DAY_MS);
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  const t = new Date(EPOCH[1904] + day * DAY_MS);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** A time after the date, dropped: 14:22, 14:22:01.5, T14:22:01Z, 下午 2:05, 2:05 PM. */
const TIME = String.raw`(?:(?:[T\s]+|\s*(?:上午|下午)\s*)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:[AaPp]\.?[Mm]\.?))?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YMD = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${TIME}$`);
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** Day and month first, the same separator twice, a year of 4 or 2 digits. */
const DMY_OR_MDY = new RegExp(String.raw`^(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})${TIME}$`);
const SERIAL = /^\d{1,7}(?:\.\d+)?$/;

/**
 * Two-digit years below this are 20xx, the others 19xx: 00–69 → 2000–2069, 70–99 →
 * 1970–1999 (Excel's and Windows' default). The wizard shows the rule beside the date order.
 */
export const TWO_DIGIT_YEAR_PIVOT = 70;

/** The full year of a year as written (two digits by TWO_DIGIT_YEAR_PIVOT). */
export function fullYear(written: string): number {
  const y = Number(written);
  if (written.length !== 2) return y;
  return y < TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
}

/** A day: year-first forms, day/month-first only by `order`, or an Excel day number. */
export function parseImportDate(text: string, options: DateOptions = DEFAULT_DATE_OPTIONS): ValueResult<string> {
  const s = normalize(text);
  if (s === '') return fail('empty', text);
  let m = YMD.exec(s) ?? YMD_COMPACT.exec(s);
  if (m) {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : failDate('noSuchDate', text, options.order);
  }
  m = DMY_OR_MDY.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4]);
    if (options.order === 'ymd') return fail('ambiguousDate', text);
    const d = options.order === 'dmy' ? iso(y, b, a) : iso(y, a, b);
    return d ? ok(d) : failDate('noSuchDate', text, options.order);
  }
  if (SERIAL.test(s)) {
    const d = excelSerialToIso(Number(s), options.system);
    return d ? ok(d) : failDate('notDate', text, options.order);
  }
  return failDate('notDate', text, options.order);
}

const YM = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/;

/**
 * A month as yyyymm: 2026-03, 2026/3, 2026年3月, 202603, or any day form above (its
 * month). A bare 6-digit number is a period when it reads as one, else a day number.
 */
export function parseImportPeriod(text: string, options: DateOptions = DEFAULT_DATE_OPTIONS): ValueResult<number> {
  const s = normalize(text);
  if (s === '') return fail('empty', text);
  const m = YM.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2] ?? m[3]);
    if (y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12) return ok(y * 100 + mo);
    if (m[2] !== undefined) return failDate('notPeriod', text, options.order);
  }
  const day = parseImportDate(s, options);
  if (day.ok) return ok(Number(day.value.slice(0, 4)) * 100 + Number(day.value.slice(5, 7)));
  return day.reason === 'ambiguousDate' || day.reason === 'empty' ? fail(day.reason, text) : failDate('notPeriod', text, options.order);
}
