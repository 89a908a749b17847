import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/shared/i18n';
import { LANGUAGES, type DisplayUnit, type Language } from '../../src/shared/units';
import { writePlanWorkbook, type SheetTable } from '../../src/main/core/io/planWorkbook';
import { targetCache } from '../../src/main/core/services/targets/model';
import { demoOpener, invokeOk, type RegistryCtx } from './helpers';

// The plan workbook of the tiny demo region's working plan (a target spread from head
// office's, an expense budget, promotions, a team, training, actions): every sheet's
// totals read back with SheetJS equal the figures of the app's own endpoints, amounts in
// the unit asked for with its number format, headers frozen; LibreOffice opens it; a
// user's "=1+1" stays text.

const open = demoOpener();
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const DIVISOR: Record<DisplayUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };

async function seedPlan(c: RegistryCtx): Promise<number> {
  const versionId = (await invokeOk(c, 'targets.versions', {}))[0].id;
  const ho = await invokeOk(c, 'targets.hoTarget', {});
  const hoYear = sum(ho.map((m) => m.amountCents));
  await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'lastYear', edits: [{ path: [], period: 'year', value: hoYear - 5_000_000_00 }], label: 'edit' });
  await invokeOk(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
  const items = await invokeOk(c, 'expenses.items', {});
  const leaf = items.find((i) => i.leaf && i.kind === 'promotion') ?? items.find((i) => i.leaf)!;
  await invokeOk(c, 'promotions.create', { name: '=1+1', type: 'display', startDate: '2027-01-10', endDate: '2027-02-20', budget: [{ itemId: leaf.id, amountCents: 30_000_000 }] });
  await invokeOk(c, 'promotions.create', { name: '夏季電視廣告', type: 'advertising', startDate: '2027-06-01', endDate: '2027-07-31', budget: [{ itemId: leaf.id, amountCents: 80_000_000 }] });
  await invokeOk(c, 'team.seedFromMaster', {});
  await invokeOk(c, 'team.training.apply', { rows: [{ topic: '新品上市培訓', audience: '業務代表', month: 3, costCents: 2_000_000 }], label: 'append' });
  await invokeOk(c, 'team.actions.apply', { rows: [{ title: '@SUM(A1)', dueDate: '2027-03-31', measure: '+10%' }], label: 'append' });
  return versionId;
}

const CHANGES: SheetTable = { name: 'changes', headers: ['維度', '上次（萬元）', '本次（萬元）', '變化'], rows: [['浙江省', 100_000_000, 120_000_000, 0.2], ['-2', 5_000_000, null, null]], kinds: ['text', 'amount', 'amount', 'ratio'] };

async function written(c: RegistryCtx, versionId: number, unit: DisplayUnit, language: Language, dir: string) {
  const file = c.session.requireFile();
  const outPath = join(dir, `plan-${unit}-${language}.xlsx`);
  const res = await writePlanWorkbook(file.read, () => targetCache(file, file.read), {
    versionId, unit, language, revision: 3, fingerprint: 'ab12-cd34', changes: CHANGES, outPath, today: '2027-01-15',
  });
  return { res, outPath, book: XLSX.read(readFileSync(outPath), { type: 'buffer', cellNF: true }) };
}

type Cell = XLSX.CellObject | undefined;
function rowsOf(book: XLSX.WorkBook, sheet: string): Cell[][] {
  const ws = book.Sheets[sheet];
  if (!ws) throw new Error(`no sheet ${sheet}: ${book.SheetNames.join(', ')}`);
  const range = XLSX.utils.decode_range(ws['!ref']!);
  const out: Cell[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: Cell[] = [];
    for (let col = range.s.c; col <= range.e.c; col++) row.push(ws[XLSX.utils.encode_cell({ r, c: col })] as Cell);
    out.push(row);
  }
  return out;
}
const num = (c: Cell) => (c?.t === 'n' ? (c.v as number) : NaN);
const lastRow = (rows: Cell[][]) => rows[rows.length - 1];

