import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDataFileCache } from '../../src/main/core/io/dataFile';
import { regionTargetFileName, writeRegionTargetFile, type RegionTargetInput } from '../../src/main/core/io/hqTargets';
import { findRegionMeta } from '../../src/main/core/repos/region';
import { autoMatch } from '../../src/renderer/src/features/importWizard/autoMatch';
import { translator } from '../../src/shared/i18n';
import type { ImportFieldInfo } from '../../src/shared/importTypes';
import { LANGUAGES, type Language } from '../../src/shared/units';
import { invokeOk, invokeRefused, openWithHandlers, tempDir, tinyDemoTemplate, type RegistryCtx } from './helpers';

// Head office's target file for one region, written and then imported into the (tiny
// demo) region through its own 總部目標 import, the endpoints in the order the import
// wizard calls them and the columns matched the way the wizard matches them: the
// region's head-office target becomes what head office wrote, to the 分. A file for
// another region or another plan year is refused with a message saying so, and
// changes nothing.

const template = tinyDemoTemplate();
const opened: RegistryCtx[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.session.close();
  clearDataFileCache();
});

async function region(): Promise<{ c: RegistryCtx; id: string; name: string; planYear: number }> {
  const c = await openWithHandlers(template.copy());
  opened.push(c);
  const meta = findRegionMeta(c.session.requireFile().read);
  return { c, id: meta.region_id, name: meta.region_name, planYear: meta.plan_year };
}

/** Twelve months of whole 元 (odd figures, so a lost digit shows), March's volume left out. */
function targetOf(id: string, name: string, planYear: number, seed: number): RegionTargetInput {
  return {
    regionId: id,
    regionName: name,
    planYear,
    months: Array.from({ length: 12 }, (_, i) => ({
      month: 12 - i, // out of order on purpose
      amountCents: (1_234_567 + seed * 1_000 + i * 98_765) * 100,
      volume: i === 9 ? null : 40_001 + seed + i * 1_357,
    })),
    byBrand: [{ brand: '清泉', months: [{ month: 1, amountCents: 100 }] }],
  };
}

/** The wizard's own steps: inspect, the destination's fields, columns matched by header text in every language, preview, commit. */
async function importAsTheWizard(c: RegistryCtx, path: string) {
  c.session.grant(path);
  const info = await invokeOk(c, 'import.inspect', { path });
  const destination = await invokeOk(c, 'import.destination', { destination: 'targets:ho' });
  const labelsOf = (f: ImportFieldInfo) => LANGUAGES.map((l) => translator(l)(f.labelKey));
  const mapping = autoMatch(destination.fields, info.headers, labelsOf);
  const request = { path, destination: 'targets:ho', mapping };
  const preview = await invokeOk(c, 'import.preview', request);
  return { info, mapping, preview, request };
}

