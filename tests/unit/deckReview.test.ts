import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../../src/shared/deck';
import type { SalesAnalysis, SalesRow } from '../../src/shared/endpoints/analysis';
import { deckKeys } from '../../src/main/core/services/deck';
import { demoOpener, invokeOk, type RegistryCtx } from './helpers';

// 年度總結 through the handler registry on the tiny demo region: every slide with
// figures shows the figures of the analysis endpoint behind it for the same slice, a
// live filter moves them as the analysis filter does, and a file without the data
// says on each slide what to enter or import, and where.

const open = demoOpener();
const YEAR = 2026;

async function review(c: RegistryCtx, language: 'zh-Hant' | 'zh-Hans' | 'en' = 'zh-Hant'): Promise<Deck> {
  return invokeOk(c, 'deck.get', { doc: 'review', language });
}

function slideOf(deck: Deck, key: string): Slide {
  const s = deck.slides.find((x) => x.key === key);
  if (!s) throw new Error(`no slide ${key}`);
  return s;
}

const card = (s: Slide, i: number) => s.cards[i].value;
const series = (s: Slide, chart: number, i: number) => s.charts[chart].series[i].values;

/** The rows a member slide charts: those with figures, the biggest twelve, in the analysis' order. */
function charted(a: SalesAnalysis): SalesRow[] {
  const rows = a.rows.filter((r) => r.actual !== 0 || r.lastYear !== 0);
  const keep = new Set([...rows].sort((x, y) => y.actual - x.actual || x.key - y.key).slice(0, 12).map((r) => r.key));
  return rows.filter((r) => keep.has(r.key));
}

