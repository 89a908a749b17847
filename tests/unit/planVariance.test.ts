import { describe, expect, it } from 'vitest';
import type { SalesDimension, SalesFilter } from '../../src/shared/endpoints/analysis';
import { periodMonths, type VariancePeriod, type VarianceSlice } from '../../src/shared/endpoints/planVariance';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// Variance notes (差異分析) through the handler registry on the tiny demo region: the
// demo's notes, the gap each explains against the sales analysis's own figures for the
// same slice and period, refusals, undo, causes, links to actions and snapshots.

const template = tinyDemoTemplate();
const fresh = (): Promise<RegistryCtx> => openWithHandlers(template.copy());
const call = invokeOk;
const TODAY = '2027-03-01';
const rows = <T>(c: RegistryCtx, q: string, ...params: unknown[]): T[] => c.session.requireFile().sqlite.prepare(q).all(...params) as T[];
const one = <T>(c: RegistryCtx, q: string, ...params: unknown[]): T => c.session.requireFile().sqlite.prepare(q).pluck().get(...params) as T;
const undo = (c: RegistryCtx) => call(c, 'edit.undo', {});
const redo = (c: RegistryCtx) => call(c, 'edit.redo', {});
const firstId = (c: RegistryCtx, table: string) => one<number>(c, `SELECT min(id) FROM ${table}`);

/** The sales analysis's row for a slice as a `by` dimension with the rest as the view's filter. */
async function analysisRow(c: RegistryCtx, year: number, slice: VarianceSlice, period: VariancePeriod) {
  // The view's filters are city, channel, brand and category: any other dimension is the grouping.
  const filterable = new Set(['city', 'channel', 'brand', 'category']);
  const head = slice.find((p) => !filterable.has(p.dim)) ?? slice[0];
  const rest = slice.filter((p) => p !== head);
  const filter: SalesFilter = {};
  for (const p of rest) filter[`${p.dim}Id` as keyof SalesFilter] = p.id;
  const a = await call(c, 'analysis.sales', { year, by: head.dim as SalesDimension, filter, months: periodMonths(period) });
  const row = a.rows.find((r) => r.key === head.id);
  // A member with neither sales nor a target has no row: 0 of each (when the view has a plan at all).
  return { actual: row?.actual ?? 0, lastYear: row?.lastYear ?? 0, target: row ? row.target : a.total.target === null ? null : 0, shown: row !== undefined };
}

async function seedTargets(c: RegistryCtx): Promise<number> {
  const versionId = (await call(c, 'targets.versions', {})).find((v) => v.kind === 'working')!.id;
  await call(c, 'targets.setCells', {
    versionId, levels: ['province', 'city'], measure: 'amount', method: 'lastYear', edits: [{ path: [], period: 'year', value: 1_234_567_800 }], label: 'spread',
  });
  return versionId;
}

describe('variance notes: the demo region', () => {
  it('has notes on last year with causes, two linked to actions, each gap the sales analysis figure', async () => {
    const c = await fresh();
    const log = await call(c, 'plan.variance.log', { today: TODAY });
    expect(log.notes.length).toBe(5);
    expect(log.causes.map((x) => x.code)).toEqual(['PRICE', 'DISTRIBUTION', 'COMPETITOR', 'SUPPLY', 'WEATHER', 'TEAM', 'CREDIT', 'OTHER']);
    expect(log.notes.every((n) => n.causeId !== null && n.period.year === 2026)).toBe(true);
    expect(log.notes.filter((n) => n.actions.length > 0).length).toBe(2);
    expect(log.notes.flatMap((n) => n.actions).map((a) => a.status).sort()).toEqual(['in_progress', 'open']);
    for (const n of log.notes.filter((x) => x.slice.length > 0)) {
      const a = await analysisRow(c, 2026, n.slice, n.period);
      expect(n.gap.actualCents).toBe(a.actual);
      expect(n.gap.lastYearCents).toBe(a.lastYear);
      expect(n.gap.targetCents).toBeNull();
      expect(n.gap.actualCents).toBeGreaterThan(0);
    }
    // The whole region's year: the analysis's total.
    const region = log.notes.find((n) => n.slice.length === 0)!;
    const total = await call(c, 'analysis.sales', { year: 2026, by: 'city', months: [1, 12] });
    expect(region.gap.actualCents).toBe(total.total.actual);
    expect(region.gap.lastYearCents).toBe(total.total.lastYear);
  });
});

