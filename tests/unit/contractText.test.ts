import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src/shared/fileNames';
import { findUnacceptedText, isAcceptedText } from '../../src/shared/text';
import { en } from '../../src/shared/i18n/en';
import { demoOpener, invokeOk, invokeRefused, withDb } from './helpers';

// What text a region file takes: the registry refuses a NUL, another C0 control
// character or a surrogate without its pair anywhere in a call's input, before the
// endpoint's schema runs, and says where; file names made from stored text never carry
// a lone surrogate.

describe('accepted text', () => {
  it('takes any well-formed text, with tabs and line breaks, and refuses controls, U+FFFE/U+FFFF and lone surrogates', () => {
    for (const ok of ['', '華東大區', '华东', 'Line 1\nLine 2\r\n\tindented', '𠀀 𩸽 😀', 'DEL\u007F', '\u00A0\u200B']) {
      expect(isAcceptedText(ok), JSON.stringify(ok)).toBe(true);
    }
    for (const bad of ['a\u0000b', '\u0001', 'esc\u001B[31m', 'x\u000B', '\u000C', '\uFFFE', '\uFFFF', 'x\uD800', '\uDC00x', '\uDBFF\uDBFF\uDC00', '😀'.slice(0, 1)]) {
      expect(isAcceptedText(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('finds every refused text at any depth, keys included, with its path', () => {
    const input = { name: 'ok', rows: [{ code: 'A1', note: 'x\u0000' }, { ['k\uD800']: 1 }], deep: [[['\uDFFF']]] };
    expect(findUnacceptedText(input)).toEqual([
      { path: 'rows.0.note', char: '\\u0000' },
      { path: 'rows.1."k\\ud800"', char: '\\uD800' },
      { path: 'deep.0.0.0', char: '\\uDFFF' },
    ]);
    expect(findUnacceptedText('\u0007')).toEqual([{ path: '(input)', char: '\\u0007' }]);
    expect(findUnacceptedText({ a: 1, b: [true, null, 'fine'] })).toEqual([]);
  });

  it('walks deep and cyclic input without overflowing or looping, and stops at 20 issues', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findUnacceptedText(deep)).toHaveLength(1);
    const loop: Record<string, unknown> = { name: 'b\u0000' };
    loop.self = loop;
    expect(findUnacceptedText(loop)).toEqual([{ path: 'name', char: '\\u0000' }]);
    expect(findUnacceptedText(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  it('a file name made from stored text replaces a lone surrogate and keeps a pair', () => {
    expect(safeFileName('華東\uD800大區', 'region')).toBe('華東_大區');
    expect(safeFileName('\uDC00', 'region')).toBe('_');
    expect(safeFileName('𠀀區😀', 'region')).toBe('𠀀區😀');
  });
});

describe('the registry refuses such text for every endpoint', () => {
  const open = demoOpener();

  it('a master-data cell with a NUL is refused, naming the cell, and nothing is written', async () => {
    const c = await open();
    const before = withDb(c.path, (db) => db.prepare('SELECT COUNT(*) FROM channel').pluck().get());
    const error = await invokeRefused(c, 'master.apply', { entity: 'channel', label: 'edit', rows: [{ code: 'NUL1', name: 'a\u0000b' }] });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.rule).toBe('errors.unacceptedText');
    expect(error.params).toEqual({ field: 'rows.0.name' });
    expect(error.issues).toEqual([{ path: 'rows.0.name', message: 'contains \\u0000, a character a region file does not store' }]);
    expect(en.errors.unacceptedText).toContain('{{field}}');
    expect(withDb(c.path, (db) => db.prepare('SELECT COUNT(*) FROM channel').pluck().get())).toBe(before);
    expect(withDb(c.path, (db) => db.prepare("SELECT COUNT(*) FROM channel WHERE instr(name, char(0)) > 0").pluck().get())).toBe(0);
  });

  it('a region name with a lone surrogate is refused; the same name with its pair is stored as given', async () => {
    const c = await open();
    const error = await invokeRefused(c, 'region.updateProfile', { regionName: '華東\uD842' });
    expect(error.issues?.[0].path).toBe('regionName');
    const summary = await invokeOk(c, 'region.updateProfile', { regionName: '華東\uD842\uDFB7', notes: 'line 1\nline 2\tend' });
    expect(summary.regionName).toBe('華東𠮷');
    expect(summary.notes).toBe('line 1\nline 2\tend');
  });
});
