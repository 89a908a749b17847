import { describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../../src/shared/deck';
import { catalogs, translate } from '../../src/shared/i18n';
import { formatAmount, LANGUAGES } from '../../src/shared/units';
import { deckKeys } from '../../src/main/core/services/deck';
import { demoOpener, invokeOk, type RegistryCtx } from './helpers';

// 年度計劃 as a deck on the tiny demo region (華東大區 2027): every slide with figures
// shows the figures of its chapter's own endpoint, for the deck's version; a chapter
// with no data says what to enter and where.

const open = demoOpener();
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);

async function planDeck(c: RegistryCtx, versionId?: number, language: 'zh-Hant' | 'zh-Hans' | 'en' = 'zh-Hant'): Promise<Deck> {
  return invokeOk(c, 'deck.get', { doc: 'plan', language, ...(versionId !== undefined ? { versionId } : {}) });
}
const slideOf = (deck: Deck, key: string): Slide => {
  const s = deck.slides.find((x) => x.key === key);
  if (!s) throw new Error(`no slide ${key}`);
  return s;
};
const card = (s: Slide, label: string) => {
  const c = s.cards.find((x) => x.label === label);
  if (!c) throw new Error(`${s.key} has no card ${label}: ${s.cards.map((x) => x.label).join(', ')}`);
  return c.value;
};
const zh = (key: string, params?: Record<string, string | number>) => translate('zh-Hant', key, params);