describe('variance notes: the gap against the plan', () => {
  it('equals the sales analysis on the same slice and period, whatever its dimensions', async () => {
    const c = await fresh();
    await seedTargets(c);
    const id = (table: string, offset = 0) => one<number>(c, `SELECT id FROM ${table} ORDER BY id LIMIT 1 OFFSET ?`, offset);
    const channel = (k: number) => one<number>(c, 'SELECT channel_id FROM customer GROUP BY channel_id ORDER BY count(*) DESC, channel_id LIMIT 1 OFFSET ?', k);
    const customer = rows<{ id: number; city_id: number; owner_id: number | null }>(c, 'SELECT id, city_id, owner_id FROM customer WHERE owner_id IS NOT NULL ORDER BY id LIMIT 1')[0];
    const cases: { slice: VarianceSlice; period: VariancePeriod }[] = [
      { slice: [{ dim: 'city', id: id('city') }], period: { kind: 'month', year: 2027, month: 3 } },
      { slice: [{ dim: 'brand', id: id('brand') }], period: { kind: 'quarter', year: 2027, quarter: 2 } },
      { slice: [{ dim: 'channel', id: channel(0) }, { dim: 'city', id: id('city', 1) }], period: { kind: 'year', year: 2027 } },
      { slice: [{ dim: 'province', id: id('province') }, { dim: 'brand', id: id('brand') }], period: { kind: 'quarter', year: 2027, quarter: 4 } },
      { slice: [{ dim: 'category', id: id('category') }, { dim: 'channel', id: channel(1) }], period: { kind: 'month', year: 2027, month: 11 } },
      { slice: [{ dim: 'salesperson', id: customer.owner_id! }], period: { kind: 'year', year: 2027 } },
      { slice: [{ dim: 'customer', id: customer.id }, { dim: 'city', id: customer.city_id }], period: { kind: 'month', year: 2027, month: 7 } },
    ];
    for (const k of cases) {
      await call(c, 'plan.variance.save', { period: k.period, slice: k.slice, causeId: null, body: 'x' });
    }
    const log = await call(c, 'plan.variance.log', { today: TODAY });
    const mine = log.notes.filter((n) => n.period.year === 2027);
    expect(mine.length).toBe(cases.length);
    let withTarget = 0;
    for (const n of mine) {
      const a = await analysisRow(c, 2027, n.slice, n.period);
      // A view filtered to where the plan has no cell at all shows no target; the note's
      // slice has a target of 0 there (the version plans the months, just not this slice).
      expect({ slice: n.slice, target: n.gap.targetCents }).toEqual({ slice: n.slice, target: a.target ?? 0 });
      expect(n.gap.actualCents).toBe(a.actual);
      expect(n.gap.lastYearCents).toBe(a.lastYear);
      expect(n.gap.gapCents).toBe(n.gap.actualCents - (n.gap.targetCents ?? 0));
      if ((n.gap.targetCents ?? 0) > 0 && a.shown) withTarget++;
    }
    expect(withTarget).toBeGreaterThanOrEqual(6);
    // The totals per cause add the gaps of the notes with a plan.
    const none = log.byCause.find((b) => b.causeId === null)!;
    expect(none.notes).toBe(cases.length);
    expect(none.gapCents).toBe(mine.reduce((s, n) => s + (n.gap.gapCents ?? 0), 0));
  });
});

