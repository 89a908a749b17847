import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { writeConsolidatedWorkbook } from '../../src/main/core/io/hqWorkbook';
import type { ConsolidatedModel } from '../../src/shared/hq';
import { catalogs } from '../../src/shared/i18n';
import { LANGUAGES, type DisplayUnit } from '../../src/shared/units';
import { tempDir } from './helpers';

// Head office's consolidated workbook for a cycle of three regions (one not yet in, one
// named like a formula): every figure and total read back with SheetJS equals the
// model's own sums, amounts in the unit asked for with its number format, headers
// frozen; LibreOffice opens every sheet; the formula-like name stays text.

const HYPERLINK = '=HYPERLINK("x")';
const DIVISOR: Record<DisplayUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const add = (rows: readonly (readonly number[])[]) => Array.from({ length: 12 }, (_, i) => sum(rows.map((r) => r[i])));
const months = (base: number, step: number) => Array.from({ length: 12 }, (_, i) => base + i * step + (i % 3) * 7);

function model(): ConsolidatedModel {
  const ids = ['r-east', 'r-formula', 'r-north'];
  return {
    planYear: 2027,
    cycleName: '2027 年度計劃',
    generatedAt: '2026-12-07T02:30:00Z',
    regions: [
      { id: ids[0], name: '華東大區', state: 'confirmed', revision: 3, receivedAt: '2026-12-01T09:00:00Z', fingerprint: 'ab12-cd34', late: false },
      { id: ids[1], name: HYPERLINK, state: 'returned', revision: 1, receivedAt: '2026-12-03T10:00:00Z', fingerprint: 'ef56-0078', late: true },
      { id: ids[2], name: 'North', state: 'pending', revision: null, receivedAt: null, fingerprint: null, late: true },
    ],
    // The region not in yet has head office's target and no plan.
    byRegionMonth: [
      { regionId: ids[0], planCents: months(123_456_789_01, 1_234_567), volume: months(40_000, 321), grossProfitCents: months(34_567_890_12, 98_765), targetCents: months(120_000_000_00, 1_000_000), targetVolume: months(39_000, 300) },
      { regionId: ids[1], planCents: months(98_765_432_10, -765_432), volume: months(30_000, -211), grossProfitCents: months(-1_234_56, 3), targetCents: months(100_000_000_00, 0), targetVolume: months(31_000, 0) },
      { regionId: ids[2], planCents: Array(12).fill(0), volume: Array(12).fill(0), grossProfitCents: Array(12).fill(0), targetCents: months(50_000_000_00, 50_000), targetVolume: months(12_000, 10) },
    ],
    byBrand: [
      { brand: '清泉', category: '飲用水', planCents: months(150_000_000_01, 9_999), volume: months(50_000, 17) },
      { brand: '清泉', category: '茶飲', planCents: months(50_000_000_02, 3), volume: months(9_000, 1) },
      { brand: '+86 品牌', category: null, planCents: months(22_222_222_22, -5), volume: months(11_000, 2) },
    ],
    byChannel: [
      { channel: '現代通路', planCents: months(130_000_000_00, 77), volume: months(45_000, 9) },
      { channel: '傳統通路', planCents: months(92_222_222_25, 1), volume: months(25_000, 3) },
    ],
    expenseByRegion: [
      { regionId: ids[0], budgetCents: months(9_876_543_21, 1_111), salesCents: months(123_456_789_01, 1_234_567) },
      { regionId: ids[1], budgetCents: months(7_654_321_09, 2_222), salesCents: months(98_765_432_10, -765_432) },
    ],
  };
}