describe('the plan workbook', () => {
  it('has every sheet with totals equal to the app\'s figures, amounts in 萬元 with two decimals, headers frozen', async () => {
    const c = await open();
    const versionId = await seedPlan(c);
    const dir = mkdtempSync(join(tmpdir(), 'plan-wb-'));
    try {
      const { res, book, outPath } = await written(c, versionId, 'wan', 'zh-Hant', dir);
      const wb = catalogs['zh-Hant'].planWorkbook.sheet;
      expect(res.sheets).toEqual([wb.cover, wb.geo, wb.channel, wb.product, wb.customer, wb.salesperson, wb.ho, wb.budget, wb.promotions, wb.team, wb.training, wb.actions, wb.chapters, 'changes']);
      expect(book.SheetNames).toEqual(res.sheets);
      const D = DIVISOR.wan;

      const summary = await invokeOk(c, 'targets.summary', { versionId });
      const planMonths = summary.plan.amountCents;
      expect(sum(planMonths)).toBeGreaterThan(0);
      // Target sheets: the totals row's months and year are the plan's, and the rows add up to it.
      for (const [sheet, labels] of [[wb.geo, 2], [wb.channel, 1], [wb.product, 2], [wb.customer, 2], [wb.salesperson, 1]] as const) {
        const rows = rowsOf(book, sheet);
        const total = lastRow(rows);
        expect(total[0]?.v, sheet).toBe('合計');
        for (let m = 0; m < 12; m++) expect(num(total[labels + m]) * D, `${sheet} month ${m + 1}`).toBeCloseTo(planMonths[m], 2);
        expect(num(total[labels + 12]) * D, sheet).toBeCloseTo(sum(planMonths), 2);
        const body = rows.slice(1, -1);
        expect(body.length, sheet).toBeGreaterThan(0);
        expect(sum(body.map((r) => num(r[labels + 12]))) * D, sheet).toBeCloseTo(sum(planMonths), 0);
        expect(total[labels + 12]?.z, sheet).toBe('#,##0.00');
      }
      const tree = await invokeOk(c, 'targets.tree', { versionId, levels: ['channel'], measure: 'amount', parent: null });
      const channelRows = rowsOf(book, wb.channel).slice(1, -1);
      expect(channelRows.map((r) => Math.round(num(r[13]) * D))).toEqual(tree.nodes.map((n) => sum(n.months)));

      // Head office's target against the plan: by month and the year, with the gap.
      const ho = await invokeOk(c, 'targets.hoTarget', {});
      const hoRows = rowsOf(book, wb.ho);
      for (let m = 0; m < 12; m++) {
        expect(num(hoRows[m + 1][1]) * D).toBeCloseTo(ho[m].amountCents, 2);
        expect(num(hoRows[m + 1][2]) * D).toBeCloseTo(planMonths[m], 2);
      }
      const hoTotal = lastRow(hoRows);
      expect(num(hoTotal[1]) * D).toBeCloseTo(sum(ho.map((m) => m.amountCents)), 2);
      expect(num(hoTotal[3]) * D).toBeCloseTo(-5_000_000_00, 2);
      expect(hoTotal[4]?.z).toBe('0.0%');

      // The expense budget: each month and the year, as expenses.budget has them.
      const budget = await invokeOk(c, 'expenses.budget', {});
      const budgetTotal = lastRow(rowsOf(book, wb.budget));
      expect(sum(budget.total.budget)).toBeGreaterThan(0);
      for (let m = 0; m < 12; m++) expect(num(budgetTotal[3 + m]) * D).toBeCloseTo(budget.total.budget[m], 2);
      expect(num(budgetTotal[15]) * D).toBeCloseTo(sum(budget.total.budget), 2);
      expect(num(budgetTotal[17])).toBeCloseTo(sum(budget.total.budget) / sum(budget.salesTarget), 9);

      const promotions = await invokeOk(c, 'promotions.list', {});
      expect(num(lastRow(rowsOf(book, wb.promotions))[6]) * D).toBeCloseTo(promotions.totalCents, 2);
      const team = await invokeOk(c, 'team.plan', {});
      expect(team.yearCostCents).toBeGreaterThan(0);
      expect(num(lastRow(rowsOf(book, wb.team))[25]) * D).toBeCloseTo(team.yearCostCents, 2);
      expect(num(lastRow(rowsOf(book, wb.training))[3]) * D).toBeCloseTo(team.trainingCostCents, 2);
      const actions = await invokeOk(c, 'team.actions.list', { today: '2027-01-15' });
      expect(rowsOf(book, wb.actions).length - 1).toBe(actions.rows.length);

      // The cover: the revision, the fingerprint and the totals.
      const cover = new Map(rowsOf(book, wb.cover).slice(1).map((r) => [r[0]?.v, r[1]]));
      const cw = catalogs['zh-Hant'].planWorkbook.cover;
      expect(cover.get(cw.revision)?.v).toBe(3);
      expect(cover.get(cw.fingerprint)?.v).toBe('ab12-cd34');
      expect(num(cover.get(cw.planAmount.replace('{{unit}}', '萬元'))) * D).toBeCloseTo(sum(planMonths), 2);
      expect(num(cover.get(cw.budget.replace('{{unit}}', '萬元'))) * D).toBeCloseTo(sum(budget.total.budget), 2);

      // The plan's tables and the caller's changes.
      expect(rowsOf(book, wb.chapters).length).toBeGreaterThan(10);
      const changes = rowsOf(book, 'changes');
      expect(changes[1].map((x) => x?.v)).toEqual(['浙江省', 100, 120, 0.2]);
      expect(changes[1].map((x) => x?.z)).toEqual(['General', '#,##0.00', '#,##0.00', '0.0%']);
      expect(changes[2][0]).toMatchObject({ t: 's', v: '-2' });

      // User text that looks like a formula is a string cell; no cell anywhere has a formula.
      const promoCell = rowsOf(book, wb.promotions).flat().find((x) => x?.v === '=1+1');
      expect(promoCell?.t).toBe('s');
      expect(rowsOf(book, wb.actions).map((r) => r[0]).find((x) => x?.v === '@SUM(A1)')?.t).toBe('s');
      for (const name of book.SheetNames) expect(rowsOf(book, name).flat().some((x) => x?.f !== undefined), name).toBe(false);

      // Every sheet keeps its header row in view and has column widths.
      const zip = XLSX.CFB.read(readFileSync(outPath), { type: 'buffer' });
      res.sheets.forEach((name, i) => {
        const xml = Buffer.from((XLSX.CFB.find(zip, `/xl/worksheets/sheet${i + 1}.xml`) as { content: Uint8Array }).content).toString('utf8');
        expect(xml, name).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
        expect(xml, name).toContain('<cols>');
        expect(xml, name).not.toContain('<f>');
        expect(xml, name).not.toContain('t="str"');
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes 元 whole and 億 with two decimals, each with its unit in the headers', async () => {
    const c = await open();
    const versionId = await seedPlan(c);
    const dir = mkdtempSync(join(tmpdir(), 'plan-wb-'));
    try {
      const summary = await invokeOk(c, 'targets.summary', { versionId });
      for (const [unit, format, label] of [['yuan', '#,##0', '元'], ['yi', '#,##0.00', '億元']] as const) {
        const { book, res } = await written(c, versionId, unit, 'zh-Hant', dir);
        const rows = rowsOf(book, res.sheets[2]);
        expect(rows[0][13]?.v).toBe(`全年（${label}）`);
        expect(lastRow(rows)[13]?.z).toBe(format);
        expect(num(lastRow(rows)[13]) * DIVISOR[unit]).toBeCloseTo(sum(summary.plan.amountCents), 2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the snapshot\'s, not the working plan\'s: a frozen version keeps its figures after the working plan moves on; an unknown version is refused', async () => {
    const c = await open();
    const versionId = await seedPlan(c);
    const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: versionId, name: '報總部 第1版 2027-01-15' });
    const before = sum((await invokeOk(c, 'targets.summary', { versionId: snap.id })).plan.amountCents);
    await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'current', edits: [{ path: [], period: 'year', value: before + 7_000_000_00 }], label: 'edit' });
    const dir = mkdtempSync(join(tmpdir(), 'plan-wb-'));
    try {
      const { book, res } = await written(c, snap.id, 'wan', 'zh-Hant', dir);
      const cover = new Map(rowsOf(book, res.sheets[0]).slice(1).map((r) => [r[0]?.v, r[1]?.v]));
      expect(cover.get(catalogs['zh-Hant'].planWorkbook.cover.version)).toBe('報總部 第1版 2027-01-15');
      for (const sheet of res.sheets.slice(1, 6)) {
        const year = lastRow(rowsOf(book, sheet)).filter((x) => x?.t === 'n').pop();
        expect(num(year) * DIVISOR.wan, sheet).toBeCloseTo(before, 2);
      }
      const file = c.session.requireFile();
      await expect(writePlanWorkbook(file.read, () => targetCache(file, file.read), {
        versionId: 9999, unit: 'wan', language: 'zh-Hant', revision: 1, fingerprint: 'x', changes: null, outPath: join(dir, 'none.xlsx'),
      })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(existsSync(join(dir, 'none.xlsx'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names its sheets validly in every language', async () => {
    for (const language of LANGUAGES) {
      const names = Object.values(catalogs[language].planWorkbook.sheet);
      expect(new Set(names.map((n) => n.toLowerCase())).size, language).toBe(names.length);
      for (const n of names) {
        expect(n.length, n).toBeLessThanOrEqual(31);
        expect(n, n).not.toMatch(/[[\]:*?/\\]/);
      }
    }
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))('opens in LibreOffice: every sheet converts, the plan\'s year total and the user\'s "=1+1" come out as written', async () => {
    const c = await open();
    const versionId = await seedPlan(c);
    const dir = mkdtempSync(join(tmpdir(), 'plan-wb-lo-'));
    try {
      const { outPath, res } = await written(c, versionId, 'wan', 'en', dir);
      const out = join(dir, 'csv');
      execFileSync('soffice', [
        `-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
        '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, outPath,
      ], { timeout: 120_000, stdio: 'ignore' });
      const files = readdirSync(out);
      expect(files.length).toBe(res.sheets.length);
      const csvOf = (sheet: string) => readFileSync(join(out, files.find((f) => f.endsWith(`-${sheet}.csv`))!), 'utf8');
      const summary = await invokeOk(c, 'targets.summary', { versionId });
      const year = sum(summary.plan.amountCents) / DIVISOR.wan;
      const totalLine = csvOf('Targets by channel').trim().split('\n').pop()!;
      const cells = totalLine.split(',');
      expect(cells[0]).toBe('Total');
      expect(Number(cells[13])).toBeCloseTo(year, 6);
      expect(csvOf('Promotions')).toMatch(/^=1\+1,/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
