import { describe, expect, it } from 'vitest';
import { EMPTY_DOC, PLAN_SECTIONS, figuresOf, type RichDoc } from '../../src/shared/planWritten';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// The written plan through the handler registry on the tiny demo region (plan year 2027):
// the demo's drafts, the live figures against the analysis views on the same slice,
// saving (one undo step), refusals that change nothing, drafts, and versions.

const template = tinyDemoTemplate();
const fresh = (): Promise<RegistryCtx> => openWithHandlers(template.copy());
const sqlite = (c: RegistryCtx) => c.session.requireFile().sqlite;
const one = <T>(c: RegistryCtx, q: string, ...params: unknown[]): T => sqlite(c).prepare(q).pluck().get(...params) as T;
const stepCount = (c: RegistryCtx) => one<number>(c, 'SELECT count(*) FROM undo_step WHERE undone = 0');
const rows = (c: RegistryCtx) => sqlite(c).prepare('SELECT version_id, section, body FROM plan_narrative ORDER BY version_id, section').all();

const doc = (...text: string[]): RichDoc => ({ type: 'doc', blocks: text.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) });

describe('written plan', () => {
  it('the demo region has a draft of every plan section, with live figures, in Traditional Chinese', async () => {
    const c = await fresh();
    const plan = await invokeOk(c, 'plan.written.get', {});
    expect(plan.versionKind).toBe('working');
    for (const key of PLAN_SECTIONS) {
      const section = plan.sections.find((s) => s.key === key)!;
      expect(section.doc.blocks.length, key).toBeGreaterThan(0);
    }
    const summary = plan.sections.find((s) => s.key === 'summary')!.doc;
    expect(JSON.stringify(summary)).toContain('2026年本區域銷售額');
    expect(figuresOf(summary).map((f) => f.kind)).toEqual(expect.arrayContaining(['reviewSales', 'reviewGrowth', 'hoTarget']));
    // Every figure the drafts embed has a value or says why not; none points at nothing.
    for (const s of plan.sections) for (const f of figuresOf(s.doc)) expect(plan.figures.values[f.provinceId ? `${f.kind}@${f.provinceId}` : f.kind]).toBeDefined();
  });

  it('figures match the sales, expense and target views on the same slice', async () => {
    const c = await fresh();
    // A planned target: two cells in different provinces, so the plan's figures have something to read.
    const [p1, p2] = sqlite(c).prepare('SELECT min(id) AS city, province_id FROM city GROUP BY province_id ORDER BY province_id LIMIT 2').all() as { city: number; province_id: number }[];
    const version = one<number>(c, "SELECT id FROM plan_version WHERE kind = 'working'");
    const ins = sqlite(c).prepare('INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume) VALUES (?, ?, 1, NULL, 1, ?, ?, 1)');
    ins.run(version, p1.city, 3, 500_000_000);
    ins.run(version, p2.city, 7, 250_000_000);

    const plan = await invokeOk(c, 'plan.written.get', {});
    const v = (key: string) => {
      const f = plan.figures.values[key];
      return f.status === 'ok' ? f.value : f.status;
    };
    const sales = await invokeOk(c, 'analysis.sales', { by: 'province' });
    expect(sales.year).toBe(2026);
    expect(v('reviewSales')).toBe(sales.total.actual);
    expect(v('reviewGrowth')).toBeCloseTo(sales.total.yoy!, 12);
    expect(v('reviewMargin')).toBeCloseTo(sales.total.grossMargin!, 12);
    for (const row of sales.rows) {
      expect(v(`reviewSales@${row.key}`)).toBe(row.actual);
      expect(v(`reviewGrowth@${row.key}`)).toBeCloseTo(row.yoy!, 12);
    }
    const planned = await invokeOk(c, 'analysis.sales', { year: 2027, by: 'province' });
    expect(v('planTarget')).toBe(planned.total.target);
    expect(v('planTarget')).toBe(750_000_000);
    for (const row of planned.rows) expect(v(`planTarget@${row.key}`)).toBe(row.target);
    expect(v('planGrowth')).toBeCloseTo(750_000_000 / sales.total.actual - 1, 12);
    // No sales in the plan year yet: no achievement rather than 0%.
    expect(v('achievement')).toBe('noData');

    const expenses = await invokeOk(c, 'analysis.expenses', { by: 'item' });
    expect(v('expenseRatio')).toBeCloseTo(expenses.total.ratio!, 12);
    const ho = await invokeOk(c, 'targets.hoTarget', {});
    expect(v('hoTarget')).toBe(ho.reduce((s, m) => s + m.amountCents, 0));

    // The handler reads the plan from the targets' cube; the SQL aggregate (no cube) agrees.
    const { figureTable } = await import('../../src/main/core/services/plan/figures');
    const { targetCache } = await import('../../src/main/core/services/targets/model');
    const { readDb } = await import('../../src/main/core/db/handle');
    const db = readDb(sqlite(c));
    expect(figureTable(db, version).values).toEqual(figureTable(db, version, targetCache(c.session.requireFile(), db)).values);
    expect(figureTable(db, version).values).toEqual(plan.figures.values);
  });

  it('saves a section as one undo step; undo and redo restore it', async () => {
    const c = await fresh();
    const before = stepCount(c);
    const province = one<number>(c, 'SELECT min(id) FROM province');
    const body: RichDoc = {
      type: 'doc',
      blocks: [
        { type: 'heading', level: 3, content: [{ type: 'text', text: '重點' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '目標 ' }, { type: 'text', text: '達成', marks: ['bold'] }, { type: 'text', text: '率', marks: ['bold'] }, { type: 'figure', figure: { kind: 'reviewGrowth', provinceId: province } }] },
        { type: 'bulletList', items: [[{ type: 'text', text: '一' }], [{ type: 'text', text: '二', marks: ['italic'] }]] },
        { type: 'table', rows: [[[{ type: 'text', text: '省份' }], []], [[{ type: 'text', text: 'x' }], [{ type: 'figure', figure: { kind: 'hoTarget' } }]]] },
      ],
    };
    await invokeOk(c, 'plan.written.save', { section: 'review.terminal.problems', doc: body });
    expect(stepCount(c)).toBe(before + 1);
    let plan = await invokeOk(c, 'plan.written.get', {});
    const saved = plan.sections.find((s) => s.key === 'review.terminal.problems')!.doc;
    // Neighbouring runs with the same marks are one run.
    expect(saved.blocks[1]).toEqual({ type: 'paragraph', content: [{ type: 'text', text: '目標 ' }, { type: 'text', text: '達成率', marks: ['bold'] }, { type: 'figure', figure: { kind: 'reviewGrowth', provinceId: province } }] });
    expect(saved.blocks).toHaveLength(4);

    await invokeOk(c, 'edit.undo', {});
    plan = await invokeOk(c, 'plan.written.get', {});
    expect(plan.sections.find((s) => s.key === 'review.terminal.problems')!.doc).toEqual(EMPTY_DOC);
    await invokeOk(c, 'edit.redo', {});
    plan = await invokeOk(c, 'plan.written.get', {});
    expect(plan.sections.find((s) => s.key === 'review.terminal.problems')!.doc).toEqual(saved);

    // Saving an empty document clears the section.
    await invokeOk(c, 'plan.written.save', { section: 'review.terminal.problems', doc: EMPTY_DOC });
    expect(one<number>(c, "SELECT count(*) FROM plan_narrative WHERE section = 'review.terminal.problems'")).toBe(0);
  });

  it('refuses a document that is not the structure, or a live figure pointing at nothing, and changes nothing', async () => {
    const c = await fresh();
    const before = rows(c);
    const steps = stepCount(c);
    // Raw HTML, an unknown node, a mark that does not exist, a ragged table.
    for (const bad of [
      '<p>hello</p>',
      { type: 'doc', blocks: [{ type: 'html', html: '<script>alert(1)</script>' }] },
      { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: ['underline'] }] }] },
      { type: 'doc', blocks: [{ type: 'table', rows: [[[], []], [[]]] }] },
      { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'weather' } }] }] },
      { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'expenseRatio', provinceId: 1 } }] }] },
    ]) {
      const e = await invokeRefused(c, 'plan.written.save', { section: 'summary', doc: bad });
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.issues?.[0]?.path).toMatch(/^doc/);
    }
    const missing = await invokeRefused(c, 'plan.written.save', {
      section: 'summary',
      doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'reviewSales', provinceId: 9999 } }] }] },
    });
    expect(missing.rule).toBe('planWritten.error.figureMissing');
    expect(missing.issues?.[0].path).toBe('doc.blocks.0.content.0');
    expect(rows(c)).toEqual(before);
    expect(stepCount(c)).toBe(steps);
  });

  it('the service refuses a bad structure by itself, whatever the contract let through', async () => {
    const c = await fresh();
    const { checkDoc } = await import('../../src/main/core/services/plan/written');
    const { readDb } = await import('../../src/main/core/db/handle');
    const db = readDb(sqlite(c));
    expect(() => checkDoc(db, { type: 'doc', blocks: [{ type: 'heading', level: 1, content: [] }] })).toThrow(/doc\.blocks\.0\.level/);
    expect(() => checkDoc(db, { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }] })).toThrow(/doc\.blocks\.0\.content\.0\.text/);
    expect(checkDoc(db, doc('好'))).toEqual(doc('好'));
  });

  it('a figure whose province was deleted says so', async () => {
    const c = await fresh();
    sqlite(c).prepare("INSERT INTO province (id, code, name) VALUES (900, '990000', '測試省')").run();
    await invokeOk(c, 'plan.written.save', { section: 'market', doc: { type: 'doc', blocks: [{ type: 'paragraph', content: [{ type: 'figure', figure: { kind: 'reviewSales', provinceId: 900 } }] }] } });
    let plan = await invokeOk(c, 'plan.written.get', {});
    expect(plan.figures.values['reviewSales@900']).toEqual({ status: 'ok', value: 0 });
    sqlite(c).prepare('DELETE FROM province WHERE id = 900').run();
    plan = await invokeOk(c, 'plan.written.get', {});
    expect(plan.figures.values['reviewSales@900']).toBeUndefined();
    expect(figuresOf(plan.sections.find((s) => s.key === 'market')!.doc)).toEqual([{ kind: 'reviewSales', provinceId: 900 }]);
  });

  it('drafts an empty section; replaces text only when asked', async () => {
    const c = await fresh();
    const e = await invokeRefused(c, 'plan.written.draft', { section: 'market', language: 'en' });
    expect(e.rule).toBe('planWritten.error.notEmpty');
    const { doc: drafted } = await invokeOk(c, 'plan.written.draft', { section: 'market', language: 'en', replace: true });
    expect(JSON.stringify(drafted)).toContain('In 2026 the region sold');
    expect(drafted.blocks.some((b) => b.type === 'table')).toBe(true);
    await invokeOk(c, 'plan.written.save', { section: 'review.sales.highlights', doc: EMPTY_DOC });
    const steps = stepCount(c);
    await invokeOk(c, 'plan.written.draft', { section: 'review.sales.highlights', language: 'zh-Hans' });
    expect(stepCount(c)).toBe(steps + 1);
    const nothing = await invokeRefused(c, 'plan.written.draft', { section: 'review.management.improvements', language: 'en' });
    expect(nothing.rule).toBe('planWritten.error.nothingToDraft');
  });

  it('a snapshot freezes the text; a scenario copies it and is edited on its own', async () => {
    const c = await fresh();
    const working = one<number>(c, "SELECT id FROM plan_version WHERE kind = 'working'");
    await invokeOk(c, 'plan.written.save', { section: 'summary', doc: doc('報總部版本') });
    const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: working, name: '報總部' });
    const scen = await invokeOk(c, 'targets.createVersion', { kind: 'scenario', fromId: working, name: '衝刺' });
    const frozen = await invokeOk(c, 'plan.written.get', { versionId: snap.id });
    expect(frozen.frozen).toBe(true);
    expect(frozen.sections.find((s) => s.key === 'summary')!.doc).toEqual(doc('報總部版本'));

    const refused = await invokeRefused(c, 'plan.written.save', { versionId: snap.id, section: 'summary', doc: doc('改') });
    expect(refused.rule).toBe('targets.error.snapshotFrozen');
    expect((await invokeRefused(c, 'plan.written.draft', { versionId: snap.id, section: 'budget', language: 'en', replace: true })).rule).toBe('targets.error.snapshotFrozen');
    expect(() => sqlite(c).prepare("UPDATE plan_narrative SET body = '{\"type\":\"doc\",\"blocks\":[]}' WHERE version_id = ?").run(snap.id)).toThrow(/snapshot is frozen/);

    await invokeOk(c, 'plan.written.save', { versionId: scen.id, section: 'summary', doc: doc('方案') });
    await invokeOk(c, 'plan.written.save', { section: 'summary', doc: doc('工作版') });
    const read = async (versionId: number) => (await invokeOk(c, 'plan.written.get', { versionId })).sections.find((s) => s.key === 'summary')!.doc;
    expect(await read(scen.id)).toEqual(doc('方案'));
    expect(await read(working)).toEqual(doc('工作版'));
    expect(await read(snap.id)).toEqual(doc('報總部版本'));
    expect((await invokeRefused(c, 'plan.written.get', { versionId: 12345 })).code).toBe('NOT_FOUND');
  });
});
