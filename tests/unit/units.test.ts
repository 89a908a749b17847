import { describe, expect, it } from 'vitest';
import { achievement, expenseRatio, grossMargin, monthOnMonth, share, yearOnYear } from '../../src/shared/kpi';
import { allShowZero, finerUnit, formatAmount, formatPercent, unitLabel } from '../../src/shared/units';

describe('amount formatting', () => {
  it('shows cents in 元, 萬元 and 億 with locale grouping', () => {
    const cents = 123_456_789_00; // 123,456,789 元
    expect(formatAmount(cents, 'yuan', 'zh-Hant')).toBe('123,456,789');
    expect(formatAmount(cents, 'wan', 'zh-Hant')).toBe('12,345.68');
    expect(formatAmount(cents, 'yi', 'zh-Hans')).toBe('1.23');
    expect(formatAmount(cents, 'wan', 'zh-Hant', { withUnit: true })).toBe('12,345.68萬元');
    expect(formatAmount(cents, 'wan', 'zh-Hans', { withUnit: true })).toBe('12,345.68万元');
    expect(formatAmount(cents, 'yi', 'en', { withUnit: true })).toBe('1.23 100M CNY');
    expect(formatAmount(-5_000_00, 'yuan', 'en')).toBe('-5,000');
    expect(unitLabel('yi', 'zh-Hant')).toBe('億元');
  });

  it('shows ratios as percentages and undefined ratios as a dash', () => {
    expect(formatPercent(0.1234, 'zh-Hant')).toBe('12.3%');
    expect(formatPercent(null, 'en')).toBe('—');
  });
});

describe('measures', () => {
  it('are computed as defined, with null for a zero denominator', () => {
    expect(achievement(90, 120)).toBe(0.75);
    expect(achievement(5, 0)).toBeNull();
    expect(yearOnYear(110, 100)).toBeCloseTo(0.1);
    expect(monthOnMonth(80, 100)).toBeCloseTo(-0.2);
    expect(share(25, 100)).toBe(0.25);
    expect(grossMargin(100, 62)).toBeCloseTo(0.38);
    expect(expenseRatio(12, 100)).toBeCloseTo(0.12);
  });
});

describe('the unit picker\'s hint', () => {
  it('sees figures that all round to zero, and only those', () => {
    const fmt = formatAmount;
    // 15,000 元 and -4,000 元 in 億: "0.00" and "-0.00".
    expect(allShowZero([fmt(1_500_000, 'yi', 'zh-Hant'), fmt(-400_000, 'yi', 'en')])).toBe(true);
    expect(allShowZero([fmt(1_500_000, 'yi', 'zh-Hant'), fmt(60_000_000, 'yi', 'zh-Hant')])).toBe(false);
    expect(allShowZero([])).toBe(false);
    expect(finerUnit('yi')).toBe('wan');
    expect(finerUnit('wan')).toBe('yuan');
    expect(finerUnit('yuan')).toBeNull();
  });
});