/** Gives the working plan a target (spread by last year), an expense budget at 8% with a 7% cap, a promotion, a team and a training session. */
async function seedPlan(c: RegistryCtx): Promise<number> {
  const versionId = (await invokeOk(c, 'targets.versions', {}))[0].id;
  const ho = await invokeOk(c, 'targets.hoTarget', {});
  const hoYear = sum(ho.map((m) => m.amountCents));
  await invokeOk(c, 'targets.setCells', { versionId, levels: ['province'], measure: 'amount', method: 'lastYear', edits: [{ path: [], period: 'year', value: hoYear - 5_000_000_00 }], label: 'edit' });
  await invokeOk(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
  await invokeOk(c, 'expenses.setCap', { cap: 0.07 });
  const items = await invokeOk(c, 'expenses.items', {});
  const leaf = items.find((i) => i.leaf && i.kind === 'promotion') ?? items.find((i) => i.leaf)!;
  await invokeOk(c, 'promotions.create', { name: '春節堆頭', type: 'display', startDate: '2027-01-10', endDate: '2027-02-20', budget: [{ itemId: leaf.id, amountCents: 30_000_000 }] });
  await invokeOk(c, 'promotions.create', { name: '夏季電視廣告', type: 'advertising', startDate: '2027-06-01', endDate: '2027-07-31', budget: [{ itemId: leaf.id, amountCents: 80_000_000 }] });
  await invokeOk(c, 'team.seedFromMaster', {});
  await invokeOk(c, 'team.training.apply', { rows: [{ topic: '新品上市培訓', audience: '業務代表', month: 3, costCents: 2_000_000 }], label: 'append' });
  return versionId;
}

/** Every text of a slide a person reads. */
function textsOf(s: Slide): string[] {
  return [
    s.defaultTitle, s.subtitle, s.notes, ...s.commentary, s.empty?.message ?? '',
    ...s.cards.flatMap((c) => [c.label, c.note ?? '']),
    ...s.charts.flatMap((ch) => [ch.title, ...ch.categories, ...ch.series.map((x) => x.name)]),
    ...(s.table ? [...s.table.columns.map((c) => c.label), ...s.table.rows.flat().filter((v): v is string => typeof v === 'string')] : []),
  ];
}

describe('the plan deck', () => {
  it('has every chapter in the article\'s order; on a plan with no targets, expenses, promotions or team it says what to enter and where', async () => {
    const c = await open();
    const deck = await planDeck(c);
    expect(deck.slides.map((s) => s.key)).toEqual(deckKeys('plan'));
    expect(deck.slides.filter((s) => s.kind === 'chapter').map((s) => s.defaultTitle)).toEqual(
      ['銷售目標', '產品計劃', '渠道客戶計劃', '終端計劃', '促銷與廣告計劃', '管理計劃', '費用預算', '計劃文字'].map((t, i) => `${i + 1}. ${t}`),
    );
    for (const key of ['plan.targets.byMonth', 'plan.targets.byGeo', 'plan.targets.byChannel', 'plan.targets.byProduct', 'plan.product.mix']) {
      expect(slideOf(deck, key).empty).toEqual({ message: zh('deck.empty.targets'), area: 'targets' });
    }
    expect(slideOf(deck, 'plan.budget.byItem').empty).toEqual({ message: zh('deckPlan.empty.budget'), area: 'expenses' });
    expect(slideOf(deck, 'plan.budget.byMonth').empty?.area).toBe('expenses');
    expect(slideOf(deck, 'plan.promotions.calendar').empty).toEqual({ message: zh('deckPlan.empty.promotions'), area: 'expenses' });
    expect(slideOf(deck, 'plan.management.team').empty).toEqual({ message: zh('deckPlan.empty.team'), area: 'expenses' });
    expect(slideOf(deck, 'plan.management.training').empty?.message).toBe(zh('deckPlan.empty.training'));
    // What the demo has: the product, channel and terminal plans, the action list, the written sections.
    for (const key of ['plan.product.positions', 'plan.product.newProducts', 'plan.channel.blankAreas', 'plan.channel.pipeline', 'plan.channel.changes',
      'plan.terminal.openings', 'plan.terminal.distribution', 'plan.terminal.shelf', 'plan.terminal.skus', 'plan.management.actions']) {
      const s = slideOf(deck, key);
      expect(s.empty, key).toBeNull();
      expect(s.cards.length, key).toBeGreaterThanOrEqual(2);
      expect(s.cards.length, key).toBeLessThanOrEqual(5);
      expect(s.charts.length, key).toBeGreaterThanOrEqual(1);
      expect(s.table!.rows.length, key).toBeLessThanOrEqual(8);
      expect(s.notes, key).not.toBe('');
    }
    expect(slideOf(deck, 'plan.written.summary').kind).toBe('text');
  });

  it('speaks each language, with no word missing from a catalog', async () => {
    const c = await open();
    await seedPlan(c);
    for (const language of LANGUAGES) {
      const deck = await planDeck(c, undefined, language);
      const namespaces = Object.keys(catalogs[language]).join('|');
      const key = new RegExp(`(^|[^\\w.])(${namespaces})\\.[a-zA-Z]+\\.?[a-zA-Z.]*`);
      for (const s of deck.slides) for (const text of textsOf(s)) expect(text, `${language} ${s.key}`).not.toMatch(key);
      // A table fits beside its charts: a few columns, at most 8 rows and a total.
      for (const s of deck.slides.filter((x) => x.table)) {
        expect(s.table!.columns.length, s.key).toBeLessThanOrEqual(s.charts.length === 2 ? 4 : 6);
        expect(s.table!.rows.length, s.key).toBeLessThanOrEqual(8);
        for (const r of [...s.table!.rows, ...(s.table!.total ? [s.table!.total] : [])]) expect(r.length, s.key).toBe(s.table!.columns.length);
      }
    }
    const en = await planDeck(c, undefined, 'en');
    expect(slideOf(en, 'plan.targets.byMonth').defaultTitle).toBe('Targets by month, against last year and head office');
  });

  it('the target slides show the target page\'s figures: the gap check by month, the tree by province, channel, brand and category; a live filter is the tree under that slice', async () => {
    const c = await open();
    const versionId = await seedPlan(c);
    const deck = await planDeck(c);
    const summary = await invokeOk(c, 'targets.summary', { versionId });
    const month = slideOf(deck, 'plan.targets.byMonth');
    expect(card(month, zh('deck.card.planAmount'))).toBe(sum(summary.plan.amountCents));
    expect(card(month, zh('deckPlan.card.hoTarget'))).toBe(sum(summary.ho.amountCents));
    expect(card(month, zh('deckPlan.card.grossProfit'))).toBe(sum(summary.plan.grossProfitCents));
    expect(month.cards.find((x) => x.label === zh('deckPlan.card.vsHo'))?.tone).toBe('neg');
    const [chart] = month.charts;
    expect(chart.kind).toBe('columnTarget');
    expect(chart.series.map((s) => s.role)).toEqual(['ours', 'target', 'lastYear', 'ratio']);
    expect(chart.series[0].values).toEqual(summary.plan.amountCents);
    expect(chart.series[1].values).toEqual(summary.ho.amountCents);
    expect(chart.series[2].values).toEqual(summary.lastYear.amountCents);
    expect(month.table!.total![1]).toBe(sum(summary.plan.amountCents));
    expect(month.table!.rows.map((r) => r[1])).toEqual([0, 1, 2, 3].map((q) => sum(summary.plan.amountCents.slice(q * 3, q * 3 + 3))));
    // The objectives section of the written plan is the commentary; the notes say the figures with their unit.
    expect(month.commentary.length).toBeGreaterThan(0);
    expect(month.notes).toContain(`${zh('deck.card.planAmount')} ${formatAmount(sum(summary.plan.amountCents), deck.unit, 'zh-Hant', { withUnit: true })}`);

    for (const [key, dim] of [['plan.targets.byGeo', 'province'], ['plan.targets.byChannel', 'channel'], ['plan.targets.byProduct', 'category']] as const) {
      const tree = await invokeOk(c, 'targets.tree', { versionId, levels: [dim], measure: 'amount', parent: null });
      const s = slideOf(deck, key);
      const byName = new Map(tree.nodes.map((n) => [n.label, sum(n.months)]));
      const rows = s.table!.rows;
      expect(rows.length).toBe(Math.min(8, tree.nodes.length));
      for (const r of rows) expect(r[1], `${key} ${String(r[0])}`).toBe(byName.get(String(r[0])));
      expect(s.table!.more ?? 0).toBe(Math.max(0, tree.nodes.length - 8));
      expect(s.table!.total![1]).toBe(sum(tree.total.months));
      expect(card(s, zh('deck.card.planAmount'))).toBe(sum(tree.total.months));
    }
    const brands = await invokeOk(c, 'targets.tree', { versionId, levels: ['brand'], measure: 'amount', parent: null });
    const doughnut = slideOf(deck, 'plan.targets.byProduct').charts[0];
    expect(doughnut.kind).toBe('doughnut');
    expect(doughnut.series[0].values).toEqual(brands.nodes.map((n) => sum(n.months)).filter((v) => v > 0).sort((a, b) => b - a));

    // "What about this province only?": its cities, as the tree shows them under it.
    const province = (await invokeOk(c, 'targets.tree', { versionId, levels: ['province'], measure: 'amount', parent: null })).nodes[0];
    const geo = await invokeOk(c, 'deck.slide', { doc: 'plan', key: 'plan.targets.byGeo', filter: { provinceId: province.path[0] } });
    const cities = await invokeOk(c, 'targets.tree', { versionId, levels: ['province', 'city'], measure: 'amount', parent: province.path });
    expect(geo.table!.total![1]).toBe(sum(province.months));
    expect(geo.table!.rows.map((r) => r[1]).sort()).toEqual(cities.nodes.map((n) => sum(n.months)).slice(0, 8).sort());
    expect(geo.filters?.provinces?.length).toBeGreaterThan(0);
    const channel = (await invokeOk(c, 'targets.tree', { versionId, levels: ['channel'], measure: 'amount', parent: null })).nodes[0];
    const monthOfChannel = await invokeOk(c, 'deck.slide', { doc: 'plan', key: 'plan.targets.byMonth', filter: { channelId: channel.path[0] } });
    expect(monthOfChannel.charts[0].series[0].values).toEqual(channel.months);
    expect(monthOfChannel.charts[0].series.map((s) => s.role)).toEqual(['ours', 'lastYear', 'ratio']);
  });

  it('the product, channel and terminal slides show their chapter\'s figures', async () => {
    const c = await open();
    await seedPlan(c);
    const deck = await planDeck(c);
    const product = await invokeOk(c, 'plan.product.get', {});
    const mix = slideOf(deck, 'plan.product.mix');
    expect(card(mix, zh('deck.card.planAmount'))).toBe(product.total.targetCents);
    expect(card(mix, zh('deckPlan.card.targetMargin'))).toBe(product.total.targetMargin);
    for (const r of mix.table!.rows) expect(r[1]).toBe(product.categories.find((x) => x.name === r[0])!.targetCents);
    expect(mix.commentary.length).toBeGreaterThan(0);
    const positions = slideOf(deck, 'plan.product.positions');
    expect(card(positions, zh('deckPlan.card.focusCells'))).toBe(product.positions.filter((p) => p.focus === 'focus').length);
    const news = slideOf(deck, 'plan.product.newProducts');
    expect(card(news, zh('deckPlan.card.newPlanned'))).toBe(product.newTotals.plannedCents);
    expect(card(news, zh('deckPlan.card.newHo'))).toBe(product.newTotals.hoCents);
    expect(card(news, zh('deckPlan.card.newInTargets'))).toBe(product.newTotals.derivedCents);
    expect(news.table!.total![3]).toBe(product.newTotals.plannedCents);

    const channel = await invokeOk(c, 'plan.channel.get', {});
    const blank = slideOf(deck, 'plan.channel.blankAreas');
    expect(card(blank, zh('deckPlan.card.blankAreas'))).toBe(channel.tracking.blankAreas);
    expect(card(blank, zh('deckPlan.card.firstYearSales'))).toBe(channel.tracking.firstYearSalesCents);
    const pipeline = slideOf(deck, 'plan.channel.pipeline');
    expect(card(pipeline, zh('deckPlan.card.pipelineSales'))).toBe(channel.tracking.pipelineSalesCents);
    expect(pipeline.charts[0].series[0].values).toEqual(channel.pipeline.byStage.map((s) => s.count));
    expect(pipeline.charts[1].series[0].values).toEqual(channel.pipeline.byStage.map((s) => s.yearSalesCents));
    expect(card(slideOf(deck, 'plan.channel.changes'), zh('deckPlan.card.changes'))).toBe(channel.tracking.changes);

    const terminal = await invokeOk(c, 'plan.terminal.get', {});
    const openings = slideOf(deck, 'plan.terminal.openings');
    expect(card(openings, zh('deckPlan.card.storesToOpen'))).toBe(terminal.openingTotal.year);
    expect(openings.charts[0].series[0].values).toEqual(terminal.openingTotal.months);
    expect(openings.table!.total!.slice(1)).toEqual([...terminal.openingTotal.quarters, terminal.openingTotal.year]);
    for (const measure of ['distribution', 'shelf'] as const) {
      const s = slideOf(deck, `plan.terminal.${measure}`);
      const rows = terminal.shareTargets.filter((r) => (measure === 'distribution' ? r.distributionTarget : r.shelfTarget) !== null);
      expect(card(s, zh('deckPlan.card.shareTargets'))).toBe(rows.length);
      expect(s.table!.rows.map((r) => r[1])).toEqual(rows.slice(0, 8).map((r) => (measure === 'distribution' ? r.distributionTarget : r.shelfTarget)));
      expect(s.charts[0].series.map((x) => x.role)).toEqual(['ours', 'lastYear', 'competitor']);
      expect(s.charts[0].series[1].values).toEqual(rows.slice(0, 8).map((r) => r.baseline[measure]));
    }
    const skus = slideOf(deck, 'plan.terminal.skus');
    expect(skus.table!.rows.map((r) => r[1])).toEqual(terminal.skuTargets.slice(0, 8).map((r) => r.target));
  });

  it('the promotion, management and budget slides show their endpoints\' figures; the budget\'s ratio against the cap by month', async () => {
    const c = await open();
    await seedPlan(c);
    const deck = await planDeck(c);
    const promos = await invokeOk(c, 'promotions.list', {});
    const cal = slideOf(deck, 'plan.promotions.calendar');
    expect(card(cal, zh('deckPlan.card.promotionBudget'))).toBe(promos.totalCents);
    expect(card(cal, zh('deckPlan.card.advertising'))).toBe(80_000_000);
    expect(cal.table!.rows.map((r) => r[3])).toEqual([30_000_000, 80_000_000]);
    expect(sum(cal.charts[0].series[0].values as number[])).toBe(promos.totalCents);
    const budget = await invokeOk(c, 'expenses.budget', {});
    // The promotions roll into the budget month by month, as the expense grid shows them.
    expect(cal.charts[0].series[0].values).toEqual(budget.total.promo);
    expect(slideOf(deck, 'plan.promotions.byType').charts[0].series[0].values).toEqual([80_000_000, 30_000_000]);

    const team = await invokeOk(c, 'team.plan', {});
    const t = slideOf(deck, 'plan.management.team');
    expect(card(t, zh('deckPlan.card.personnelCost'))).toBe(team.yearCostCents);
    expect(t.charts[0].series[0].values).toEqual(team.monthCostCents);
    expect(card(t, zh('deckPlan.card.headcountEnd'))).toBe(sum(team.roles.map((r) => r.headcount[11])));
    expect(card(slideOf(deck, 'plan.management.training'), zh('deckPlan.card.trainingCost'))).toBe(team.trainingCostCents);
    const actions = await invokeOk(c, 'team.actions.list', { today: '2026-12-06' });
    expect(card(slideOf(deck, 'plan.management.actions'), zh('deckPlan.card.actions'))).toBe(actions.rows.length);

    const item = slideOf(deck, 'plan.budget.byItem');
    const yearBudget = sum(budget.total.budget);
    expect(card(item, zh('deckPlan.card.budget'))).toBe(yearBudget);
    expect(card(item, zh('deckPlan.card.expenseRatio'))).toBeCloseTo(yearBudget / sum(budget.salesTarget), 12);
    expect(card(item, zh('deckPlan.card.cap'))).toBe(0.07);
    expect(item.cards.find((x) => x.label === zh('deckPlan.card.expenseRatio'))?.tone).toBe('neg');
    expect(sum(item.charts[0].series[0].values as number[])).toBe(yearBudget);
    const topItems = budget.rows.filter((r) => r.parentId === null).map((r) => sum(r.budget)).sort((a, b) => b - a);
    // Beside the written plan's commentary the table keeps its first five rows and counts the rest.
    expect(item.commentary.length).toBeGreaterThan(0);
    expect(item.table!.rows.map((r) => r[1])).toEqual(topItems.slice(0, 5));
    expect(item.table!.more).toBe(topItems.length - 5);
    const month = slideOf(deck, 'plan.budget.byMonth');
    expect(month.charts[0].series[0].values).toEqual(budget.total.budget);
    expect(month.charts[1].kind).toBe('line');
    expect(month.charts[1].series[0].values).toEqual(budget.total.budget.map((b, m) => (budget.salesTarget[m] > 0 ? b / budget.salesTarget[m] : null)));
    expect(month.charts[1].series[1]).toMatchObject({ role: 'target', values: new Array(12).fill(0.07) });
  });

  it('the written sections are text slides with their live figures as the written plan shows them; an empty section says where to write it', async () => {
    const c = await open();
    await seedPlan(c);
    await invokeOk(c, 'plan.written.save', { section: 'market', doc: { type: 'doc', blocks: [] } });
    await invokeOk(c, 'plan.written.save', {
      section: 'summary',
      doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '全年目標 ' }, { type: 'figure', figure: { kind: 'planTarget' } }, { type: 'text', text: '。' }] }] },
    });
    const provinceId = (await invokeOk(c, 'plan.written.get', {})).provinces[0].id;
    const text = (t: string) => [{ type: 'text' as const, text: t }];
    await invokeOk(c, 'plan.written.save', {
      section: 'objectives',
      doc: {
        type: 'doc',
        blocks: [
          { type: 'heading', level: 3, content: text('目標') },
          { type: 'paragraph', content: text('一、穩住基本盤。') },
          { type: 'table', rows: [[text('省份'), text('目標')], [text('甲省'), [{ type: 'figure', figure: { kind: 'planTarget', provinceId } }]]] },
          { type: 'bulletList', items: [text('新品鋪貨'), text('空白區域招商')] },
          { type: 'paragraph', content: text('二、新品放量。') },
        ],
      },
    });
    const written = await invokeOk(c, 'plan.written.get', {});
    const deck = await planDeck(c);
    const money = (v: number) => formatAmount(v, deck.unit, 'zh-Hant', { withUnit: true });
    const value = written.figures.values.planTarget;
    const ofProvince = written.figures.values[`planTarget@${provinceId}`];
    if (value.status !== 'ok' || ofProvince.status !== 'ok') throw new Error('no plan target');
    expect(slideOf(deck, 'plan.written.summary').commentary).toEqual([`全年目標 ${money(value.value)}。`]);
    // The text slide has the whole section; a content slide's commentary its prose.
    expect(slideOf(deck, 'plan.written.objectives').commentary).toEqual(['目標', '一、穩住基本盤。', `甲省：目標 ${money(ofProvince.value)}`, '• 新品鋪貨', '• 空白區域招商', '二、新品放量。']);
    expect(slideOf(deck, 'plan.targets.byMonth').commentary).toEqual(['一、穩住基本盤。', '二、新品放量。']);
    expect(slideOf(deck, 'plan.written.market').empty).toEqual({ message: zh('deck.empty.written'), area: 'plan' });
    for (const section of ['strategies', 'programs', 'budget', 'monitoring']) {
      const s = slideOf(deck, `plan.written.${section}`);
      expect(s.kind).toBe('text');
      expect(s.defaultTitle).toBe(zh(`planWritten.section.${section}`));
      expect(s.commentary.length).toBeGreaterThan(0);
      expect(s.commentary.join('')).not.toMatch(/undefined|\[object/);
    }
  });

  it('a snapshot gives its own figures, its expense budget, promotions and team included', async () => {
    const c = await open();
    const working = await seedPlan(c);
    await invokeOk(c, 'plan.written.save', { section: 'summary', doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'planTarget' } }] }] } });
    const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: working, name: '報總部 2026-12-20' });
    await invokeOk(c, 'targets.setCells', { versionId: working, levels: ['province'], measure: 'amount', method: 'current', edits: [{ path: [], period: 'year', value: 600_000_000_00 }], label: 'edit' });
    const [snapSummary, workSummary] = await Promise.all([invokeOk(c, 'targets.summary', { versionId: snap.id }), invokeOk(c, 'targets.summary', { versionId: working })]);
    expect(sum(snapSummary.plan.amountCents)).not.toBe(sum(workSummary.plan.amountCents));
    const snapDeck = await planDeck(c, snap.id);
    const workDeck = await planDeck(c);
    expect(snapDeck.versionName).toBe('報總部 2026-12-20');
    expect(card(slideOf(snapDeck, 'plan.targets.byMonth'), zh('deck.card.planAmount'))).toBe(sum(snapSummary.plan.amountCents));
    expect(card(slideOf(workDeck, 'plan.targets.byMonth'), zh('deck.card.planAmount'))).toBe(600_000_000_00);
    const snapProduct = await invokeOk(c, 'plan.product.get', { versionId: snap.id });
    expect(card(slideOf(snapDeck, 'plan.product.mix'), zh('deck.card.planAmount'))).toBe(snapProduct.total.targetCents);
    const snapChannel = await invokeOk(c, 'plan.channel.get', { versionId: snap.id });
    expect(card(slideOf(snapDeck, 'plan.channel.pipeline'), zh('deckPlan.card.pipelineSales'))).toBe(snapChannel.tracking.pipelineSalesCents);
    // Each version's written plan, its live figure that version's target.
    const money = (v: number) => formatAmount(v, snapDeck.unit, 'zh-Hant', { withUnit: true });
    expect(slideOf(snapDeck, 'plan.written.summary').commentary).toEqual([money(sum(snapSummary.plan.amountCents))]);
    expect(slideOf(workDeck, 'plan.written.summary').commentary).toEqual([money(600_000_000_00)]);
    // The snapshot carries the expense budget, promotions and team as they were when it was taken
    // (the budget's ratios are against each version's own target, which now differ).
    for (const key of ['plan.budget.byItem', 'plan.promotions.calendar', 'plan.management.team', 'plan.management.training']) {
      expect(slideOf(snapDeck, key).empty, key).toBeNull();
    }
    expect(card(slideOf(snapDeck, 'plan.budget.byItem'), zh('deckPlan.card.budget'))).toBe(card(slideOf(workDeck, 'plan.budget.byItem'), zh('deckPlan.card.budget')));
    for (const key of ['plan.promotions.calendar', 'plan.management.team', 'plan.management.training']) {
      expect(slideOf(snapDeck, key).cards, key).toEqual(slideOf(workDeck, key).cards);
    }
  });
});
