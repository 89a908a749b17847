// Amounts are stored as integer cents (分). They are shown in 元, 萬元 or 億 as the
// user picks; rounding happens here, at display, and nowhere else.

export const DISPLAY_UNITS = ['yuan', 'wan', 'yi'] as const;
export type DisplayUnit = (typeof DISPLAY_UNITS)[number];

export const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CENTS_PER_UNIT: Record<DisplayUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };
const DEFAULT_DECIMALS: Record<DisplayUnit, number> = { yuan: 0, wan: 2, yi: 2 };

const UNIT_LABELS: Record<Language, Record<DisplayUnit, string>> = {
  'zh-Hant': { yuan: '元', wan: '萬元', yi: '億元' },
  'zh-Hans': { yuan: '元', wan: '万元', yi: '亿元' },
  en: { yuan: 'CNY', wan: '10k CNY', yi: '100M CNY' },
};

/** The BCP 47 locale used for number and date formatting. */
export function intlLocale(language: Language): string {
  switch (language) {
    case 'zh-Hant':
      return 'zh-Hant-TW';
    case 'zh-Hans':
      return 'zh-Hans-CN';
    case 'en':
      return 'en-US';
    default: {
      const unreachable: never = language;
      return unreachable;
    }
  }
}

export function unitLabel(unit: DisplayUnit, language: Language): string {
  return UNIT_LABELS[language][unit];
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(language: Language, decimals: number): Intl.NumberFormat {
  const key = `${language}|${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(language), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, f);
  }
  return f;
}

export interface AmountFormatOptions {
  /** Append the unit label ("萬元"). Default false: grids put the unit in the header. */
  withUnit?: boolean;
  /** Override the unit's default number of decimals. */
  decimals?: number;
}

/** Converts cents to the display unit as a number (for charts and sorting). */
export function centsToUnit(cents: number, unit: DisplayUnit): number {
  return cents / CENTS_PER_UNIT[unit];
}

/** Formats integer cents for display, e.g. 1234567800 → "123,456.78" 萬元. */
export function formatAmount(
  cents: number,
  unit: DisplayUnit,
  language: Language,
  options: AmountFormatOptions = {},
): string {
  const decimals = options.decimals ?? DEFAULT_DECIMALS[unit];
  const text = numberFormat(language, decimals).format(centsToUnit(cents, unit));
  if (!options.withUnit) return text;
  return language === 'en' ? `${text} ${unitLabel(unit, language)}` : `${text}${unitLabel(unit, language)}`;
}

/** Formats a ratio (0.1234 → "12.3%"); null (no denominator) shows as a dash. */
export function formatPercent(ratio: number | null, language: Language, decimals = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${numberFormat(language, decimals).format(ratio * 100)}%`;
}

export function formatInteger(value: number, language: Language): string {
  return numberFormat(language, 0).format(value);
}

/** A month as yyyymm → "2026-03". */
export function formatPeriod(yyyymm: number): string {
  return `${Math.floor(yyyymm / 100)}-${String(yyyymm % 100).padStart(2, '0')}`;
}

/**
 * A month a manager types, as yyyymm: 2027-03, 2027/3, 2027.3, 202703, 2027年3月, or a month
 * alone (3, 03, 3月) taken in `planYear`; full-width digits and marks read as their ASCII
 * twins. Null when it is not a month at all (whether it lies in the plan year is a rule of
 * whoever asks).
 */
export function parsePlanMonth(text: string, planYear: number): number | null {
  const s = text.normalize('NFKC').replace(/。/g, '.').replace(/−/g, '-').trim();
  const valid = (year: number, month: number) => (month >= 1 && month <= 12 ? year * 100 + month : null);
  let m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2] ?? m[3]));
  m = /^(\d{1,2})\s*月?$/.exec(s);
  return m ? valid(planYear, Number(m[1])) : null;
}

/** The next finer unit (億 → 萬元 → 元), or null for 元. */
export function finerUnit(unit: DisplayUnit): DisplayUnit | null {
  return unit === 'yi' ? 'wan' : unit === 'wan' ? 'yuan' : null;
}

/**
 * Whether figures on screen say nothing: there are some, and every one of them
 * rounds to zero in the display unit ("0.00", "-0.00"), as small amounts do in 億.
 */
export function allShowZero(texts: readonly string[]): boolean {
  return texts.length > 0 && texts.every((text) => !/[1-9]/.test(text));
}
