import { describe, expect, it } from 'vitest';
import {
  addExact, excelSerialToIso, exactText, fullYear, parseImportDate, parseImportDecimal, parseImportInteger, parseImportMoney, parseImportPeriod,
  readImportMoney, TWO_DIGIT_YEAR_PIVOT, type DateOptions,
  plainNumber,
} from '../../src/shared/importValues';

// The value parsers of the actuals imports, each case written out by hand.

const value = <T>(r: { ok: true; value: T } | { ok: false; reason: string }) => (r.ok ? r.value : `!${r.reason}`);

describe('money (元 → cents, exact)', () => {
  it.each([
    ['1234', 123_400],
    ['1,234.56', 123_456],
    ['1 234.00', 123_400],
    ['¥1,234.5', 123_450],
    ['￥１２３４．５６', 123_456], // full-width digits and point
    ['1234元', 123_400],
    ['-1,234.56', -123_456],
    ['(1,234.56)', -123_456],
    ['1,234.56-', -123_456],
    ['-¥88', -8_800],
    ['1.2萬', 1_200_000],
    ['1.2345万', 1_234_500],
    ['1.23456萬', 1_234_560],
    ['3億', 30_000_000_000],
    ['2.5千', 250_000],
    ['12.340', 1_234],
    ['0', 0],
    ['-0', 0],
    ['  56\u3000', 5_600],
  ])('%s → %i cents', (text, cents) => {
    expect(value(parseImportMoney(text))).toBe(cents);
  });

  it.each([
    ['', '!empty'],
    ['abc', '!notNumber'],
    ['12%', '!notNumber'],
    ['1.2.3', '!notNumber'],
    ['99999999999999999', '!tooLarge'],
    ['99999999999999999.999', '!tooLarge'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(value(parseImportMoney(text))).toBe(reason);
  });

  it.each([
    // More decimals than 分: rounded half away from zero, never refused (the behaviour changed on purpose).
    ['0.005', 1, '0.005'],
    ['-0.005', -1, '-0.005'],
    ['0.0049', 0, '-0.0049'],
    ['-0.0049', 0, '0.0049'],
    ['1.2345', 123, '-0.0045'],
    ['1.235', 124, '0.005'],
    ['-1.235', -124, '-0.005'],
    ['-1.2345', -123, '0.0045'],
    ['12.345', 1235, '0.005'],
    ['1,234.5650', 123_457, '0.005'], // a trailing zero carries no precision
    ['(1,234.5678)', -123_457, '-0.0022'],
    ['1.2345678萬', 1_234_568, '0.002'], // 12,345.678 元
    ['0.00000001', 0, '-0.00000001'],
  ])('%s → %i cents, changed by %s 元', (text, cents, change) => {
    const r = readImportMoney(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.cents).toBe(cents);
    expect(r.value.change && exactText(r.value.change)).toBe(change);
  });

  it('says nothing changed when nothing was rounded', () => {
    expect(readImportMoney('1.23')).toEqual({ ok: true, value: { cents: 123, change: null } });
    expect(readImportMoney('1.2300')).toEqual({ ok: true, value: { cents: 123, change: null } });
  });

  it('scales by the unit of the file (萬元) before rounding', () => {
    // 1.234567 萬元 = 12,345.67 元: exact, nothing rounded.
    expect(readImportMoney('1.234567', { unitShift: 4 })).toEqual({ ok: true, value: { cents: 1_234_567, change: null } });
    // 1.2345675 萬元 = 12,345.675 元 → 12,345.68.
    const r = readImportMoney('1.2345675', { unitShift: 4 });
    expect(r.ok && r.value.cents).toBe(1_234_568);
    expect(r.ok && r.value.change && exactText(r.value.change)).toBe('0.005');
    expect(value(parseImportMoney('-1.5', { unitShift: 4 }))).toBe(-1_500_000);
    expect(value(parseImportMoney('1.5萬', { unitShift: 4 }))).toBe(15_000_000_000); // 1.5 萬 萬元
  });

  it('refuses such amounts in the strict variant, naming the text', () => {
    expect(parseImportMoney(' 12.345 ', { rounding: 'refuse' })).toEqual({ ok: false, reason: 'tooPrecise', params: { value: '12.345' } });
    expect(value(parseImportMoney('12.340', { rounding: 'refuse' }))).toBe(1234);
  });

  it('adds and prints exact decimals', () => {
    expect(exactText(addExact({ units: -45n, scale: 4 }, { units: 5n, scale: 3 }))).toBe('0.0005');
    expect(exactText({ units: 123_456n, scale: 2 })).toBe('1234.56');
    expect(exactText({ units: -5n, scale: 2 })).toBe('-0.05');
    expect(exactText({ units: 0n, scale: 6 })).toBe('0.00');
    expect(exactText({ units: 12_000n, scale: 4 })).toBe('1.20');
  });
});

describe('whole numbers and decimals', () => {
  it.each([
    ['1,200', 1200],
    ['１２００', 1200],
    ['1.2萬', 12_000],
    ['(5)', -5],
    ['3.0', 3],
  ])('integer %s → %i', (text, n) => {
    expect(value(parseImportInteger(text))).toBe(n);
  });
  it('refuses a fraction of a case', () => {
    expect(value(parseImportInteger('2.5'))).toBe('!notInteger');
  });
  it.each([
    ['12.5%', 0.125],
    ['０.５', 0.5],
    ['-3%', -0.03],
    ['100%', 1],
    ['0.333', 0.333],
  ])('decimal %s → %d', (text, n) => {
    expect(value(parseImportDecimal(text))).toBeCloseTo(n, 12);
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026.3.1', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['２０２６年３月１日', '2026-03-01'],
    ['20260301', '2026-03-01'],
    ['2026-03-01 14:30:00', '2026-03-01'],
    ['2026-03-01T14:30:00Z', '2026-03-01'],
  ])('year first: %s → %s', (text, iso) => {
    expect(value(parseImportDate(text))).toBe(iso);
  });

  it('reads day/month/year only by the chosen order, never by guessing', () => {
    expect(value(parseImportDate('03/04/2026'))).toBe('!ambiguousDate');
    // Even when only one reading exists: the user says which order the file uses.
    expect(value(parseImportDate('25/04/2026'))).toBe('!ambiguousDate');
    expect(value(parseImportDate('03/04/2026', { order: 'dmy', system: 1900 }))).toBe('2026-04-03');
    expect(value(parseImportDate('03/04/2026', { order: 'mdy', system: 1900 }))).toBe('2026-03-04');
    expect(value(parseImportDate('25/04/2026', { order: 'mdy', system: 1900 }))).toBe('!noSuchDate');
    // A year-first date is read the same whatever the order.
    expect(value(parseImportDate('2026/04/03', { order: 'mdy', system: 1900 }))).toBe('2026-04-03');
  });

  it('reads Excel day numbers in the 1900 and 1904 systems', () => {
    expect(excelSerialToIso(1, 1900)).toBe('1900-01-01');
    expect(excelSerialToIso(59, 1900)).toBe('1900-02-28');
    expect(excelSerialToIso(60, 1900)).toBeNull(); // Excel's 1900-02-29 never existed
    expect(excelSerialToIso(61, 1900)).toBe('1900-03-01');
    expect(excelSerialToIso(46082, 1900)).toBe('2026-03-01');
    expect(excelSerialToIso(46082.75, 1900)).toBe('2026-03-01'); // the time of day is dropped
    expect(excelSerialToIso(0, 1904)).toBe('1904-01-01');
    expect(excelSerialToIso(44620, 1904)).toBe('2026-03-01'); // 1,462 days apart from the 1900 system
    expect(value(parseImportDate('46082'))).toBe('2026-03-01');
    expect(value(parseImportDate('44620', { order: 'ymd', system: 1904 }))).toBe('2026-03-01');
  });

  const dmy: DateOptions = { order: 'dmy', system: 1900 };
  const mdy: DateOptions = { order: 'mdy', system: 1900 };

  it.each([
    ['03/01/19', '2019-01-03'],
    ['3/1/19', '2019-01-03'],
    ['5.3.26', '2026-03-05'],
    ['05-03-26', '2026-03-05'],
    ['5-3-2026', '2026-03-05'],
    ['5.3.2026', '2026-03-05'],
    ['5/3/2026 14:22:01', '2026-03-05'],
    ['5.3.26 9:05', '2026-03-05'],
    ['5/3/26 下午 2:05', '2026-03-05'],
    ['5/3/26 2:05 PM', '2026-03-05'],
    ['31/12/69', '2069-12-31'], // the pivot's last year in this century
    ['01/01/70', '1970-01-01'], // and its first in the last
    ['01/01/00', '2000-01-01'],
    ['31/12/99', '1999-12-31'],
  ])('day first: %s → %s', (text, iso) => {
    expect(value(parseImportDate(text, dmy))).toBe(iso);
  });

  it.each([
    ['03/01/19', '2019-03-01'],
    ['3.5.26 9:05', '2026-03-05'],
    ['12-31-69', '2069-12-31'],
  ])('month first: %s → %s', (text, iso) => {
    expect(value(parseImportDate(text, mdy))).toBe(iso);
  });

  it.each([
    ['2026/3/5 14:22:01', '2026-03-05'],
    ['2026-3-5 9:05', '2026-03-05'],
    ['2026.03.05', '2026-03-05'],
    ['2026/3/5 下午 2:05', '2026-03-05'],
  ])('year first with a time: %s → %s', (text, iso) => {
    expect(value(parseImportDate(text, dmy))).toBe(iso);
    expect(value(parseImportDate(text))).toBe(iso);
  });

  it('pivots two-digit years at 70 (00–69 → 20xx, 70–99 → 19xx)', () => {
    expect(TWO_DIGIT_YEAR_PIVOT).toBe(70);
    expect(fullYear('69')).toBe(2069);
    expect(fullYear('70')).toBe(1970);
    expect(fullYear('00')).toBe(2000);
    expect(fullYear('2026')).toBe(2026);
  });

  it('never reads a two-digit year without an order, nor mixed separators', () => {
    expect(value(parseImportDate('03/01/19'))).toBe('!ambiguousDate');
    expect(value(parseImportDate('5.3/26', dmy))).toBe('!notDate');
    expect(value(parseImportDate('5/3/026', dmy))).toBe('!notDate');
  });

  it.each([
    ['2026-02-30', '!noSuchDate'],
    ['2026-13-01', '!noSuchDate'],
    ['next Tuesday', '!notDate'],
    ['', '!empty'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(value(parseImportDate(text))).toBe(reason);
  });

  it('a date that fails names the order it was read in', () => {
    expect(parseImportDate('next Tuesday', dmy)).toEqual({ ok: false, reason: 'notDate', params: { value: 'next Tuesday', order: 'dmy' } });
    expect(parseImportDate('31/02/26', dmy)).toEqual({ ok: false, reason: 'noSuchDate', params: { value: '31/02/26', order: 'dmy' } });
    expect(parseImportDate('13/01/26', mdy)).toEqual({ ok: false, reason: 'noSuchDate', params: { value: '13/01/26', order: 'mdy' } });
    expect(parseImportDate('2026-02-30')).toEqual({ ok: false, reason: 'noSuchDate', params: { value: '2026-02-30', order: 'ymd' } });
  });
});

describe('periods (yyyymm)', () => {
  it.each([
    ['2026-03', 202603],
    ['2026/3', 202603],
    ['2026年3月', 202603],
    ['202603', 202603],
    ['2026-03-15', 202603],
    ['2026年3月15日', 202603],
    ['46082', 202603],
  ])('%s → %i', (text, period) => {
    expect(value(parseImportPeriod(text))).toBe(period);
  });
  it.each([
    ['2026-13', '!notPeriod'],
    ['15/03/2026', '!ambiguousDate'],
    ['March', '!notPeriod'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(value(parseImportPeriod(text))).toBe(reason);
  });
  it('a day-first date gives its month once the order is chosen', () => {
    expect(value(parseImportPeriod('15/03/2026', { order: 'dmy', system: 1900 }))).toBe(202603);
    expect(value(parseImportPeriod('15/03/26 10:30', { order: 'dmy', system: 1900 }))).toBe(202603);
  });
  it('a month that fails names the date order used (its message lists the date forms too)', () => {
    expect(parseImportPeriod('March', { order: 'dmy', system: 1900 })).toEqual({ ok: false, reason: 'notPeriod', params: { value: 'March', order: 'dmy' } });
    expect(parseImportPeriod('31/02/26', { order: 'dmy', system: 1900 })).toEqual({ ok: false, reason: 'notPeriod', params: { value: '31/02/26', order: 'dmy' } });
  });
});

describe('plainNumber', () => {
  it('reads exactly what the plain-number patterns match, with the same value', () => {
    const money = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;
    const integer = /^(-?)(\d{1,15})$/;
    const byPattern = (re: RegExp, cents: boolean, text: string): number => {
      const m = re.exec(text);
      if (!m) return NaN;
      const v = cents ? Number(m[2]) * 100 + (m[3] === undefined ? 0 : Number(m[3].padEnd(2, '0'))) : Number(m[2]);
      return v === 0 ? 0 : m[1] ? -v : v;
    };
    const texts = ['', '-', '.', '0', '-0', '-0.0', '00.5', '7', '1234.5', '1234.50', '-1234.05', '1.', '.5', '1.234', '1,234', '1e3', ' 1', '1 ',
      '+1', '--1', '1.2.3', '１２', '١', '9999999999999', '9999999999999.99', '99999999999999', '999999999999999', '-999999999999999', '1000000000000000', '0x10', '1\n'];
    // And random strings over the characters that matter.
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 20_000; i++) texts.push(Array.from({ length: next() % 18 }, () => '0123456789.-9'[next() % 13]).join(''));
    for (const t of texts) {
      expect(Object.is(plainNumber(t, 13, 2), byPattern(money, true, t)) || (Number.isNaN(plainNumber(t, 13, 2)) && Number.isNaN(byPattern(money, true, t))), `money ${JSON.stringify(t)}`).toBe(true);
      expect(Object.is(plainNumber(t, 15, 0), byPattern(integer, false, t)) || (Number.isNaN(plainNumber(t, 15, 0)) && Number.isNaN(byPattern(integer, false, t))), `integer ${JSON.stringify(t)}`).toBe(true);
    }
  });
});