type Row = (string | number | null)[];
function rowsOf(book: XLSX.WorkBook, sheet: string): Row[] {
  const ws = book.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}: ${book.SheetNames.join(', ')}`);
  return XLSX.utils.sheet_to_json<Row>(ws, { header: 1, raw: true, defval: null });
}
function cellAt(book: XLSX.WorkBook, sheet: string, ref: string): XLSX.CellObject {
  return book.Sheets[sheet][ref] as XLSX.CellObject;
}

/** The 12 months and the year of a long table's row found by its leading cells, amounts back in cents. */
function line(rows: Row[], keys: (string | null)[], divisor = 1): number[] {
  const row = rows.find((r) => keys.every((k, i) => r[i] === k));
  if (!row) throw new Error(`no row ${keys.join(' / ')}`);
  return row.slice(keys.length, keys.length + 13).map((v) => Math.round((v as number) * divisor));
}

function written(unit: DisplayUnit, language: (typeof LANGUAGES)[number]) {
  const dir = tempDir();
  const m = model();
  const out = writeConsolidatedWorkbook(m, join(dir, `hq-${unit}-${language}.xlsx`), { unit, language });
  const book = XLSX.read(readFileSync(out.path), { type: 'buffer', cellNF: true, cellFormula: true });
  return { m, out, book, dir, w: catalogs[language].hqWorkbook };
}

describe('the consolidated workbook', () => {
  it('writes every figure and every total as the model sums them (萬元)', () => {
    const { m, out, book, w } = written('wan', 'zh-Hant');
    expect(out.bytes).toBe(readFileSync(out.path).length);
    expect(book.SheetNames).toEqual(['封面', '報送狀態', '全國計劃對比目標', '品牌品類', '渠道', '費用預算']);
    const d = DIVISOR.wan;
    const plan = add(m.byRegionMonth.map((r) => r.planCents));
    const target = add(m.byRegionMonth.map((r) => r.targetCents));
    const volume = add(m.byRegionMonth.map((r) => r.volume));
    const budget = add(m.expenseByRegion.map((r) => r.budgetCents));
    const sales = add(m.expenseByRegion.map((r) => r.salesCents));

    // Cover: counts and national totals.
    const cover = Object.fromEntries(rowsOf(book, '封面').slice(1).map((r) => [r[0], r[1]]));
    expect(rowsOf(book, '封面')[0][0]).toBe('2027 年度計劃 · 2027年度全國計劃匯總');
    expect(cover).toMatchObject({ 計劃週期: '2027 年度計劃', 計劃年度: 2027, 匯總時間: '2026-12-07T02:30:00Z', 金額單位: '萬元', 應報送區域: 3, 已收到: 2, 已確認: 1, 已退回: 1, 未報送: 1, 逾期區域: 2 });
    expect(cover['全國計劃銷售額（萬元）']).toBeCloseTo(sum(plan) / d, 6);
    expect(cover['總部目標（萬元）']).toBeCloseTo(sum(target) / d, 6);
    expect(cover['計劃與目標差額（萬元）']).toBeCloseTo((sum(plan) - sum(target)) / d, 6);
    expect(cover['差額率']).toBeCloseTo((sum(plan) - sum(target)) / sum(target), 12);
    expect(cover['全國計劃銷量（箱）']).toBe(sum(volume));
    expect(cover['費用率']).toBeCloseTo(sum(budget) / sum(sales), 12);

    // Status board: one row per region, the national row last.
    const status = rowsOf(book, '報送狀態');
    expect(status.map((r) => r[0])).toEqual(['區域', '華東大區', HYPERLINK, 'North', '全國']);
    expect(status[1].slice(1, 6)).toEqual(['已確認', 3, '2026-12-01T09:00:00Z', null, 'ab12-cd34']);
    expect(status[2].slice(1, 5)).toEqual(['退回', 1, '2026-12-03T10:00:00Z', '逾期']);
    expect(status[3].slice(1, 5)).toEqual(['未報送', null, null, '逾期']);
    m.byRegionMonth.forEach((r, i) => {
      expect(Math.round((status[i + 1][6] as number) * d)).toBe(sum(r.planCents));
      expect(Math.round((status[i + 1][7] as number) * d)).toBe(sum(r.targetCents));
    });
    expect(Math.round((status[4][6] as number) * d)).toBe(sum(plan));
    expect(Math.round((status[4][7] as number) * d)).toBe(sum(target));
    expect(Math.round((status[4][8] as number) * d)).toBe(sum(plan) - sum(target));
    expect(status[4][10]).toBe(sum(volume));
    expect(Math.round((status[4][11] as number) * d)).toBe(sum(budget));
    expect(status[4][12]).toBeCloseTo(sum(budget) / sum(sales), 12);
    // A region with no plan and no expense: zeros, and no ratio where there is nothing to divide by.
    expect(status[3][12]).toBeNull();

    // Plan against target by region × month, national rows closing the table.
    const nat = rowsOf(book, '全國計劃對比目標');
    expect(nat[0].slice(0, 3)).toEqual(['區域', '指標', '1月']);
    expect(nat[0][14]).toBe('全年');
    expect(nat).toHaveLength(1 + 7 * 4);
    m.byRegionMonth.forEach((r, i) => {
      const name = m.regions[i].name;
      expect(line(nat, [name, '計劃銷售額（萬元）'], d)).toEqual([...r.planCents, sum(r.planCents)]);
      expect(line(nat, [name, '總部目標（萬元）'], d)).toEqual([...r.targetCents, sum(r.targetCents)]);
      expect(line(nat, [name, '計劃銷量（箱）'])).toEqual([...r.volume, sum(r.volume)]);
    });
    expect(line(nat, ['全國', '計劃銷售額（萬元）'], d)).toEqual([...plan, sum(plan)]);
    expect(line(nat, ['全國', '總部目標（萬元）'], d)).toEqual([...target, sum(target)]);
    expect(line(nat, ['全國', '差額（萬元）'], d)).toEqual([...plan.map((v, i) => v - target[i]), sum(plan) - sum(target)]);
    expect(line(nat, ['全國', '計劃銷量（箱）'])).toEqual([...volume, sum(volume)]);
    expect(line(nat, ['全國', '目標銷量（箱）'])).toEqual([...add(m.byRegionMonth.map((r) => r.targetVolume)), sum(m.byRegionMonth.flatMap((r) => r.targetVolume))]);
    expect(line(nat, ['全國', '計劃毛利（萬元）'], d)).toEqual([...add(m.byRegionMonth.map((r) => r.grossProfitCents)), sum(m.byRegionMonth.flatMap((r) => r.grossProfitCents))]);
    const gapRow = nat.find((r) => r[0] === '全國' && r[1] === '差額率')!;
    plan.forEach((p, i) => expect(gapRow[2 + i]).toBeCloseTo((p - target[i]) / target[i], 12));
    expect(gapRow[14]).toBeCloseTo((sum(plan) - sum(target)) / sum(target), 12);

    // By brand/category and by channel, with their totals.
    const brand = rowsOf(book, '品牌品類');
    expect(line(brand, ['清泉', '茶飲', '計劃銷售額（萬元）'], d)).toEqual([...m.byBrand[1].planCents, sum(m.byBrand[1].planCents)]);
    expect(line(brand, ['+86 品牌', w.row.unassigned, '計劃銷量（箱）'])).toEqual([...m.byBrand[2].volume, sum(m.byBrand[2].volume)]);
    const brandPlan = add(m.byBrand.map((b) => b.planCents));
    expect(line(brand, ['合計', null, '計劃銷售額（萬元）'], d)).toEqual([...brandPlan, sum(brandPlan)]);
    const brandVolume = add(m.byBrand.map((b) => b.volume));
    expect(line(brand, ['合計', null, '計劃銷量（箱）'])).toEqual([...brandVolume, sum(brandVolume)]);
    const channel = rowsOf(book, '渠道');
    const channelPlan = add(m.byChannel.map((c) => c.planCents));
    expect(line(channel, ['合計', '計劃銷售額（萬元）'], d)).toEqual([...channelPlan, sum(channelPlan)]);
    expect(line(channel, ['合計', '計劃銷量（箱）'])).toEqual([...add(m.byChannel.map((c) => c.volume)), sum(m.byChannel.flatMap((c) => c.volume))]);

    // Expense budget and ratio by region × month and year.
    const expense = rowsOf(book, '費用預算');
    expect(line(expense, ['全國', '費用預算（萬元）'], d)).toEqual([...budget, sum(budget)]);
    expect(line(expense, ['全國', '計劃銷售額（萬元）'], d)).toEqual([...sales, sum(sales)]);
    const east = expense.find((r) => r[0] === '華東大區' && r[1] === '費用率')!;
    m.expenseByRegion[0].budgetCents.forEach((b, i) => expect(east[2 + i]).toBeCloseTo(b / m.expenseByRegion[0].salesCents[i], 12));
    expect(east[14]).toBeCloseTo(sum(m.expenseByRegion[0].budgetCents) / sum(m.expenseByRegion[0].salesCents), 12);
    expect(line(expense, ['North', '費用預算（萬元）'], d)).toEqual(Array(13).fill(0));
  });

  it('formats amounts in the unit asked for, ratios as %, counts whole; freezes every header; keeps a formula-like name as text', () => {
    for (const [unit, format] of [['wan', '#,##0.00'], ['yuan', '#,##0'], ['yi', '#,##0.00']] as const) {
      const { m, book } = written(unit, 'en');
      expect(book.SheetNames).toEqual(['Cover', 'Status', 'Plan vs target', 'By brand', 'By channel', 'Expense budget']);
      const c = cellAt(book, 'Plan vs target', 'C2');
      expect(c).toMatchObject({ t: 'n', z: format });
      expect(c.v).toBeCloseTo(m.byRegionMonth[0].planCents[0] / DIVISOR[unit], 9);
      expect(cellAt(book, 'Plan vs target', 'C5')).toMatchObject({ t: 'n', z: '0.0%' }); // gap %
      expect(cellAt(book, 'Plan vs target', 'C6')).toMatchObject({ t: 'n', z: '#,##0', v: m.byRegionMonth[0].volume[0] });
      expect(cellAt(book, 'Status', 'A3')).toMatchObject({ t: 's', v: HYPERLINK });
      expect(cellAt(book, 'Status', 'A3').f).toBeUndefined();
      expect(cellAt(book, 'Plan vs target', 'A9')).toMatchObject({ t: 's', v: HYPERLINK });
      expect(cellAt(book, 'Plan vs target', 'A9').f).toBeUndefined();
    }
    const { out } = written('wan', 'zh-Hans');
    const zip = XLSX.CFB.read(readFileSync(out.path), { type: 'buffer' });
    for (let i = 1; i <= 6; i++) {
      const xml = Buffer.from((XLSX.CFB.find(zip, `/xl/worksheets/sheet${i}.xml`) as { content: Uint8Array }).content).toString('utf8');
      expect(xml, `sheet ${i}`).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
      expect(xml, `sheet ${i}`).toContain('<col ');
      expect(xml, `sheet ${i}`).not.toContain('<f>');
    }
  });

  it('names its sheets validly in every language', () => {
    for (const language of LANGUAGES) {
      const names = Object.values(catalogs[language].hqWorkbook.sheet);
      expect(new Set(names.map((n) => n.toLowerCase())).size, language).toBe(names.length);
      for (const n of names) {
        expect(n.length, n).toBeLessThanOrEqual(31);
        expect(n, n).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });

  it('refuses a model whose months are not twelve numbers, and writes nothing', () => {
    const m = model();
    m.byChannel[1].volume = [1, 2, 3];
    const path = join(tempDir(), 'bad.xlsx');
    expect(() => writeConsolidatedWorkbook(m, path, { unit: 'wan', language: 'en' })).toThrow(/byChannel\.1\.volume/);
    expect(existsSync(path)).toBe(false);
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))('opens in LibreOffice: every sheet converts, the national totals and the formula-like name come out as written', () => {
    const { m, out, dir } = written('wan', 'en');
    const csvDir = join(dir, 'csv');
    execFileSync('soffice', [
      `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
      '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', csvDir, out.path,
    ], { timeout: 120_000, stdio: 'ignore' });
    const files = readdirSync(csvDir);
    expect(files).toHaveLength(6);
    const csvOf = (sheet: string) => readFileSync(join(csvDir, files.find((f) => f.endsWith(`-${sheet}.csv`))!), 'utf8');
    const plan = sum(m.byRegionMonth.flatMap((r) => r.planCents));
    const nationalPlan = csvOf('Plan vs target').split('\n').find((l) => l.startsWith('National,Plan sales'))!;
    expect(Number(nationalPlan.split(',')[14])).toBeCloseTo(plan / DIVISOR.wan, 6);
    // The name is written back out as the text it is (quoted by the CSV writer), never evaluated.
    expect(csvOf('Status')).toContain('"=HYPERLINK(""x"")",Returned');
  }, 180_000);
});