describe('the review deck', () => {
  it('has every chapter of the article with fixed keys, in three languages, with no word left untranslated', async () => {
    const c = await open();
    const keys = deckKeys('review');
    for (const chapter of ['sales', 'channel', 'terminal', 'expense', 'management']) expect(keys).toContain(`review.${chapter}.title`);
    for (const language of ['zh-Hant', 'zh-Hans', 'en'] as const) {
      const deck = await review(c, language);
      expect(deck.slides.map((s) => s.key)).toEqual(keys);
      const words = JSON.stringify(deck.slides.map((s) => [s.title, s.subtitle, s.notes, s.cards, s.charts.map((ch) => [ch.title, ch.categories, ch.series.map((x) => x.name)]), s.table, s.empty]));
      expect(words).not.toMatch(/"(deck|deckReview|analysis|analysisCustomers|team|expenses)\.[a-zA-Z.]+"|(deck|deckReview)\.[a-z]+\.[a-zA-Z]/);
      for (const s of deck.slides.filter((x) => x.kind === 'content')) {
        expect(s.empty !== null || s.cards.length >= 2, s.key).toBe(true);
        expect(s.cards.length).toBeLessThanOrEqual(5);
        expect(s.charts.length).toBeLessThanOrEqual(2);
        expect(s.table === null || s.table.rows.length <= 8).toBe(true);
        expect(s.notes, s.key).not.toBe('');
      }
    }
    const en = await review(c, 'en');
    expect(slideOf(en, 'review.sales.market').title).toBe('Market share against competitors');
    expect(slideOf(en, 'review.sales.byCity').notes).toMatch(/^Sales by city: Actual sales [\d,.]+, .*% \([^)]+\)\. \d+ of \d+ grew year on year$/);
    expect(slideOf(await review(c), 'review.sales.market').title).toBe('市場佔有率與競品');
  });

  it('sales: by month, province, city, brand and category, the sales analysis\' figures for the same slice', async () => {
    const c = await open();
    const deck = await review(c);
    const month = await invokeOk(c, 'analysis.sales', { year: YEAR, by: 'month' });
    const byMonth = slideOf(deck, 'review.sales.byMonth');
    expect([card(byMonth, 0), card(byMonth, 1), card(byMonth, 2), card(byMonth, 3)]).toEqual([month.total.actual, month.total.lastYear, month.total.yoy, month.total.grossMargin]);
    expect(series(byMonth, 0, 0)).toEqual(month.rows.map((r) => r.actual));
    expect(series(byMonth, 0, 1)).toEqual(month.rows.map((r) => r.lastYear));
    expect(series(byMonth, 0, 2)).toEqual(month.rows.map((r) => r.yoy));
    expect(byMonth.charts[0].series.map((s) => s.role)).toEqual(['ours', 'lastYear', 'ratio']);
    // The quarters add up to the year.
    expect(byMonth.table!.rows.reduce((s, r) => s + (r[1] as number), 0)).toBe(month.total.actual);
    expect(byMonth.table!.total!.slice(1)).toEqual([month.total.actual, month.total.lastYear, month.total.yoy]);
    expect(byMonth.charts[0].drill).toMatchObject({ source: 'sales', year: YEAR, by: 'month' });

    for (const [key, by] of [['review.sales.byProvince', 'province'], ['review.sales.byCity', 'city'], ['review.sales.byBrand', 'brand'], ['review.sales.byCategory', 'category']] as const) {
      const a = await invokeOk(c, 'analysis.sales', { year: YEAR, by });
      const s = slideOf(deck, key);
      const columns = s.charts[s.charts.length - 1];
      expect(columns.kind).toBe('columnTarget');
      const rows = charted(a);
      expect(columns.keys, key).toEqual(rows.map((r) => r.key));
      expect(columns.series[0].values).toEqual(rows.map((r) => r.actual));
      expect(columns.series[1].values).toEqual(rows.map((r) => r.lastYear));
      expect(columns.series[2].values).toEqual(rows.map((r) => r.yoy));
      expect(columns.drill).toMatchObject({ source: 'sales', by });
      expect(card(s, 0)).toBe(a.total.actual);
      expect(s.table!.total!.slice(1)).toEqual([a.total.actual, a.total.yoy, 1]);
      const ranked = [...a.rows].filter((r) => r.actual !== 0 || r.lastYear !== 0).sort((x, y) => y.actual - x.actual || x.key - y.key);
      expect(s.table!.rows.map((r) => r[1])).toEqual(ranked.slice(0, 8).map((r) => r.actual));
      expect(s.table!.more ?? 0).toBe(Math.max(0, ranked.length - 8));
      if (by === 'brand' || by === 'category') {
        expect(s.charts[0].kind).toBe('doughnut');
        expect(s.charts[0].series[0].values.reduce((x, v) => (x ?? 0) + (v ?? 0), 0)).toBe(a.rows.filter((r) => r.actual > 0).reduce((x, r) => x + r.actual, 0));
      }
    }
    expect(slideOf(deck, 'review.sales.byCity').filters?.provinces?.length).toBeGreaterThan(0);
  });

  it('sales: a live province, city, channel or brand filter moves the figures as the analysis filter does', async () => {
    const c = await open();
    const all = await invokeOk(c, 'analysis.sales', { year: YEAR, by: 'province' });
    const province = all.rows.find((r) => r.actual > 0)!.key;
    const byCity = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.sales.byCity', filter: { provinceId: province } });
    const a = await invokeOk(c, 'analysis.sales', { year: YEAR, by: 'city', filter: { provinceId: province } });
    expect(card(byCity, 0)).toBe(a.total.actual);
    expect(a.total.actual).toBeLessThan(all.total.actual);
    expect(series(byCity, 0, 0)).toEqual(charted(a).map((r) => r.actual));
    expect(byCity.charts[0].drill).toMatchObject({ filter: { provinceId: province } });

    const channel = all.options.channels[0].id;
    const brand = all.options.brands.find((b) => b.isOwn)!.id;
    const byMonth = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.sales.byMonth', filter: { channelId: channel, brandId: brand } });
    const m = await invokeOk(c, 'analysis.sales', { year: YEAR, by: 'month', filter: { channelId: channel, brandId: brand } });
    expect(series(byMonth, 0, 0)).toEqual(m.rows.map((r) => r.actual));
    expect(card(byMonth, 0)).toBe(m.total.actual);
    expect(card(byMonth, 0)).not.toBe(all.total.actual);
  });

  it('sales: market share by city, ours against the top competitors, as the market analysis shows it, filtered live', async () => {
    const c = await open();
    const deck = await review(c);
    const m = await invokeOk(c, 'analysis.market', { year: YEAR, by: 'city' });
    const s = slideOf(deck, 'review.sales.market');
    expect([card(s, 0), card(s, 1), card(s, 2)]).toEqual([m.total.share, m.total.lastYearShare, m.total.market]);
    const chart = s.charts[0];
    expect(chart.kind).toBe('clusteredBar');
    const rows = m.rows.filter((r) => r.market > 0);
    expect(chart.keys).toEqual(rows.map((r) => r.key));
    expect(chart.series[0]).toMatchObject({ role: 'ours', values: rows.map((r) => r.share) });
    const top = m.brands.map((b, i) => ({ b, i })).filter((x) => !x.b.isOwn).slice(0, 3);
    expect(chart.series.slice(1).map((x) => x.name)).toEqual(top.map((x) => x.b.name));
    expect(chart.series[1].values).toEqual(rows.map((r) => r.byBrand[top[0].i] / r.market));
    expect(chart.drill).toMatchObject({ source: 'market', by: 'city' });
    expect(s.table!.total!.slice(1)).toEqual([m.total.market, m.total.share, m.total.lastYearShare]);

    const city = rows[0].key;
    const one = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.sales.market', filter: { cityId: city } });
    const mc = await invokeOk(c, 'analysis.market', { year: YEAR, by: 'city', filter: { cityId: city } });
    expect(card(one, 0)).toBe(mc.total.share);
    expect(card(one, 2)).toBeLessThan(m.total.market);
    const province = (await invokeOk(c, 'analysis.customers', {})).options.cities.find((x) => x.id === city)!.provinceId;
    const byProvince = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.sales.market', filter: { provinceId: province } });
    const mp = await invokeOk(c, 'analysis.market', { year: YEAR, by: 'city', filter: { provinceId: province } });
    expect(card(byProvince, 2)).toBe(mp.total.market);
    expect(byProvince.charts[0].categories).toEqual(mp.rows.filter((r) => r.market > 0).map((r) => r.label));
  });

  it('channel customers: the 80/20, gained and lost, blank areas as the customer analysis, filtered live', async () => {
    const c = await open();
    const deck = await review(c);
    const a = await invokeOk(c, 'analysis.customers', {});
    const pareto = slideOf(deck, 'review.channel.pareto');
    const selling = a.customers.filter((x) => x.sales > 0);
    expect([card(pareto, 0), card(pareto, 1), card(pareto, 2), card(pareto, 3)]).toEqual([
      a.classes.A.count + a.classes.B.count + a.classes.C.count,
      a.classes.A.count,
      a.classes.A.sales / a.totalSales,
      a.totalSales,
    ]);
    expect(series(pareto, 0, 0)).toEqual(selling.slice(0, 20).map((x) => x.sales));
    expect(series(pareto, 0, 1)).toEqual(selling.slice(0, 20).map((x) => x.cumulativeShare));
    expect(pareto.table!.rows.map((r) => r[0])).toEqual(selling.slice(0, 8).map((x) => x.name));
    expect(pareto.table!.more).toBe(selling.length - 8);
    // A click on a customer's bar opens that customer's rows, as the view's drill does.
    const drill = pareto.charts[0].drill!;
    expect(drill).toEqual({ source: 'sales', year: YEAR, by: 'customer', filter: {} });
    const rows = await invokeOk(c, 'analysis.salesRows', { year: YEAR, slice: { by: 'customer', key: pareto.charts[0].keys![0] }, limit: 1000 });
    expect(rows.rows.reduce((s, r) => s + r.amountCents, 0)).toBe(selling[0].sales);

    const changes = slideOf(deck, 'review.channel.changes');
    expect([card(changes, 0), card(changes, 1), card(changes, 2), card(changes, 3)]).toEqual([
      a.gained.length, a.gained.reduce((s, x) => s + x.sales, 0), a.lost.length, a.lost.reduce((s, x) => s + x.sales, 0),
    ]);
    const blank = slideOf(deck, 'review.channel.blank');
    expect([card(blank, 0), card(blank, 1), card(blank, 3)]).toEqual([a.cities, a.blankAreas.length, a.coverageTarget]);
    expect(blank.table!.rows.map((r) => r[0])).toEqual(a.blankAreas.slice(0, 8).map((b) => b.cityName));

    const province = a.options.provinces[0].id;
    const filtered = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.channel.pareto', filter: { provinceId: province } });
    const af = await invokeOk(c, 'analysis.customers', { provinceId: province });
    expect(card(filtered, 3)).toBe(af.totalSales);
    expect(af.totalSales).toBeLessThan(a.totalSales);
  });

  it('terminals: distribution, shelf share and sales share against competitors, as the terminal analysis, filtered live', async () => {
    const c = await open();
    const deck = await review(c);
    const a = await invokeOk(c, 'analysis.terminals', { by: 'city' });
    for (const m of ['distribution', 'shelf', 'sales'] as const) {
      const s = slideOf(deck, `review.terminal.${m}`);
      expect(card(s, 0), m).toBe(a.total.ours[m]);
      expect(card(s, 2)).toBe(a.total.audited);
      const groups = a.groups.filter((g) => g.audited > 0);
      expect(s.charts[0].kind).toBe(m === 'distribution' ? 'clusteredBar' : 'stacked100');
      expect(series(s, 0, 0)).toEqual(groups.map((g) => g.ours[m]));
      expect(series(s, 0, 1)).toEqual(groups.map((g) => g.competitors[0][m]));
      expect(s.charts[0].series[1].name).toBe(a.competitors[0].name);
      expect(s.table!.total!.slice(1, 3)).toEqual([a.total.audited, a.total.ours[m]]);
      if (m !== 'distribution') {
        // The bars of a share add up to the whole.
        const sums = groups.map((_, i) => s.charts[0].series.reduce((x, ser) => x + (ser.values[i] ?? 0), 0));
        for (const v of sums) expect(v).toBeCloseTo(1, 9);
      }
    }
    const city = a.groups[0].key;
    const one = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.terminal.shelf', filter: { cityId: city } });
    const ac = await invokeOk(c, 'analysis.terminals', { by: 'city', cityId: city });
    expect(card(one, 0)).toBe(ac.total.ours.shelf);
    expect(card(one, 2)).toBe(ac.total.audited);
    expect(ac.total.audited).toBeLessThan(a.total.audited);
  });

  it('expenses: by item with the ratio and return, and the key items by month, as the expense analysis', async () => {
    const c = await open();
    const deck = await review(c);
    const a = await invokeOk(c, 'analysis.expenses', {});
    const s = slideOf(deck, 'review.expense.byItem');
    expect([card(s, 0), card(s, 1), card(s, 2), card(s, 3)]).toEqual([a.total.expense, a.total.ratio, a.total.returnOnExpense, a.total.sales]);
    const top = a.rows.filter((r) => r.depth === 0 && r.expense !== 0);
    expect(series(s, 0, 0)).toEqual(top.map((r) => r.expense));
    expect(series(s, 0, 1)).toEqual(top.map((r) => r.ratio));
    expect(a.hasBudget).toBe(false);
    expect(s.notes).toContain('2026 年沒有預算可比');
    expect(s.table!.total!.slice(1)).toEqual([a.total.expense, a.total.ratio, 1]);
    expect(s.cards[2].note).toBe(`每 1 元費用帶來 ${a.total.returnOnExpense!.toFixed(2)} 元毛利`);
    const k = slideOf(deck, 'review.expense.keyItems');
    expect(k.cards.map((x) => x.value)).toEqual(a.keyExpenses.slice(0, 4).map((x) => x.expense));
    expect(k.charts[0].series.map((x) => x.values)).toEqual(a.keyExpenses.map((x) => x.months));
    expect(k.charts[1].series.map((x) => x.values)).toEqual(a.keyExpenses.map((x) => x.ratios));
  });

  it('team and training: headcount, sessions and actions of the version, as the team pages show them', async () => {
    const c = await open();
    await invokeOk(c, 'team.addRole', { role: 'sales_rep', headcount: 6, costPerHeadCents: 1_100_000 });
    await invokeOk(c, 'team.setHeadcount', { cells: [{ role: 'sales_rep', month: 12, headcount: 8 }], label: 'edit' });
    await invokeOk(c, 'team.addRole', { role: 'manager', headcount: 1, costPerHeadCents: 3_500_000 });
    await invokeOk(c, 'team.training.apply', {
      rows: [{ topic: '新品知識', audience: '業務代表', month: 3, costCents: 500_000 }, { topic: '終端陳列', audience: '促銷員', month: 6, costCents: 300_000 }],
      label: 'append',
    });
    const deck = await review(c);
    const plan = await invokeOk(c, 'team.plan', {});
    const team = slideOf(deck, 'review.management.team');
    expect(team.empty).toBeNull();
    expect([card(team, 0), card(team, 1), card(team, 2)]).toEqual([plan.roles.reduce((s, r) => s + r.headcount[11], 0), plan.yearCostCents, plan.roles.length]);
    expect(card(team, 0)).toBe(9);
    expect(series(team, 0, 0)).toEqual(plan.roles.map((r) => r.headcount[11]));
    expect(team.charts[0].categories).toEqual(['區域經理', '業務代表']);
    const training = slideOf(deck, 'review.management.training');
    expect([card(training, 0), card(training, 1)]).toEqual([2, plan.trainingCostCents]);
    expect(series(training, 0, 0)[2]).toBe(1);
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const list = await invokeOk(c, 'team.actions.list', { today });
    const actions = slideOf(deck, 'review.management.actions');
    expect([card(actions, 0), card(actions, 1), card(actions, 3)]).toEqual([list.rows.length, list.rows.filter((r) => r.status === 'done').length, list.overdueCount]);
    expect(series(actions, 0, 0).reduce((s, v) => (s ?? 0) + (v ?? 0), 0)).toBe(list.rows.length);
  });

  it('each chapter ends with its commentary from the written plan, live figures in words', async () => {
    const c = await open();
    await invokeOk(c, 'plan.written.save', {
      section: 'review.terminal.problems',
      doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '費用率 ' }, { type: 'figure', figure: { kind: 'expenseRatio' } }, { type: 'text', text: ' 偏高。' }] }, { type: 'bulletList', items: [[{ type: 'text', text: '貨架排面不足' }]] }] },
    });
    await invokeOk(c, 'plan.written.save', { section: 'review.terminal.improvements', doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '加強陳列。' }] }] } });
    const deck = await review(c);
    const s = slideOf(deck, 'review.terminal.commentary');
    const a = await invokeOk(c, 'analysis.expenses', {});
    const ratio = `${(a.total.ratio! * 100).toFixed(1)}%`;
    expect(s.commentary).toEqual([`問題：費用率 ${ratio} 偏高。`, '• 貨架排面不足', '改進：加強陳列。']);
    expect(s.empty).toBeNull();
    expect(slideOf(deck, 'review.management.commentary').empty).toEqual({ message: expect.stringContaining('計劃文字'), area: 'plan' });
  });

  it('a file without actuals, market data, audits, expenses, team or commentary says on each slide what to import or enter, and where', async () => {
    const c = await open((db: Database.Database) => {
      db.pragma('foreign_keys = OFF');
      for (const t of ['sales_actual', 'sales_month_customer', 'sales_month_sku', 'market_sales', 'store_audit_sku', 'store_audit_brand', 'store_audit', 'expense_actual', 'headcount_plan', 'training_session', 'action_item', 'plan_narrative']) {
        db.prepare(`DELETE FROM ${t}`).run();
      }
    });
    const deck = await review(c);
    const empty = (key: string) => slideOf(deck, key).empty;
    for (const key of ['review.sales.byMonth', 'review.sales.byProvince', 'review.sales.byCity', 'review.sales.byBrand', 'review.sales.byCategory', 'review.channel.pareto', 'review.channel.changes']) {
      expect(empty(key), key).toEqual({ message: '還沒有 2026 年的銷售實績。請在「實績與市場數據」導入銷售數據後再看這一頁。', area: 'actuals' });
      expect(slideOf(deck, key).charts).toEqual([]);
    }
    expect(empty('review.sales.market')).toEqual({ message: expect.stringContaining('市場數據'), area: 'actuals' });
    for (const m of ['distribution', 'shelf', 'sales']) expect(empty(`review.terminal.${m}`)).toEqual({ message: expect.stringContaining('終端檢查'), area: 'actuals' });
    for (const k of ['byItem', 'keyItems']) expect(empty(`review.expense.${k}`)).toEqual({ message: expect.stringContaining('實際費用'), area: 'actuals' });
    for (const k of ['team', 'training', 'actions']) expect(empty(`review.management.${k}`)?.area).toBe('expenses');
    for (const ch of ['sales', 'channel', 'terminal', 'expense', 'management']) expect(empty(`review.${ch}.commentary`)?.area).toBe('plan');
    // The blank areas come from master data and the terminals, which the file still has.
    expect(empty('review.channel.blank')).toBeNull();
    const en = await review(c, 'en');
    expect(slideOf(en, 'review.terminal.shelf').empty?.message).toBe('No store audits for 2026 yet. Import them under Actuals & market data › Store audits.');
  });
});
