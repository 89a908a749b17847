import { describe, expect, it } from 'vitest';
import { formatPeriod as formatLaunchMonth, parsePlanMonth as parseLaunchMonth } from '../../src/shared/units';
import { parseLevel, parseNames, parsePercent } from '../../src/renderer/src/features/plan/product/productText';

// What the product plan's grids read back from typed or pasted text.

const labels = [
  { focus: '重點', normal: '一般', not_sold: '不銷售' },
  { focus: '重点', normal: '一般', not_sold: '不销售' },
  { focus: 'Focus', normal: 'Normal', not_sold: 'Not sold' },
];

describe('product plan text', () => {
  it('reads a positioning in any language, a mark or nothing', () => {
    expect(parseLevel('重點', labels)).toBe('focus');
    expect(parseLevel('不销售', labels)).toBe('not_sold');
    expect(parseLevel('not sold', labels)).toBe('not_sold');
    expect(parseLevel(' FOCUS ', labels)).toBe('focus');
    expect(parseLevel('★', labels)).toBe('focus');
    expect(parseLevel('', labels)).toBe('normal');
    expect(parseLevel('主力', labels)).toBeNull();
  });

  it('reads launch months with or without the year, and keeps another year for the core to refuse', () => {
    expect(parseLaunchMonth('2027-03', 2027)).toBe(202703);
    expect(parseLaunchMonth('2027/3', 2027)).toBe(202703);
    expect(parseLaunchMonth('2027年11月', 2027)).toBe(202711);
    expect(parseLaunchMonth('202705', 2027)).toBe(202705);
    expect(parseLaunchMonth('３月', 2027)).toBe(202703);
    expect(parseLaunchMonth('12', 2027)).toBe(202712);
    expect(parseLaunchMonth('2026-05', 2027)).toBe(202605);
    expect(parseLaunchMonth('2027-13', 2027)).toBeNull();
    expect(parseLaunchMonth('0', 2027)).toBeNull();
    expect(parseLaunchMonth('spring', 2027)).toBeNull();
    expect(formatLaunchMonth(202703)).toBe('2027-03');
  });

  it('reads percentages as fractions, leaving ranges to the core', () => {
    expect(parsePercent('55')).toBe(0.55);
    expect(parsePercent('55%')).toBe(0.55);
    expect(parsePercent('62.5 ％')).toBe(0.625);
    expect(parsePercent('120')).toBe(1.2);
    expect(parsePercent('-5')).toBe(-0.05);
    expect(parsePercent('')).toBe(0);
    expect(parsePercent('abc')).toBeNull();
  });

  it('reads lists of names and reports the first unknown one', () => {
    const items = [{ id: 1, name: 'KA賣場' }, { id: 2, name: '連鎖超市' }, { id: 3, name: 'EC' }];
    expect(parseNames('KA賣場、連鎖超市', items)).toEqual({ ids: [1, 2] });
    expect(parseNames('ec, KA賣場，KA賣場', items)).toEqual({ ids: [3, 1] });
    expect(parseNames('', items)).toEqual({ ids: [] });
    expect(parseNames('KA賣場、餐廳', items)).toEqual({ unknown: '餐廳' });
  });
});
