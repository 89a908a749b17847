import { describe, expect, it } from 'vitest';
import { parseTsv, rangeToTsv, toTsv } from '../../src/renderer/src/grid/tsv';
import { COLUMNS, items, viewOf } from './gridFixtures';

// Clipboard TSV as Excel, WPS and LibreOffice write it.

describe('parseTsv', () => {
  it('splits tabs and \\r\\n rows, and ignores the trailing newline', () => {
    expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps empty cells, including a trailing one', () => {
    expect(parseTsv('a\t\tc\n\tx\t\n')).toEqual([['a', '', 'c'], ['', 'x', '']]);
  });

  it('reads quoted cells with tabs, newlines and doubled quotes', () => {
    expect(parseTsv('"line 1\nline 2"\t"a\tb"\t"say ""hi"""\r\nz\r\n')).toEqual([
      ['line 1\nline 2', 'a\tb', 'say "hi"'],
      ['z'],
    ]);
  });

  it('takes a quote that does not wrap the whole cell literally', () => {
    expect(parseTsv('5" pack\t"x"y\n')).toEqual([['5" pack', '"x"y']]);
  });

  it('keeps one empty row in the middle and reads nothing from an empty clipboard', () => {
    expect(parseTsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('round-trips what toTsv writes', () => {
    const rows = [['名稱', 'a\tb', 'x\r\ny', '"q"'], ['', '1,234.50', '', '']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});

describe('rangeToTsv', () => {
  it("writes a range's cells as their columns copy them, not as they are shown", () => {
    const rows = items();
    rows[0].qty = 12345;
    expect(rangeToTsv(viewOf(rows), { top: 0, bottom: 2, left: 1, right: 3 })).toBe('甲\t12345\tx\r\n乙\t20\t\r\n丙\t\tz');
  });

  it('leaves cells past the last column and rows that are not there out', () => {
    expect(rangeToTsv(viewOf(items(), [...COLUMNS.slice(0, 2), undefined]), { top: 1, bottom: 4, left: 0, right: 2 })).toBe('A2\t乙\t\r\nA3\t丙\t');
  });
});
