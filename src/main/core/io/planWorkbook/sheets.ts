import type { Translate } from '../../../../shared/i18n';
import { KNOWN_ROLES } from '../../../../shared/endpoints/team';
import type { TargetDim, TargetNode } from '../../../../shared/endpoints/targets';
import { budgetMeasures, itemMeasures, sum } from '../../../../shared/expenses';
import { seededItemKey } from '../../../../shared/expenseItems';
import { geoDisplayName } from '../../../../shared/geoNames';
import { unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import { buildDeck } from '../../services/deck';
import { readBudget } from '../../services/expenses/budget';
import { listPromotions } from '../../services/promotions/calendar';
import { listActions, teamPlan } from '../../services/team';
import type { TargetCache } from '../../services/targets/model';
import { targetSummary, targetTree } from '../../services/targets/read';
import type { ColumnKind, SheetColumn, SheetModel } from './xlsx';

// The plan workbook's sheets for one plan version, each read through the service its
// screen reads (targets.tree and targets.summary over the cube, expenses.budget,
// promotions.list, team.plan, team.actions.list, the plan deck's chapters), so a sheet's
// figure is the app's figure. Amounts are integer cents here; the writer divides them
// into the display unit named in the headers.

export interface WorkbookContext {
  db: ReadDb;
  cube: TargetCache;
  versionId: number;
  versionName: string;
  regionName: string;
  planYear: number;
  unit: DisplayUnit;
  language: Language;
  revision: number;
  fingerprint: string;
  t: Translate;
  /** Today (yyyy-mm-dd): what an action is overdue against. */
  today: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

const w = (ctx: WorkbookContext, key: string, params: Record<string, string | number> = {}) =>
  ctx.t(`planWorkbook.${key}`, { unit: unitLabel(ctx.unit, ctx.language), ...params });

function monthColumns(ctx: WorkbookContext): SheetColumn[] {
  return [...MONTHS.map((m) => ({ header: w(ctx, 'col.month', { m }), kind: 'amount' as const })), { header: w(ctx, 'col.year'), kind: 'amount' as const }];
}

const withYear = (months: readonly number[]) => [...months, sum(months)];

function nodeName(ctx: WorkbookContext, n: TargetNode): string {
  if (n.label === '') return w(ctx, 'row.unassigned');
  if (n.dim === 'province' || n.dim === 'city') return geoDisplayName(n.label, n.dim, ctx.language);
  return n.label;
}

function tree(ctx: WorkbookContext, levels: TargetDim[], parent: number[] | null) {
  return targetTree(ctx.db, ctx.cube, ctx.versionId, levels, 'amount', parent);
}

/** Targets by one dimension × month, with the dimension's code when it has one. */
function byDim(ctx: WorkbookContext, sheet: string, dim: TargetDim, withCode: boolean): SheetModel {
  const t = tree(ctx, [dim], null);
  const nodes = t.nodes.filter((n) => n.depth === 0);
  return {
    name: w(ctx, `sheet.${sheet}`),
    columns: [...(withCode ? [{ header: w(ctx, 'col.code'), kind: 'text' as const }] : []), { header: w(ctx, `col.${dim}`), kind: 'text' }, ...monthColumns(ctx)],
    rows: nodes.map((n) => [...(withCode ? [n.code] : []), nodeName(ctx, n), ...withYear(n.months)]),
    total: [w(ctx, 'row.total'), ...(withCode ? [''] : []), ...withYear(t.total.months)],
  };
}

/** Targets by an outer and an inner dimension (province › city, brand › category) × month. */
function byTwo(ctx: WorkbookContext, sheet: string, outer: TargetDim, inner: TargetDim): SheetModel {
  const top = tree(ctx, [outer], null);
  const rows: (string | number | null)[][] = [];
  for (const o of top.nodes.filter((n) => n.depth === 0)) {
    const under = tree(ctx, [outer, inner], o.path);
    for (const n of under.nodes.filter((x) => x.depth === 1)) rows.push([nodeName(ctx, o), nodeName(ctx, n), ...withYear(n.months)]);
  }
  return {
    name: w(ctx, `sheet.${sheet}`),
    columns: [{ header: w(ctx, `col.${outer}`), kind: 'text' }, { header: w(ctx, `col.${inner}`), kind: 'text' }, ...monthColumns(ctx)],
    rows,
    total: [w(ctx, 'row.total'), '', ...withYear(top.total.months)],
  };
}

const ratioOf = (a: number, b: number) => (b > 0 ? a / b : null);

function headOffice(ctx: WorkbookContext): SheetModel {
  const s = targetSummary(ctx.db, ctx.cube, ctx.versionId);
  const ho = (k: keyof typeof s.ho, m: number) => s.ho[k][m] ?? 0;
  const line = (name: string, h: number, p: number, hv: number, pv: number, hg: number, pg: number) => [name, h, p, p - h, ratioOf(p, h), hv, pv, hg, pg];
  const rows = MONTHS.map((m, i) =>
    line(ctx.t('analysis.sales.month', { m }), ho('amountCents', i), s.plan.amountCents[i], ho('volume', i), s.plan.volume[i], ho('grossProfitCents', i), s.plan.grossProfitCents[i]),
  );
  const total = line(
    w(ctx, 'row.total'),
    sum(s.ho.amountCents), sum(s.plan.amountCents), sum(s.ho.volume), sum(s.plan.volume), sum(s.ho.grossProfitCents), sum(s.plan.grossProfitCents),
  );
  return {
    name: w(ctx, 'sheet.ho'),
    columns: [
      { header: w(ctx, 'col.monthShort'), kind: 'text' },
      { header: w(ctx, 'col.hoAmount'), kind: 'amount' },
      { header: w(ctx, 'col.planAmount'), kind: 'amount' },
      { header: w(ctx, 'col.gap'), kind: 'amount' },
      { header: w(ctx, 'col.coverage'), kind: 'ratio' },
      { header: w(ctx, 'col.hoVolume'), kind: 'count' },
      { header: w(ctx, 'col.planVolume'), kind: 'count' },
      { header: w(ctx, 'col.hoGrossProfit'), kind: 'amount' },
      { header: w(ctx, 'col.planGrossProfit'), kind: 'amount' },
    ],
    rows,
    total,
  };
}

function itemName(ctx: WorkbookContext, item: { code: string; name: string }): string {
  const key = seededItemKey(item.code, item.name);
  return key === null ? item.name : ctx.t(`expenses.seedItem.${key}`);
}

/** The version's expense budget as expenses.budget reads it, with the version's own targets. */
function budgetOf(ctx: WorkbookContext) {
  const s = targetSummary(ctx.db, ctx.cube, ctx.versionId);
  return readBudget(ctx.db, { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents, costMissingSkus: s.costMissing.skus }, ctx.versionId);
}

function budget(ctx: WorkbookContext): SheetModel {
  const b = budgetOf(ctx);
  const measures = new Map(itemMeasures(b).map((m) => [m.itemId, m]));
  const m = budgetMeasures(b.total.budget, b.salesTarget, b.grossProfitTarget, b.cap);
  const columns: SheetColumn[] = [
    { header: w(ctx, 'col.code'), kind: 'text' },
    { header: w(ctx, 'col.item'), kind: 'text' },
    { header: w(ctx, 'col.level'), kind: 'count', width: 6 },
    ...monthColumns(ctx),
    { header: w(ctx, 'col.share'), kind: 'ratio' },
    { header: w(ctx, 'col.expenseRatio'), kind: 'ratio' },
    // Returns are multiples (sales per 元 of expense), not percentages.
    { header: w(ctx, 'col.salesReturn'), kind: 'multiple' },
    { header: w(ctx, 'col.gpReturn'), kind: 'multiple' },
  ];
  const rows: (string | number | null)[][] = b.rows.map((r) => {
    const x = measures.get(r.itemId)!;
    return [r.code, `${'  '.repeat(r.depth)}${itemName(ctx, r)}`, r.depth + 1, ...withYear(r.budget), x.share, x.ratio, x.salesReturn, x.gpReturn];
  });
  // Under the items: the targets the ratios are taken on, and the ratio month by month.
  const rowKinds: (ColumnKind[] | undefined)[] = rows.map(() => undefined);
  rows.push(['', w(ctx, 'row.sales'), null, ...withYear(b.salesTarget), null, null, null, null]);
  rowKinds.push(undefined);
  rows.push(['', w(ctx, 'row.grossProfit'), null, ...withYear(b.grossProfitTarget), null, null, null, null]);
  rowKinds.push(undefined);
  rows.push(['', w(ctx, 'row.ratio'), null, ...m.months.map((x) => x.ratio), m.year.ratio, null, null, null, null]);
  rowKinds.push(['text', 'text', 'count', ...Array<ColumnKind>(13).fill('ratio'), 'ratio', 'ratio', 'multiple', 'multiple']);
  const total = ['', w(ctx, 'row.total'), null, ...withYear(b.total.budget), sum(b.total.budget) > 0 ? 1 : null, m.year.ratio, m.year.salesReturn, m.year.gpReturn];
  rowKinds.push(undefined);
  return { name: w(ctx, 'sheet.budget'), columns, rows, total, rowKinds };
}

function promotions(ctx: WorkbookContext): SheetModel {
  const list = listPromotions(ctx.db, ctx.versionId);
  return {
    name: w(ctx, 'sheet.promotions'),
    columns: [
      { header: w(ctx, 'col.name'), kind: 'text' },
      { header: w(ctx, 'col.type'), kind: 'text' },
      { header: w(ctx, 'col.start'), kind: 'text' },
      { header: w(ctx, 'col.end'), kind: 'text' },
      { header: w(ctx, 'col.mechanics'), kind: 'text' },
      { header: w(ctx, 'col.extraVolume'), kind: 'count' },
      { header: w(ctx, 'col.budget'), kind: 'amount' },
    ],
    rows: list.promotions.map((p) => [p.name, ctx.t(`promotions.type.${p.type}`), p.startDate, p.endDate, p.mechanics, p.expectedExtraVolume, p.budgetCents]),
    total: [w(ctx, 'row.total'), '', '', '', '', sum(list.promotions.map((p) => p.expectedExtraVolume)), list.totalCents],
  };
}

function roleName(ctx: WorkbookContext, role: string): string {
  return (KNOWN_ROLES as readonly string[]).includes(role) ? ctx.t(`team.role.${role}`) : role;
}

function team(ctx: WorkbookContext): SheetModel[] {
  const p = teamPlan(ctx.db, ctx.versionId);
  const headcount: SheetModel = {
    name: w(ctx, 'sheet.team'),
    columns: [
      { header: w(ctx, 'col.role'), kind: 'text' },
      ...MONTHS.map((m) => ({ header: w(ctx, 'col.headcount', { m }), kind: 'count' as const })),
      ...monthColumns(ctx),
    ],
    rows: p.roles.map((r) => [roleName(ctx, r.role), ...r.headcount, ...r.costCents, r.yearCostCents]),
    total: [w(ctx, 'row.total'), ...MONTHS.map((_, i) => sum(p.roles.map((r) => r.headcount[i]))), ...p.monthCostCents, p.yearCostCents],
  };
  const training: SheetModel = {
    name: w(ctx, 'sheet.training'),
    columns: [
      { header: w(ctx, 'col.topic'), kind: 'text' },
      { header: w(ctx, 'col.audience'), kind: 'text' },
      { header: w(ctx, 'col.monthShort'), kind: 'count' },
      { header: w(ctx, 'col.budget'), kind: 'amount' },
    ],
    rows: [...p.training].sort((a, b) => a.month - b.month || a.id - b.id).map((s) => [s.topic, s.audience, s.month, s.costCents]),
    total: [w(ctx, 'row.total'), '', null, p.trainingCostCents],
  };
  return [headcount, training];
}

function actions(ctx: WorkbookContext): SheetModel {
  const list = listActions(ctx.db, ctx.today, ctx.versionId);
  const names = (refs: { id: number; name: string }[]) => new Map(refs.map((r) => [r.id, r.name]));
  const owner = names(list.refs.salesperson);
  const city = names(list.refs.city);
  const channel = names(list.refs.channel);
  const brand = names(list.refs.brand);
  const of = (m: Map<number, string>, id: number | null) => (id === null ? '' : (m.get(id) ?? ''));
  return {
    name: w(ctx, 'sheet.actions'),
    columns: [
      { header: w(ctx, 'col.action'), kind: 'text' },
      { header: w(ctx, 'col.owner'), kind: 'text' },
      { header: w(ctx, 'col.due'), kind: 'text' },
      { header: w(ctx, 'col.status'), kind: 'text' },
      { header: w(ctx, 'col.city'), kind: 'text' },
      { header: w(ctx, 'col.channel'), kind: 'text' },
      { header: w(ctx, 'col.brand'), kind: 'text' },
      { header: w(ctx, 'col.measure'), kind: 'text' },
      { header: w(ctx, 'col.note'), kind: 'text' },
    ],
    rows: list.rows.map((a) => [
      a.title, of(owner, a.ownerId), a.dueDate ?? '', ctx.t(`team.status.${a.status}`),
      a.cityId === null ? '' : geoDisplayName(of(city, a.cityId), 'city', ctx.language), of(channel, a.channelId), of(brand, a.brandId), a.measure, a.note,
    ]),
  };
}

/** The plan deck's tables, chapter by chapter, stacked: a title row, the table's header, its rows and total. */
function chapters(ctx: WorkbookContext): SheetModel {
  const deck = buildDeck(ctx.db, () => ctx.cube, { doc: 'plan', versionId: ctx.versionId, language: ctx.language, today: ctx.today });
  const width = Math.max(2, ...deck.slides.map((s) => (s.table ? s.table.columns.length : 0)));
  const rows: (string | number | null)[][] = [];
  const rowKinds: (ColumnKind[] | undefined)[] = [];
  const pad = (r: (string | number | null)[]) => [...r, ...Array<null>(Math.max(0, width - r.length)).fill(null)];
  for (const s of deck.slides) {
    if (!s.table || s.empty) continue;
    const kinds: ColumnKind[] = s.table.columns.map((c) => (c.kind === 'volume' ? 'count' : c.kind));
    const text = () => Array<ColumnKind>(width).fill('text');
    rows.push(pad([`${s.chapterTitle} · ${s.title}`]));
    rowKinds.push(text());
    rows.push(pad(s.table.columns.map((c) => (c.kind === 'amount' ? `${c.label}（${unitLabel(ctx.unit, ctx.language)}）` : c.label))));
    rowKinds.push(text());
    for (const r of s.table.rows) {
      rows.push(pad(r));
      rowKinds.push(kinds);
    }
    if (s.table.more) {
      rows.push(pad([w(ctx, 'row.more', { n: s.table.more })]));
      rowKinds.push(text());
    }
    if (s.table.total) {
      rows.push(pad(s.table.total));
      rowKinds.push(kinds);
    }
    rows.push(pad([]));
    rowKinds.push(text());
  }
  return {
    name: w(ctx, 'sheet.chapters'),
    columns: Array.from({ length: width }, (_, i) => ({ header: i === 0 ? w(ctx, 'col.table') : '', kind: 'text' as const, width: i === 0 ? 40 : 16 })),
    rows,
    rowKinds,
  };
}

function cover(ctx: WorkbookContext): SheetModel {
  const s = targetSummary(ctx.db, ctx.cube, ctx.versionId);
  const b = budgetOf(ctx);
  const p = listPromotions(ctx.db, ctx.versionId);
  const team = teamPlan(ctx.db, ctx.versionId);
  const actionCount = listActions(ctx.db, ctx.today, ctx.versionId).rows.length;
  const plan = sum(s.plan.amountCents);
  const ho = sum(s.ho.amountCents);
  const lines: [string, string | number | null, ColumnKind][] = [
    [w(ctx, 'cover.region'), ctx.regionName, 'text'],
    [w(ctx, 'cover.planYear'), ctx.planYear, 'text'],
    [w(ctx, 'cover.revision'), ctx.revision, 'text'],
    [w(ctx, 'cover.fingerprint'), ctx.fingerprint, 'text'],
    [w(ctx, 'cover.version'), ctx.versionName, 'text'],
    [w(ctx, 'cover.unit'), unitLabel(ctx.unit, ctx.language), 'text'],
    [w(ctx, 'cover.planAmount'), plan, 'amount'],
    [w(ctx, 'cover.planVolume'), sum(s.plan.volume), 'count'],
    [w(ctx, 'cover.planGrossProfit'), sum(s.plan.grossProfitCents), 'amount'],
    [w(ctx, 'cover.hoAmount'), ho, 'amount'],
    [w(ctx, 'cover.gap'), plan - ho, 'amount'],
    [w(ctx, 'cover.budget'), sum(b.total.budget), 'amount'],
    [w(ctx, 'cover.expenseRatio'), ratioOf(sum(b.total.budget), sum(b.salesTarget)), 'ratio'],
    [w(ctx, 'cover.promotions'), p.totalCents, 'amount'],
    [w(ctx, 'cover.teamCost'), team.yearCostCents, 'amount'],
    [w(ctx, 'cover.trainingCost'), team.trainingCostCents, 'amount'],
    [w(ctx, 'cover.actions'), actionCount, 'count'],
  ];
  return {
    name: w(ctx, 'sheet.cover'),
    columns: [
      { header: w(ctx, 'cover.title', { region: ctx.regionName, year: ctx.planYear }), kind: 'text', width: 36 },
      { header: '', kind: 'text', width: 40 },
    ],
    rows: lines.map(([k, v]) => [k, v]),
    rowKinds: lines.map(([, , kind]) => ['text', kind]),
  };
}

/** Every sheet of the workbook but the changes, in the order an analyst reads them. */
export function planSheets(ctx: WorkbookContext): SheetModel[] {
  return [
    cover(ctx),
    byTwo(ctx, 'geo', 'province', 'city'),
    byDim(ctx, 'channel', 'channel', false),
    byTwo(ctx, 'product', 'brand', 'category'),
    byDim(ctx, 'customer', 'customer', true),
    byDim(ctx, 'salesperson', 'salesperson', false),
    headOffice(ctx),
    budget(ctx),
    promotions(ctx),
    ...team(ctx),
    actions(ctx),
    chapters(ctx),
  ];
}