describe('variance notes: editing', () => {
  it('refuses bad input with a rule and changes nothing', async () => {
    const c = await fresh();
    const before = one<number>(c, 'SELECT count(*) FROM variance_note');
    const city = firstId(c, 'city');
    const cause = firstId(c, 'variance_cause');
    const cases: [unknown, string][] = [
      [{ period: { kind: 'month', year: 2019, month: 3 }, slice: [], causeId: cause, body: '' }, 'planVariance.error.yearOutside'],
      [{ period: { kind: 'month', year: 2028, month: 3 }, slice: [], causeId: cause, body: '' }, 'planVariance.error.yearOutside'],
      [{ period: { kind: 'month', year: 2026, month: 3 }, slice: [{ dim: 'city', id: 99_999 }], causeId: cause, body: '' }, 'planVariance.error.unknownMember'],
      [{ period: { kind: 'month', year: 2026, month: 3 }, slice: [], causeId: null, body: '   ' }, 'planVariance.error.emptyNote'],
      [{ period: { kind: 'month', year: 2026, month: 3 }, slice: [], causeId: 99_999, body: 'x' }, 'planVariance.error.unknownCause'],
    ];
    for (const [input, rule] of cases) {
      const e = await invokeRefused(c, 'plan.variance.save', input);
      expect(e.rule).toBe(rule);
      expect(e.issues?.[0]?.path).toBeTruthy();
    }
    // A city of another province.
    const other = rows<{ id: number; province_id: number }>(c, 'SELECT id, province_id FROM city WHERE province_id <> (SELECT province_id FROM city WHERE id = ?) LIMIT 1', city)[0];
    const cityProvince = one<number>(c, 'SELECT province_id FROM city WHERE id = ?', city);
    if (other) {
      const e = await invokeRefused(c, 'plan.variance.save', {
        period: { kind: 'year', year: 2026 }, slice: [{ dim: 'province', id: other.province_id }, { dim: 'city', id: city }], causeId: cause, body: '',
      });
      expect(e.rule).toBe('planVariance.error.sliceDisagrees');
    }
    expect(cityProvince).toBeGreaterThan(0);
    // Shape errors: a quarter 5, a dimension twice, an unknown key.
    for (const input of [
      { period: { kind: 'quarter', year: 2026, quarter: 5 }, slice: [], causeId: cause, body: '' },
      { period: { kind: 'year', year: 2026 }, slice: [{ dim: 'city', id: city }, { dim: 'city', id: city }], causeId: cause, body: '' },
      { period: { kind: 'year', year: 2026 }, slice: [], causeId: cause, body: '', extra: 1 },
    ]) {
      expect((await invokeRefused(c, 'plan.variance.save', input)).code).toBe('INVALID_INPUT');
    }
    expect(one<number>(c, 'SELECT count(*) FROM variance_note')).toBe(before);
  });

  it('adds, edits, links and removes a note, each one undo step', async () => {
    const c = await fresh();
    const city = firstId(c, 'city');
    const [price, weather] = rows<{ id: number }>(c, `SELECT id FROM variance_cause WHERE code IN ('PRICE', 'WEATHER') ORDER BY sort_order`).map((r) => r.id);
    const { id } = await call(c, 'plan.variance.save', { period: { kind: 'month', year: 2026, month: 3 }, slice: [{ dim: 'city', id: city }], causeId: price, body: ' 提價 ' });
    const read = async () => (await call(c, 'plan.variance.notes', { today: TODAY })).notes.find((n) => n.id === id);
    expect((await read())?.body).toBe('提價');
    await call(c, 'plan.variance.save', { id, period: { kind: 'quarter', year: 2026, quarter: 1 }, slice: [{ dim: 'city', id: city }], causeId: weather, body: '寒潮' });
    expect((await read())?.period).toEqual({ kind: 'quarter', year: 2026, quarter: 1 });
    const action = one<number>(c, 'SELECT min(id) FROM action_item');
    await call(c, 'plan.variance.link', { noteId: id, actionId: action, linked: true });
    expect((await read())?.actions.map((a) => a.id)).toEqual([action]);
    await undo(c);
    expect((await read())?.actions).toEqual([]);
    await redo(c);
    await undo(c);
    await undo(c);
    expect((await read())?.period).toEqual({ kind: 'month', year: 2026, month: 3 });
    expect((await read())?.causeId).toBe(price);
    await redo(c);
    await redo(c);
    await call(c, 'plan.variance.remove', { ids: [id] });
    expect(await read()).toBeUndefined();
    await undo(c);
    expect((await read())?.actions.map((a) => a.id)).toEqual([action]);
    expect((await read())?.body).toBe('寒潮');
  });

  it('removing an action unlinks it, and undo links it again', async () => {
    const c = await fresh();
    const linked = rows<{ note_id: number; action_id: number }>(c, 'SELECT note_id, action_id FROM variance_note_action ORDER BY note_id');
    expect(linked.length).toBe(2);
    await call(c, 'team.actions.remove', { ids: [linked[0].action_id] });
    expect(one<number>(c, 'SELECT count(*) FROM variance_note_action')).toBe(1);
    await undo(c);
    expect(rows(c, 'SELECT note_id, action_id FROM variance_note_action ORDER BY note_id')).toEqual(linked);
    const e = await invokeRefused(c, 'plan.variance.link', { noteId: linked[0].note_id, actionId: 99_999, linked: true });
    expect(e.rule).toBe('planVariance.error.noSuchAction');
  });

  it('edits the list of causes; a cause in use is kept', async () => {
    const c = await fresh();
    const { ids } = await call(c, 'plan.variance.causes.apply', { rows: [{ name: '包裝' }] });
    const competitor = one<number>(c, `SELECT id FROM variance_cause WHERE code = 'COMPETITOR'`);
    await call(c, 'plan.variance.causes.apply', { rows: [{ id: ids[0], name: '包裝改版' }] });
    let causes = (await call(c, 'plan.variance.notes', { today: TODAY })).causes;
    expect(causes[causes.length - 1]).toMatchObject({ id: ids[0], name: '包裝改版', notes: 0 });
    expect((await invokeRefused(c, 'plan.variance.causes.apply', { rows: [{ name: '價格' }] })).rule).toBe('planVariance.error.causeTaken');
    const inUse = await invokeRefused(c, 'plan.variance.causes.remove', { ids: [competitor] });
    expect(inUse.rule).toBe('planVariance.error.causeInUse');
    await call(c, 'plan.variance.causes.remove', { ids: [ids[0]] });
    causes = (await call(c, 'plan.variance.notes', { today: TODAY })).causes;
    expect(causes.some((x) => x.id === ids[0])).toBe(false);
    await undo(c);
    causes = (await call(c, 'plan.variance.notes', { today: TODAY })).causes;
    expect(causes.find((x) => x.id === ids[0])?.name).toBe('包裝改版');
  });
});

