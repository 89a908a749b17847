import type { SlideCard, SlideChart } from '../../../../../shared/deck';
import { ACTION_STATUSES, type ActionListResult, type TeamPlanResult } from '../../../../../shared/endpoints/team';
import { listActions, teamPlan } from '../../team';
import { emptySlide, type ChapterBuilder, type DeckContext, type SlideDraft } from '../context';
import { commentarySlide, contentSlide, shortTable } from './common';

// 團隊與培訓: the team (headcount by role), the training sessions and the action list
// of the deck's plan version, as the team and action pages show them (services/team,
// the same calls with the version).

function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const subtitle = (ctx: DeckContext) => ctx.t('deckReview.management.subtitle', { version: ctx.versionName });
const roleName = (ctx: DeckContext, role: string) => {
  const name = ctx.t(`team.role.${role}`);
  return name === `team.role.${role}` ? role : name;
};
const monthName = (ctx: DeckContext, m: number) => ctx.t('analysis.sales.month', { m });

function team(ctx: DeckContext, p: TeamPlanResult): SlideDraft {
  const key = 'review.management.team';
  const title = ctx.t('deckReview.management.team');
  if (p.roles.length === 0) return emptySlide(key, title, subtitle(ctx), ctx.t('deckReview.management.noTeam'), 'expenses');
  const start = (r: TeamPlanResult['roles'][number]) => r.headcount[0];
  const end = (r: TeamPlanResult['roles'][number]) => r.headcount[11];
  const sum = (f: (r: TeamPlanResult['roles'][number]) => number) => p.roles.reduce((s, r) => s + f(r), 0);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title,
    categories: p.roles.map((r) => roleName(ctx, r.role)),
    series: [
      { name: ctx.t('deckReview.management.yearEnd'), role: 'ours', values: p.roles.map(end) },
      { name: ctx.t('deckReview.management.yearStart'), role: 'other', values: p.roles.map(start) },
    ],
    valueKind: 'count',
  };
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.management.yearEnd'), value: sum(end), kind: 'count', note: ctx.t('deckReview.management.fromStart', { n: sum(start) }) },
    { label: ctx.t('deckReview.management.personnelCost'), value: p.yearCostCents, kind: 'amount' },
    { label: ctx.t('deckReview.management.roles'), value: p.roles.length, kind: 'count' },
  ];
  const table = shortTable(
    [
      { label: ctx.t('deckReview.management.role'), kind: 'text' },
      { label: ctx.t('deckReview.management.yearStart'), kind: 'count' },
      { label: ctx.t('deckReview.management.yearEnd'), kind: 'count' },
      { label: ctx.t('deckReview.management.personnelCost'), kind: 'amount' },
    ],
    p.roles.map((r) => [roleName(ctx, r.role), start(r), end(r), r.yearCostCents]),
    [ctx.t('deck.total'), sum(start), sum(end), p.yearCostCents],
  );
  return contentSlide(ctx, { key, title, subtitle: subtitle(ctx), cards, charts: [chart], table });
}

function training(ctx: DeckContext, p: TeamPlanResult): SlideDraft {
  const key = 'review.management.training';
  const title = ctx.t('deckReview.management.training');
  if (p.training.length === 0) return emptySlide(key, title, subtitle(ctx), ctx.t('deckReview.management.noTraining'), 'expenses');
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const chart: SlideChart = {
    kind: 'clusteredBar',
    title: ctx.t('deckReview.management.sessionsByMonth'),
    categories: months.map((m) => monthName(ctx, m)),
    keys: months,
    series: [{ name: ctx.t('deckReview.management.sessions'), role: 'ours', values: months.map((m) => p.training.filter((s) => s.month === m).length) }],
    valueKind: 'count',
  };
  const audiences = new Set(p.training.map((s) => s.audience.trim()).filter((a) => a !== '')).size;
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.management.sessions'), value: p.training.length, kind: 'count' },
    { label: ctx.t('deckReview.management.trainingCost'), value: p.trainingCostCents, kind: 'amount' },
    { label: ctx.t('deckReview.management.audiences'), value: audiences, kind: 'count' },
  ];
  const table = shortTable(
    [
      { label: ctx.t('deckReview.management.topic'), kind: 'text' },
      { label: ctx.t('deckReview.management.audience'), kind: 'text' },
      { label: ctx.t('deckReview.management.month'), kind: 'text' },
      { label: ctx.t('deckReview.management.cost'), kind: 'amount' },
    ],
    [...p.training].sort((a, b) => a.month - b.month || a.id - b.id).map((s) => [s.topic, s.audience, monthName(ctx, s.month), s.costCents]),
    [ctx.t('deck.total'), '', '', p.trainingCostCents],
  );
  return contentSlide(ctx, { key, title, subtitle: subtitle(ctx), cards, charts: [chart], table });
}

function actions(ctx: DeckContext, list: ActionListResult): SlideDraft {
  const key = 'review.management.actions';
  const title = ctx.t('deckReview.management.actions');
  const rows = list.rows;
  if (rows.length === 0) return emptySlide(key, title, subtitle(ctx), ctx.t('deckReview.management.noActions'), 'expenses');
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const chart: SlideChart = {
    kind: 'doughnut',
    title: ctx.t('deckReview.management.byStatus'),
    categories: ACTION_STATUSES.map((s) => ctx.t(`team.status.${s}`)),
    series: [{ name: ctx.t('deckReview.management.actionCount'), role: 'ours', values: ACTION_STATUSES.map(count) }],
    valueKind: 'count',
  };
  const cards: SlideCard[] = [
    { label: ctx.t('deckReview.management.actionCount'), value: rows.length, kind: 'count' },
    { label: ctx.t('team.status.done'), value: count('done'), kind: 'count', tone: 'pos' },
    { label: ctx.t('deckReview.management.underWay'), value: count('open') + count('in_progress'), kind: 'count' },
    { label: ctx.t('deckReview.management.overdue'), value: list.overdueCount, kind: 'count', ...(list.overdueCount > 0 ? { tone: 'neg' as const } : {}) },
  ];
  const owner = new Map(list.refs.salesperson.map((s) => [s.id, s.name]));
  const pending = rows
    .filter((r) => r.status === 'open' || r.status === 'in_progress')
    .sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.id - b.id);
  const table = shortTable(
    [
      { label: ctx.t('deckReview.management.action'), kind: 'text' },
      { label: ctx.t('deckReview.management.owner'), kind: 'text' },
      { label: ctx.t('deckReview.management.due'), kind: 'text' },
      { label: ctx.t('deckReview.management.status'), kind: 'text' },
    ],
    pending.map((r) => [r.title, r.ownerId === null ? '' : (owner.get(r.ownerId) ?? ''), r.dueDate ?? '', ctx.t(`team.status.${r.status}`) + (r.overdue ? ctx.t('deckReview.management.overdueMark') : '')]),
  );
  return contentSlide(ctx, { key, title, subtitle: subtitle(ctx), cards, charts: [chart], table });
}

export const managementChapter: ChapterBuilder = {
  key: 'review.management',
  doc: 'review',
  keys: ['review.management.team', 'review.management.training', 'review.management.actions', 'review.management.commentary'],
  title: (ctx) => ctx.t('deckReview.management.title'),
  slides: (ctx) => {
    const p = teamPlan(ctx.db, ctx.versionId);
    const first = team(ctx, p);
    return [first, training(ctx, p), actions(ctx, listActions(ctx.db, localToday(), ctx.versionId)), commentarySlide(ctx, 'management', 'review.management.commentary', first.cards)];
  },
};
