import { describe, expect, it } from 'vitest';
import { parseCount, parsePercent, pctEditText, splitQuarter } from '../../src/renderer/src/features/plan/terminal/terminalFormat';

// How the terminal plan's grids read what is typed: percentages as ratios, store counts,
// and a quarter's stores spread over its months.

const t = (key: string) => key;

describe('terminal plan input', () => {
  it('reads a percentage as a ratio in any of the ways it is typed; leaves the range to the core', () => {
    expect(parsePercent(t, '35')).toEqual({ ok: true, value: 0.35 });
    expect(parsePercent(t, '35%')).toEqual({ ok: true, value: 0.35 });
    expect(parsePercent(t, '３５．５％')).toEqual({ ok: true, value: 0.355 });
    expect(parsePercent(t, '')).toEqual({ ok: true, value: null });
    expect(parsePercent(t, '120')).toEqual({ ok: true, value: 1.2 });
    expect(parsePercent(t, '-5')).toEqual({ ok: true, value: -0.05 });
    expect(parsePercent(t, 'abc')).toEqual({ ok: false, reason: 'planTerminal.parse.percent' });
    expect(pctEditText(0.355)).toBe('35.5');
    expect(parsePercent(t, pctEditText(0.123))).toEqual({ ok: true, value: 0.123 });
  });

  it('reads store counts as whole numbers of 0 or more', () => {
    expect(parseCount(t, '12')).toEqual({ ok: true, value: 12 });
    expect(parseCount(t, '')).toEqual({ ok: true, value: 0 });
    expect(parseCount(t, '1.5')).toEqual({ ok: false, reason: 'planTerminal.parse.count' });
    expect(parseCount(t, '-1')).toEqual({ ok: false, reason: 'planTerminal.parse.count' });
  });

  it('spreads a quarter evenly over its months, the odd stores first', () => {
    expect(splitQuarter(7)).toEqual([3, 2, 2]);
    expect(splitQuarter(2)).toEqual([1, 1, 0]);
    expect(splitQuarter(0)).toEqual([0, 0, 0]);
    for (let n = 0; n < 20; n++) expect(splitQuarter(n).reduce((a, b) => a + b, 0)).toBe(n);
  });
});