describe('variance notes: plan versions', () => {
  it('a snapshot copies the notes and freezes them; a scenario copies them to edit', async () => {
    const c = await fresh();
    const working = await call(c, 'plan.variance.log', { today: TODAY });
    const snap = await call(c, 'targets.createVersion', { kind: 'snapshot', fromId: working.versionId, name: '上報版' });
    const frozen = await call(c, 'plan.variance.log', { versionId: snap.id, today: TODAY });
    expect(frozen.frozen).toBe(true);
    const strip = (n: (typeof working.notes)[number]) => ({ period: n.period, slice: n.slice, causeId: n.causeId, body: n.body, gap: n.gap });
    expect(frozen.notes.map(strip)).toEqual(working.notes.map(strip));
    // The file refuses a change of a snapshot's note whatever code asks.
    const sqlite = c.session.requireFile().sqlite;
    expect(() => sqlite.prepare(`UPDATE variance_note SET body = 'x' WHERE version_id = ?`).run(snap.id)).toThrow(/frozen/);
    // Working edits leave the snapshot as it was.
    await call(c, 'plan.variance.remove', { ids: [working.notes[0].id] });
    expect((await call(c, 'plan.variance.log', { versionId: snap.id, today: TODAY })).notes.length).toBe(working.notes.length);
    const scenario = await call(c, 'targets.createVersion', { kind: 'scenario', fromId: working.versionId, name: '衝刺' });
    expect((await call(c, 'plan.variance.notes', { versionId: scenario.id, today: TODAY })).notes.length).toBe(working.notes.length - 1);
  });
});
