import { describe, expect, it } from 'vitest';
import { editText, formatFigure, gapTone, parseFigure, type FigureEnv } from '../../src/renderer/src/features/targets/format';
import { presetOf, validLevels } from '../../src/renderer/src/features/targets/hierarchy';

// What the target grid shows and reads back: amounts in the display unit, rounded to
// whole 元 (cents, multiples of 100); volume in whole cases.

const wan: FigureEnv = { measure: 'amount', unit: 'wan', language: 'zh-Hant' };
const yuan: FigureEnv = { measure: 'amount', unit: 'yuan', language: 'zh-Hant' };
const volume: FigureEnv = { measure: 'volume', unit: 'wan', language: 'zh-Hant' };

describe('target figures', () => {
  it('reads amounts in the display unit, as whole 元', () => {
    expect(parseFigure('1234.5678', wan)).toEqual({ ok: true, value: 1_234_567_800 });
    expect(parseFigure('1,234.56789', wan)).toEqual({ ok: true, value: 1_234_567_900 });
    expect(parseFigure('12.34', yuan)).toEqual({ ok: true, value: 1200 });
    expect(parseFigure(' ５０００ ', wan)).toEqual({ ok: true, value: 5_000_000_000 });
    expect(parseFigure('3億', wan)).toEqual({ ok: true, value: 30_000_000_000 });
    expect(parseFigure('800元', wan)).toEqual({ ok: true, value: 80_000 });
    expect(parseFigure('', wan)).toEqual({ ok: true, value: 0 });
  });

  it('refuses text, negative and too-big figures, and fractional cases', () => {
    expect(parseFigure('abc', wan)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseFigure('1.2.3', wan)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseFigure('-5', wan)).toEqual({ ok: false, reason: 'negative' });
    expect(parseFigure('1e30', wan)).toEqual({ ok: false, reason: 'notNumber' });
    expect(parseFigure('99999999999999', wan)).toEqual({ ok: false, reason: 'tooBig' });
    expect(parseFigure('12.5', volume)).toEqual({ ok: false, reason: 'wholeUnits' });
    expect(parseFigure('1,200', volume)).toEqual({ ok: true, value: 1200 });
  });

  it('edits start from the exact value, which reads back unchanged', () => {
    for (const cents of [0, 100, 1_234_567_800, 98_765_432_100]) {
      expect(parseFigure(editText(cents, wan), wan)).toEqual({ ok: true, value: cents });
      expect(parseFigure(editText(cents, yuan), yuan)).toEqual({ ok: true, value: cents });
    }
    expect(editText(1_234_567_800, wan)).toBe('1234.5678');
    expect(formatFigure(1_234_567_800, wan)).toBe('1,234.57');
    expect(formatFigure(1200, volume)).toBe('1,200');
  });

  it('knows the hierarchy presets and refuses bad levels', () => {
    expect(presetOf(['province', 'city', 'customer'])).toBe('geo');
    expect(presetOf(['city', 'province'])).toBeNull();
    expect(validLevels(['brand', 'brand'])).toBe(false);
    expect(validLevels([])).toBe(false);
    expect(validLevels(['province', 'city', 'channel', 'customer', 'sku', 'brand'])).toBe(false);
    expect(validLevels(['salesperson', 'customer'])).toBe(true);
  });
});

describe('the gap check\'s shading', () => {
  it('is neutral when head office has set no target, however far the plan is', () => {
    expect(gapTone(5_000_000, 0, false)).toBe('none');
    expect(gapTone(0, 0, false)).toBe('none');
  });
  it('is short, over or even against a target', () => {
    expect(gapTone(-100, 1_000, true)).toBe('short');
    expect(gapTone(100, 1_000, true)).toBe('over');
    expect(gapTone(0, 1_000, true)).toBe('even');
    // A month head office left at zero in a year that has a target: the plan is over it.
    expect(gapTone(100, 0, true)).toBe('over');
    expect(gapTone(0, 0, true)).toBe('none');
  });
});
