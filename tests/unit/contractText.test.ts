import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { streamRows } from '../../src/main/core/io/actuals/reader';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import { safeFileName } from '../../src/shared/fileNames';
import { findUnacceptedText, isAcceptedText, toAcceptedText } from '../../src/shared/text';
import { en } from '../../src/shared/i18n/en';
import { demoOpener, invokeOk, invokeRefused, tempDir, withDb, type RegistryCtx } from './helpers';

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

  it('text from a data file drops control characters and mends lone surrogates', () => {
    expect(toAcceptedText('a\u0001b\u001Bc\uFFFE')).toBe('abc');
    expect(toAcceptedText('x\uD800y\uDC00')).toBe('x\uFFFDy\uFFFD');
    const kept = 'tab\tline\r\n𠀀';
    expect(toAcceptedText(kept)).toBe(kept);
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

describe('an import stores text a region file accepts', () => {
  const open = demoOpener(() => ({ runJob: inlineJobRunner() }));

  async function importChannels(c: RegistryCtx, name: string, content: string | Buffer): Promise<unknown[]> {
    const path = join(c.path, '..', name);
    writeFileSync(path, content);
    c.session.grant(path);
    const request = { path, destination: 'master:channel', mapping: { code: 0, name: 1 } };
    const preview = await invokeOk(c, 'import.preview', request);
    expect(preview.issueCount).toBe(0);
    await invokeOk(c, 'import.commit', request);
    return withDb(c.path, (db) => db.prepare("SELECT name FROM channel WHERE code LIKE 'ZZ%' ORDER BY code").pluck().all());
  }

  it('from a CSV file, without its control characters', async () => {
    const c = await open();
    expect(await importChannels(c, 'channels.csv', 'code,name\nZZ1,c\u0001d\nZZ2,"e\u001Bf\ng"\n')).toEqual(['cd', 'ef\ng']);
  });

  it('from a workbook, without its control characters', async () => {
    const c = await open();
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['code', 'name'], ['ZZ1', 'h\u0002i'], ['ZZ2', 'j\u000Bk']]), 'channels');
    const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    expect(await importChannels(c, 'channels.xlsx', bytes)).toEqual(['hi', 'jk']);
  });
});

it('the actuals reader streams a large CSV without its control characters, across chunks', () => {
  const path = join(tempDir(), 'sales.csv');
  const rows = Array.from({ length: 250_000 }, (_, i) => `2026-01,C\u0001${i},S1,1,100`);
  const text = ['月份,客戶,存貨,數量,金額', ...rows].join('\n');
  expect(text.length).toBeGreaterThan(4 * 1024 * 1024); // more than one chunk
  writeFileSync(path, text);
  const customers: string[] = [];
  streamRows(path, {}, (cells) => void customers.push(cells[1]));
  expect(customers).toHaveLength(250_000);
  expect(customers.every((name, i) => name === `C${i}`)).toBe(true);
});
