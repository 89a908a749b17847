import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { streamCsvThreaded, THREAD_MIN_BYTES } from '../../src/main/core/io/actuals/csvThread';
import { streamCsv, type StreamedFile } from '../../src/main/core/io/actuals/reader';

// A large CSV is read on the CSV worker: the rows, the hash and the encoding are those
// of the same file read on this thread, and so is every refusal, to the line and column.

const dir = mkdtempSync(join(tmpdir(), 'rplan-csv-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = '月份,客戶編碼,客戶名稱,存貨編碼,存貨名稱,數量,金額,毛利';
const row = (i: number) => `2027-0${(i % 9) + 1},D${i % 977},"上海天成""食品"",經營部",WA0001,"清泉天然水\r\n550ml×24",${i},${i}.50,1`;

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

type Outcome = { ok: true; info: StreamedFile; rows: [number, string[]][] } | { ok: false; error: unknown };

function read(how: typeof streamCsv, path: string): Outcome {
  const rows: [number, string[]][] = [];
  try {
    const info = how(path, {}, (cells, n) => void rows.push([n, cells]));
    return { ok: true, info, rows };
  } catch (e) {
    return { ok: false, error: e instanceof AppError ? e.toData() : String(e) };
  }
}

describe('the CSV worker', () => {
  const rows = Array.from({ length: 70_000 }, (_, i) => row(i));
  const cases: [string, string | Buffer][] = [
    ['gbk.csv', iconv.encode([HEAD, ...rows].join('\r\n'), 'gbk')],
    ['utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([HEAD, ...rows, ''].join('\n'))])],
    ['control-chars.csv', [HEAD, ...rows.map((r, i) => (i % 1000 === 0 ? `${r}\u0001\ufffe` : r))].join('\n')],
    ['open-quote.csv', iconv.encode([HEAD, ...rows, '2027-01,"D0001,,WA0001,,1,1,1', ...rows.slice(0, 10)].join('\r\n'), 'gbk')],
    ['huge-cell.csv', [HEAD, ...rows.slice(0, 100), `2027-01,${'x'.repeat(10 * 1024 * 1024)},,WA0001,,1,1,1`].join('\n')],
    ['long-quoted-cell.csv', [HEAD, ...rows.slice(0, 100), `2027-01,"${'y\n'.repeat(2_200_000)}",,WA0001,,1,1,1`].join('\n')],
    ['no-header-row-data.csv', `${HEAD}\r\n${'\r\n'.repeat(2_100_000)}`],
  ];
  for (const [name, content] of cases) {
    it(`reads ${name} as this thread does`, () => {
      const path = file(name, content);
      expect(Buffer.byteLength(content)).toBeGreaterThanOrEqual(THREAD_MIN_BYTES);
      const here = read(streamCsv, path);
      const threaded = read(streamCsvThreaded, path);
      expect(threaded).toEqual(here);
    });
  }

  it('stops reading when the import is cancelled', () => {
    const path = file('cancel.csv', [HEAD, ...rows].join('\n'));
    let seen = 0;
    expect(() => streamCsvThreaded(path, {}, () => void seen++, { shouldCancel: () => seen > 1000 })).toThrow(/cancelled/);
    expect(seen).toBeLessThan(rows.length);
  });
});
