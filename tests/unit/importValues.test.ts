import { describe, expect, it } from 'vitest';
import {
  excelSerialToIso, parseImportDate, parseImportDecimal, parseImportInteger, parseImportMoney, parseImportPeriod,
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
    ['12.345', '!tooPrecise'],
    ['1.2345678萬', '!tooPrecise'], // 12,345.678 元
    ['12%', '!notNumber'],
    ['1.2.3', '!notNumber'],
    ['99999999999999999', '!tooLarge'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(value(parseImportMoney(text))).toBe(reason);
  });

  it('names the text it refused', () => {
    expect(parseImportMoney(' 12.345 ')).toEqual({ ok: false, reason: 'tooPrecise', params: { value: '12.345' } });
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

  it.each([
    ['2026-02-30', '!noSuchDate'],
    ['2026-13-01', '!noSuchDate'],
    ['next Tuesday', '!notDate'],
    ['', '!empty'],
  ])('%s is refused (%s)', (text, reason) => {
    expect(value(parseImportDate(text))).toBe(reason);
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
  });
});