describe("head office's target file for a region", () => {
  it.each(LANGUAGES)('imports into the region as written, every column matched by itself (%s)', async (language: Language) => {
    const { c, id, name, planYear } = await region();
    const before = await invokeOk(c, 'targets.hoTarget', {});
    const input = targetOf(id, name, planYear, LANGUAGES.indexOf(language));
    const dir = tempDir();
    const out = writeRegionTargetFile(input, join(dir, regionTargetFileName(input)), { language });
    expect(out.bytes).toBe(readFileSync(out.path).length);
    expect(out.path.endsWith(`${name}-${planYear}-target-${id.replace(/-/g, '').slice(0, 8)}.xlsx`)).toBe(true);

    const { info, mapping, preview, request } = await importAsTheWizard(c, out.path);
    expect(info.headerRow).toBe(1);
    expect(info.rowCount).toBe(12);
    expect(mapping).toEqual({ month: 3, amountCents: 4, volume: 5, grossProfitCents: null, newProductCents: null, regionId: 0, regionName: 1, planYear: 2 });
    expect(preview.issues).toEqual([]);
    expect(preview.updates).toBe(12);
    await invokeOk(c, 'import.commit', request);

    const after = await invokeOk(c, 'targets.hoTarget', {});
    const expected = before.map((b) => {
      const m = input.months.find((x) => x.month === b.month)!;
      return { ...b, amountCents: m.amountCents, volume: m.volume ?? b.volume };
    });
    expect(after).toEqual(expected);
    // The month without a volume kept the region's own.
    expect(after[2].volume).toBe(before[2].volume);
  });

  it('is refused by another region, and for another plan year, with a message saying so; nothing changes', async () => {
    const { c, id, name, planYear } = await region();
    const before = await invokeOk(c, 'targets.hoTarget', {});
    const dir = tempDir();
    const t = translator('zh-Hant');

    const foreign = targetOf('9b1f4c2e-0000-4000-8000-000000000001', '華南大區', planYear, 7);
    const foreignPath = writeRegionTargetFile(foreign, join(dir, regionTargetFileName(foreign)), { language: 'zh-Hant' }).path;
    const a = await importAsTheWizard(c, foreignPath);
    expect(a.preview.issues).toHaveLength(12);
    expect(new Set(a.preview.issues.map((i) => i.message))).toEqual(new Set(['targets.import.otherRegion']));
    expect(a.preview.issues[0]).toMatchObject({ field: 'regionId', column: '區域編號', params: { file: '華南大區', region: name } });
    expect(t(a.preview.issues[0].message, a.preview.issues[0].params)).toBe(`這份目標檔案是發給「華南大區」的，不是本區域（${name}）的：請向總部索取本區域的檔案。`);
    const refusedRegion = await invokeRefused(c, 'import.commit', a.request);
    expect(refusedRegion.code).toBe('INVALID_INPUT');

    clearDataFileCache();
    const lastYear = targetOf(id, name, planYear - 1, 8);
    const lastYearPath = writeRegionTargetFile(lastYear, join(dir, regionTargetFileName(lastYear)), { language: 'en' }).path;
    const b = await importAsTheWizard(c, lastYearPath);
    expect(new Set(b.preview.issues.map((i) => `${i.field}:${i.message}`))).toEqual(new Set(['planYear:targets.import.otherYear']));
    expect(translator('en')(b.preview.issues[0].message, b.preview.issues[0].params)).toBe(
      `This target file is for ${planYear - 1}, and this plan is for ${planYear}: ask head office for the ${planYear} file.`,
    );
    expect((await invokeRefused(c, 'import.commit', b.request)).code).toBe('INVALID_INPUT');

    expect(await invokeOk(c, 'targets.hoTarget', {})).toEqual(before);
  });

  it('still takes a hand-made file without the region and year columns', async () => {
    const { c } = await region();
    const dir = tempDir();
    const path = join(dir, 'hand.csv');
    writeFileSync(path, '\uFEFF月份,銷售額目標（元）\n1,"1,000,000"\n');
    const { preview, request } = await importAsTheWizard(c, path);
    expect(preview.issues).toEqual([]);
    await invokeOk(c, 'import.commit', request);
    expect((await invokeOk(c, 'targets.hoTarget', {}))[0].amountCents).toBe(100_000_000);
  });

  it('keeps a region name that reads as a formula as text, and freezes its header', () => {
    const input = targetOf('a-1', '=HYPERLINK("x")', 2027, 1);
    const path = join(tempDir(), regionTargetFileName(input));
    writeRegionTargetFile(input, path, { language: 'zh-Hans' });
    const book = XLSX.read(readFileSync(path), { type: 'buffer', cellNF: true, cellFormula: true });
    const ws = book.Sheets[book.SheetNames[0]];
    expect(book.SheetNames).toEqual(['总部目标']);
    expect(ws.B2).toMatchObject({ t: 's', v: '=HYPERLINK("x")' });
    expect(ws.B2.f).toBeUndefined();
    // January's row (written in month order) in whole 元 with the 元 format.
    expect(ws.D2.v).toBe(1);
    expect(ws.E2).toMatchObject({ t: 'n', z: '#,##0' });
    expect(ws.E2.v).toBe(input.months.find((m) => m.month === 1)!.amountCents / 100);
    const sheetXml = (XLSX.CFB.find(XLSX.CFB.read(readFileSync(path), { type: 'buffer' }), '/xl/worksheets/sheet1.xml') as { content: Uint8Array }).content;
    expect(Buffer.from(sheetXml).toString('utf8')).toContain('state="frozen"');
  });

  it('refuses a figure the region would change on import, and a month given twice', () => {
    const base = targetOf('a-1', '華東', 2027, 1);
    const path = join(tempDir(), 'x.xlsx');
    const cents = { ...base, months: [{ month: 1, amountCents: 123_45, volume: 1 }] };
    expect(() => writeRegionTargetFile(cents, path, { language: 'en' })).toThrow(/whole 元/);
    const twice = { ...base, months: [{ month: 1, amountCents: 100, volume: 1 }, { month: 1, amountCents: 200, volume: null }] };
    expect(() => writeRegionTargetFile(twice, path, { language: 'en' })).toThrow(/twice/);
    expect(() => readFileSync(path)).toThrow();
  });
});
