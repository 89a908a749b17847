import { describe, expect, it } from 'vitest';
import { keyAction } from '../../src/renderer/src/grid/useGridKeys';

// Which keys the grid takes for itself and which it leaves to AG Grid and the app.

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}, keyCode = 0) => ({
  key: k,
  keyCode,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('keyAction', () => {
  it('takes copy, fill down and select-all with Ctrl or Cmd', () => {
    expect(keyAction(key('c', { ctrl: true }))).toBe('copy');
    expect(keyAction(key('C', { meta: true }))).toBe('copy');
    expect(keyAction(key('d', { ctrl: true }))).toBe('fillDown');
    expect(keyAction(key('D', { ctrl: true, shift: true }))).toBe('fillDown');
    expect(keyAction(key('a', { ctrl: true }))).toBe('selectAll');
  });

  it('takes Delete and Backspace to clear, Shift+arrows to extend the range', () => {
    expect(keyAction(key('Delete'))).toBe('clear');
    expect(keyAction(key('Backspace', { shift: true }))).toBe('clear');
    expect(keyAction(key('ArrowDown', { shift: true }))).toBe('extend');
    expect(keyAction(key('ArrowLeft', { shift: true }))).toBe('extend');
  });

  it("sees an input method's composing keys", () => {
    expect(keyAction(key('Process'))).toBe('inputMethod');
    expect(keyAction(key('x', {}, 229))).toBe('inputMethod');
  });

  it('leaves undo, redo, typing, plain arrows and Alt combinations alone', () => {
    for (const k of [key('z', { ctrl: true }), key('y', { ctrl: true }), key('x'), key('ArrowDown'), key('c', { ctrl: true, shift: true }), key('c', { ctrl: true, alt: true }), key('Delete', { ctrl: true }), key('ArrowUp', { ctrl: true, shift: true })]) {
      expect(keyAction(k)).toBeNull();
    }
  });
});
