import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import { ACTION_STATUSES, KNOWN_ROLES, type ActionListResult, type TeamPlanResult } from '../../../../../shared/endpoints/team';
import { listActions, teamPlan } from '../../team';
import type { ChapterBuilder, DeckContext, SlideDraft } from '../context';
import { MONTH_KEYS, contentSlide, emptyOfWorking, monthNames, sectionParagraphs, sumOf, table } from './common';

// 管理計劃: the headcount and the personnel cost, the training plan and the action list
// (PDCA) of the deck's version, as 費用與行動計劃 › 團隊與培訓 and › 行動計劃 show them
// (team.plan, team.actions.list).

const teams = new WeakMap<DeckContext, TeamPlanResult>();
function teamOf(ctx: DeckContext): TeamPlanResult {
  let p = teams.get(ctx);
  if (!p) teams.set(ctx, (p = teamPlan(ctx.db, ctx.versionId)));
  return p;
}

const subtitleOf = (ctx: DeckContext) => ctx.t('deckPlan.subtitle', { year: ctx.planYear, version: ctx.versionName });

function roleName(ctx: DeckContext, role: string): string {
  return (KNOWN_ROLES as readonly string[]).includes(role) ? ctx.t(`team.role.${role}`) : role;
}

/** Today in local time (yyyy-mm-dd): what an action is overdue against, as on the action list. */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function team(ctx: DeckContext): SlideDraft {
  const key = 'plan.management.team';
  const title = ctx.t('deckPlan.management.team');
  const p = teamOf(ctx);
  if (p.roles.length === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.team'), 'expenses');
  const headcount = (m: number) => p.roles.reduce((s, r) => s + r.headcount[m], 0);
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.headcountEnd'), value: headcount(11), kind: 'count', note: ctx.t('deckPlan.headcountStart', { n: headcount(0) }) },
    { label: ctx.t('deckPlan.card.personnelCost'), value: p.yearCostCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.trainingCost'), value: p.trainingCostCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.trainingSessions'), value: p.training.length, kind: 'count' },
  ];
  const charts: SlideChart[] = [
    {
      kind: 'columnTarget',
      title: ctx.t('deckPlan.management.costByMonth'),
      categories: monthNames(ctx),
      keys: MONTH_KEYS,
      series: [{ name: ctx.t('deckPlan.series.personnelCost'), role: 'ours', values: [...p.monthCostCents] }],
      valueKind: 'amount',
    },
    {
      kind: 'line',
      title: ctx.t('deckPlan.management.headcountByMonth'),
      categories: monthNames(ctx),
      keys: MONTH_KEYS,
      series: p.roles.map((r, i) => ({ name: roleName(ctx, r.role), role: i === 0 ? ('ours' as const) : ('other' as const), values: [...r.headcount] })),
      valueKind: 'count',
    },
  ];
  const columns = [
    { label: ctx.t('deckPlan.col.role'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.headcountStart'), kind: 'count' as const },
    { label: ctx.t('deckPlan.col.headcountEnd'), kind: 'count' as const },
    { label: ctx.t('deckPlan.col.yearCost'), kind: 'amount' as const },
  ];
  const rows = p.roles.map((r) => [roleName(ctx, r.role), r.headcount[0], r.headcount[11], r.yearCostCents]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), {
    cards,
    charts,
    table: table(columns, rows, [ctx.t('deck.total'), headcount(0), headcount(11), p.yearCostCents]),
  });
}

function training(ctx: DeckContext): SlideDraft {
  const key = 'plan.management.training';
  const title = ctx.t('deckPlan.management.training');
  const p = teamOf(ctx);
  if (p.training.length === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.training'), 'expenses');
  const months = new Array<number>(12).fill(0);
  const counts = new Array<number>(12).fill(0);
  for (const s of p.training) {
    months[s.month - 1] += s.costCents;
    counts[s.month - 1]++;
  }
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.trainingSessions'), value: p.training.length, kind: 'count' },
    { label: ctx.t('deckPlan.card.trainingCost'), value: p.trainingCostCents, kind: 'amount' },
    { label: ctx.t('deckPlan.card.trainingMonths'), value: counts.filter((c) => c > 0).length, kind: 'count' },
  ];
  const chart: SlideChart = {
    kind: 'columnTarget',
    title: ctx.t('deckPlan.management.trainingByMonth'),
    categories: monthNames(ctx),
    keys: MONTH_KEYS,
    series: [{ name: ctx.t('deckPlan.series.trainingCost'), role: 'ours', values: months }],
    valueKind: 'amount',
  };
  const columns = [
    { label: ctx.t('deckPlan.col.topic'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.audience'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.month'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.cost'), kind: 'amount' as const },
  ];
  const rows = [...p.training].sort((a, b) => a.month - b.month || a.id - b.id).map((s) => [s.topic, s.audience, ctx.t('analysis.sales.month', { m: s.month }), s.costCents]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, rows, [ctx.t('deck.total'), '', '', sumOf(months)]) });
}

function actions(ctx: DeckContext): SlideDraft {
  const key = 'plan.management.actions';
  const title = ctx.t('deckPlan.management.actions');
  const list: ActionListResult = listActions(ctx.db, localToday(), ctx.versionId);
  if (list.rows.length === 0) return emptyOfWorking(ctx, key, title, ctx.t('deckPlan.empty.actions'), 'expenses');
  const rows = list.rows;
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const cards: SlideCard[] = [
    { label: ctx.t('deckPlan.card.actions'), value: rows.length, kind: 'count' },
    { label: ctx.t('deckPlan.card.actionsOpen'), value: count('open') + count('in_progress'), kind: 'count' },
    { label: ctx.t('deckPlan.card.actionsDone'), value: count('done'), kind: 'count' },
    { label: ctx.t('deckPlan.card.overdue'), value: list.overdueCount, kind: 'count', tone: list.overdueCount > 0 ? 'neg' : undefined },
  ];
  const statuses = ACTION_STATUSES.filter((s) => count(s) > 0);
  const chart: SlideChart = {
    kind: 'doughnut',
    title: ctx.t('deckPlan.management.actionsByStatus'),
    categories: statuses.map((s) => ctx.t(`team.status.${s}`)),
    series: [{ name: ctx.t('deckPlan.card.actions'), role: 'ours', values: statuses.map(count) }],
    valueKind: 'count',
  };
  const owner = new Map(list.refs.salesperson.map((s) => [s.id, s.name]));
  const columns = [
    { label: ctx.t('deckPlan.col.action'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.owner'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.due'), kind: 'text' as const },
    { label: ctx.t('deckPlan.col.status'), kind: 'text' as const },
  ];
  // Overdue first, then by due date: what the meeting should hear about.
  const tableRows = [...rows]
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id)
    .map((r) => [
      r.title,
      r.ownerId === null ? '—' : (owner.get(r.ownerId) ?? '—'),
      r.dueDate ?? '—',
      r.overdue ? ctx.t('deckPlan.overdueStatus', { status: ctx.t(`team.status.${r.status}`) }) : ctx.t(`team.status.${r.status}`),
    ]);
  return contentSlide(ctx, key, title, subtitleOf(ctx), { cards, charts: [chart], table: table(columns, tableRows), commentary: sectionParagraphs(ctx, 'monitoring', true) });
}

export const managementChapter: ChapterBuilder = {
  key: 'plan.management',
  doc: 'plan',
  keys: ['plan.management.team', 'plan.management.training', 'plan.management.actions'],
  title: (ctx) => ctx.t('deckPlan.management.title'),
  slides: (ctx) => [team(ctx), training(ctx), actions(ctx)],
};
