import { AppError, type InputIssue } from '../../../../shared/errors';
import type { ConsolidatedModel } from '../../../../shared/hq';
import { translator, type Translate } from '../../../../shared/i18n';
import { unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { writeAtomically } from '../atomicWrite';
import { AMOUNT_FORMATS, workbookBytes, type ColumnKind, type SheetColumn, type SheetModel } from '../planWorkbook/xlsx';

// Head office's consolidated workbook (.xlsx) for one plan cycle: a cover, the status
// board, the national plan against head office's target by region × month, the plan
// by brand/category and by channel × month, and the expense budget and ratio by region.
// It follows the plan workbook's rules through the same writer (planWorkbook/xlsx.ts):
// real numbers with a number format (amounts in the unit asked for: 萬元 and 億 with
// two decimals, 元 whole), text always a string cell (a region name is user text),
// headers frozen, widths set, totals written as values.
//
// The month-by-month sheets are long tables, a row per region (or brand, channel) and
// measure, so an analyst filters them by region or by measure; the national rows close
// each table.

type Value = string | number | null;
type Months = readonly number[];

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const ZERO: Months = Array<number>(12).fill(0);

const sum = (a: Months) => a.reduce((s, v) => s + v, 0);
const add = (rows: readonly Months[]) => MONTHS.map((_, i) => rows.reduce((s, r) => s + (r[i] ?? 0), 0));
const minus = (a: Months, b: Months) => a.map((v, i) => v - b[i]);
const ratioOf = (a: number, b: number): number | null => (b !== 0 ? a / b : null);

interface Ctx {
  model: ConsolidatedModel;
  t: Translate;
  unit: DisplayUnit;
  language: Language;
}

const w = (ctx: Ctx, key: string, params: Record<string, string | number> = {}) =>
  ctx.t(`hqWorkbook.${key}`, { unit: unitLabel(ctx.unit, ctx.language), ...params });

/** Every monthly array has 12 finite numbers; a model that does not is refused, nothing written. */
function checkModel(model: ConsolidatedModel): void {
  const issues: InputIssue[] = [];
  const twelve = (a: unknown, path: string) => {
    if (!Array.isArray(a) || a.length !== 12 || !a.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      issues.push({ path, message: 'expected 12 monthly numbers' });
    }
  };
  model.byRegionMonth.forEach((r, i) => {
    for (const k of ['planCents', 'volume', 'grossProfitCents', 'targetCents', 'targetVolume'] as const) twelve(r[k], `byRegionMonth.${i}.${k}`);
  });
  model.byBrand.forEach((r, i) => {
    twelve(r.planCents, `byBrand.${i}.planCents`);
    twelve(r.volume, `byBrand.${i}.volume`);
  });
  model.byChannel.forEach((r, i) => {
    twelve(r.planCents, `byChannel.${i}.planCents`);
    twelve(r.volume, `byChannel.${i}.volume`);
  });
  model.expenseByRegion.forEach((r, i) => {
    twelve(r.budgetCents, `expenseByRegion.${i}.budgetCents`);
    twelve(r.salesCents, `expenseByRegion.${i}.salesCents`);
  });
  if (issues.length > 0) throw new AppError('INVALID_INPUT', `the consolidated model is malformed: ${issues[0].path} ${issues[0].message}`, { issues });
}

interface RegionFigures {
  id: string;
  name: string;
  plan: Months;
  volume: Months;
  grossProfit: Months;
  target: Months;
  targetVolume: Months;
  budget: Months;
  sales: Months;
}

/** The regions in the model's order, each with its figures (zeros where the model has none); figures of a region not listed come last, named by id. */
function regionFigures(model: ConsolidatedModel): RegionFigures[] {
  const monthly = new Map(model.byRegionMonth.map((r) => [r.regionId, r]));
  const expense = new Map(model.expenseByRegion.map((r) => [r.regionId, r]));
  const listed = new Set(model.regions.map((r) => r.id));
  const extra = [...new Set([...monthly.keys(), ...expense.keys()])].filter((id) => !listed.has(id)).map((id) => ({ id, name: id }));
  return [...model.regions, ...extra].map(({ id, name }) => {
    const m = monthly.get(id);
    const e = expense.get(id);
    return {
      id,
      name,
      plan: m?.planCents ?? ZERO,
      volume: m?.volume ?? ZERO,
      grossProfit: m?.grossProfitCents ?? ZERO,
      target: m?.targetCents ?? ZERO,
      targetVolume: m?.targetVolume ?? ZERO,
      budget: e?.budgetCents ?? ZERO,
      sales: e?.salesCents ?? ZERO,
    };
  });
}

function national(regions: readonly RegionFigures[]): Omit<RegionFigures, 'id' | 'name'> {
  const of = (k: keyof Omit<RegionFigures, 'id' | 'name'>) => add(regions.map((r) => r[k]));
  return {
    plan: of('plan'),
    volume: of('volume'),
    grossProfit: of('grossProfit'),
    target: of('target'),
    targetVolume: of('targetVolume'),
    budget: of('budget'),
    sales: of('sales'),
  };
}

/** One measure's row of a long table: its 12 months and the year (summed, or the year's ratio). */
interface Measure {
  label: string;
  kind: ColumnKind;
  months: (number | null)[];
  year: number | null;
}

const amount = (label: string, months: Months, kind: ColumnKind = 'amount'): Measure => ({ label, kind, months: [...months], year: sum(months) });
const ratio = (label: string, top: Months, bottom: Months): Measure => ({
  label,
  kind: 'ratio',
  months: top.map((v, i) => ratioOf(v, bottom[i])),
  year: ratioOf(sum(top), sum(bottom)),
});

/** A long table: the leading text columns, a measure column, 12 months and the year. */
class LongTable {
  readonly rows: Value[][] = [];
  readonly rowKinds: ColumnKind[][] = [];
  constructor(private readonly lead: number) {}
  add(keys: (string | null)[], measures: Measure[]): void {
    for (const m of measures) {
      this.rows.push([...keys, m.label, ...m.months, m.year]);
      this.rowKinds.push([...Array<ColumnKind>(this.lead + 1).fill('text'), ...Array<ColumnKind>(13).fill(m.kind)]);
    }
  }
  sheet(ctx: Ctx, name: string, leadHeaders: string[]): SheetModel {
    const columns: SheetColumn[] = [
      ...leadHeaders.map((header) => ({ header, kind: 'text' as const })),
      { header: w(ctx, 'col.measure'), kind: 'text', width: 26 },
      ...MONTHS.map((m) => ({ header: w(ctx, 'col.month', { m }), kind: 'amount' as const, width: 14 })),
      { header: w(ctx, 'col.year'), kind: 'amount', width: 16 },
    ];
    return { name, columns, rows: this.rows, rowKinds: this.rowKinds };
  }
}

function planVsTarget(ctx: Ctx, f: Omit<RegionFigures, 'id' | 'name'>): Measure[] {
  return [
    amount(w(ctx, 'measure.plan'), f.plan),
    amount(w(ctx, 'measure.target'), f.target),
    amount(w(ctx, 'measure.gap'), minus(f.plan, f.target)),
    ratio(w(ctx, 'measure.gapRatio'), minus(f.plan, f.target), f.target),
    amount(w(ctx, 'measure.volume'), f.volume, 'count'),
    amount(w(ctx, 'measure.targetVolume'), f.targetVolume, 'count'),
    amount(w(ctx, 'measure.grossProfit'), f.grossProfit),
  ];
}

function nationalSheet(ctx: Ctx, regions: readonly RegionFigures[]): SheetModel {
  const table = new LongTable(1);
  for (const r of regions) table.add([r.name], planVsTarget(ctx, r));
  table.add([w(ctx, 'row.national')], planVsTarget(ctx, national(regions)));
  return table.sheet(ctx, w(ctx, 'sheet.national'), [w(ctx, 'col.region')]);
}

function brandSheet(ctx: Ctx): SheetModel {
  const table = new LongTable(2);
  const measures = (plan: Months, volume: Months) => [amount(w(ctx, 'measure.plan'), plan), amount(w(ctx, 'measure.volume'), volume, 'count')];
  for (const b of ctx.model.byBrand) table.add([b.brand, b.category ?? w(ctx, 'row.unassigned')], measures(b.planCents, b.volume));
  const all = ctx.model.byBrand;
  table.add([w(ctx, 'row.total'), null], measures(add(all.map((b) => b.planCents)), add(all.map((b) => b.volume))));
  return table.sheet(ctx, w(ctx, 'sheet.brand'), [w(ctx, 'col.brand'), w(ctx, 'col.category')]);
}

function channelSheet(ctx: Ctx): SheetModel {
  const table = new LongTable(1);
  const measures = (plan: Months, volume: Months) => [amount(w(ctx, 'measure.plan'), plan), amount(w(ctx, 'measure.volume'), volume, 'count')];
  for (const c of ctx.model.byChannel) table.add([c.channel], measures(c.planCents, c.volume));
  const all = ctx.model.byChannel;
  table.add([w(ctx, 'row.total')], measures(add(all.map((c) => c.planCents)), add(all.map((c) => c.volume))));
  return table.sheet(ctx, w(ctx, 'sheet.channel'), [w(ctx, 'col.channel')]);
}

function expenseSheet(ctx: Ctx, regions: readonly RegionFigures[]): SheetModel {
  const table = new LongTable(1);
  const measures = (budget: Months, sales: Months) => [
    amount(w(ctx, 'measure.budget'), budget),
    amount(w(ctx, 'measure.sales'), sales),
    ratio(w(ctx, 'measure.ratio'), budget, sales),
  ];
  for (const r of regions) table.add([r.name], measures(r.budget, r.sales));
  const n = national(regions);
  table.add([w(ctx, 'row.national')], measures(n.budget, n.sales));
  return table.sheet(ctx, w(ctx, 'sheet.expense'), [w(ctx, 'col.region')]);
}

function statusSheet(ctx: Ctx, regions: readonly RegionFigures[]): SheetModel {
  const state = new Map(ctx.model.regions.map((r) => [r.id, r]));
  const line = (f: Omit<RegionFigures, 'id' | 'name'>) => {
    const plan = sum(f.plan);
    const target = sum(f.target);
    return [plan, target, plan - target, ratioOf(plan - target, target), sum(f.volume), sum(f.budget), ratioOf(sum(f.budget), sum(f.sales))];
  };
  const rows: Value[][] = regions.map((r) => {
    const s = state.get(r.id);
    return [
      r.name,
      s ? w(ctx, `state.${s.state}`) : null,
      s?.revision ?? null,
      s?.receivedAt ?? null,
      s?.late ? w(ctx, 'row.late') : null,
      s?.fingerprint ?? null,
      ...line(r),
    ];
  });
  return {
    name: w(ctx, 'sheet.status'),
    columns: [
      { header: w(ctx, 'col.region'), kind: 'text' },
      { header: w(ctx, 'col.state'), kind: 'text' },
      { header: w(ctx, 'col.revision'), kind: 'count', width: 8 },
      { header: w(ctx, 'col.receivedAt'), kind: 'text' },
      { header: w(ctx, 'col.late'), kind: 'text', width: 8 },
      { header: w(ctx, 'col.fingerprint'), kind: 'text' },
      { header: w(ctx, 'col.planAmount'), kind: 'amount' },
      { header: w(ctx, 'col.targetAmount'), kind: 'amount' },
      { header: w(ctx, 'col.gap'), kind: 'amount' },
      { header: w(ctx, 'col.gapRatio'), kind: 'ratio' },
      { header: w(ctx, 'col.volume'), kind: 'count' },
      { header: w(ctx, 'col.budget'), kind: 'amount' },
      { header: w(ctx, 'col.expenseRatio'), kind: 'ratio' },
    ],
    rows,
    total: [w(ctx, 'row.national'), null, null, null, null, null, ...line(national(regions))],
  };
}

function cover(ctx: Ctx, regions: readonly RegionFigures[]): SheetModel {
  const m = ctx.model;
  const count = (pred: (r: ConsolidatedModel['regions'][number]) => boolean) => m.regions.filter(pred).length;
  const n = national(regions);
  const plan = sum(n.plan);
  const target = sum(n.target);
  const lines: [string, Value, ColumnKind][] = [
    [w(ctx, 'cover.cycle'), m.cycleName, 'text'],
    [w(ctx, 'cover.planYear'), m.planYear, 'text'],
    [w(ctx, 'cover.generatedAt'), m.generatedAt, 'text'],
    [w(ctx, 'cover.unit'), unitLabel(ctx.unit, ctx.language), 'text'],
    [w(ctx, 'cover.expected'), m.regions.length, 'count'],
    [w(ctx, 'cover.received'), count((r) => r.state !== 'pending'), 'count'],
    [w(ctx, 'cover.confirmed'), count((r) => r.state === 'confirmed'), 'count'],
    [w(ctx, 'cover.returned'), count((r) => r.state === 'returned'), 'count'],
    [w(ctx, 'cover.missing'), count((r) => r.state === 'pending'), 'count'],
    [w(ctx, 'cover.late'), count((r) => r.late), 'count'],
    [w(ctx, 'cover.planAmount'), plan, 'amount'],
    [w(ctx, 'cover.planVolume'), sum(n.volume), 'count'],
    [w(ctx, 'cover.planGrossProfit'), sum(n.grossProfit), 'amount'],
    [w(ctx, 'cover.targetAmount'), target, 'amount'],
    [w(ctx, 'cover.targetVolume'), sum(n.targetVolume), 'count'],
    [w(ctx, 'cover.gap'), plan - target, 'amount'],
    [w(ctx, 'cover.gapRatio'), ratioOf(plan - target, target), 'ratio'],
    [w(ctx, 'cover.budget'), sum(n.budget), 'amount'],
    [w(ctx, 'cover.expenseRatio'), ratioOf(sum(n.budget), sum(n.sales)), 'ratio'],
  ];
  return {
    name: w(ctx, 'sheet.cover'),
    columns: [
      { header: w(ctx, 'cover.title', { cycle: m.cycleName, year: m.planYear }), kind: 'text', width: 36 },
      { header: '', kind: 'text', width: 40 },
    ],
    rows: lines.map(([k, v]) => [k, v]),
    rowKinds: lines.map(([, , kind]) => ['text', kind]),
  };
}

/** The workbook's bytes and sheet names, without writing (tests and benches read them). */
export function consolidatedWorkbookBytes(model: ConsolidatedModel, options: { unit: DisplayUnit; language: Language }): { bytes: Buffer; sheets: string[] } {
  checkModel(model);
  const ctx: Ctx = { model, t: translator(options.language), unit: options.unit, language: options.language };
  const regions = regionFigures(model);
  const sheets = [cover(ctx, regions), statusSheet(ctx, regions), nationalSheet(ctx, regions), brandSheet(ctx), channelSheet(ctx), expenseSheet(ctx, regions)];
  return workbookBytes(sheets, AMOUNT_FORMATS[options.unit]);
}

/** Writes head office's consolidated workbook (.xlsx), whole or not at all. */
export function writeConsolidatedWorkbook(model: ConsolidatedModel, outPath: string, options: { unit: DisplayUnit; language: Language }): { path: string; bytes: number } {
  const { bytes } = consolidatedWorkbookBytes(model, options);
  writeAtomically(outPath, bytes);
  return { path: outPath, bytes: bytes.length };
}
