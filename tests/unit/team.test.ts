import { describe, expect, it } from 'vitest';
import { invokeOk, invokeRefused, openWithHandlers, tinyDemoTemplate, type RegistryCtx } from './helpers';

// The team and training plan and the action list through the handler registry on the
// tiny demo region. Expected figures are computed from the test's own inputs or SQL.

const template = tinyDemoTemplate();

type Ctx = RegistryCtx;

const fresh = (): Promise<Ctx> => openWithHandlers(template.copy());

const call = invokeOk;

const fail = invokeRefused;

const all = <T>(c: Ctx, q: string, ...params: unknown[]): T[] => c.session.requireFile().sqlite.prepare(q).all(...params) as T[];
const undo = (c: Ctx) => call(c, 'edit.undo', {});

describe('team: headcount plan', () => {
  it('adds a role, edits cells, derives the cost per month, quarter and year', async () => {
    const c = await fresh();
    expect((await call(c, 'team.plan', {})).roles).toEqual([]);
    await call(c, 'team.addRole', { role: 'promoter', headcount: 4, costPerHeadCents: 600_000 });
    await call(c, 'team.setHeadcount', {
      cells: [
        { role: 'promoter', month: 3, headcount: 10 },
        { role: 'promoter', month: 4, costPerHeadCents: 650_050 },
      ],
      label: 'edit',
    });
    const plan = await call(c, 'team.plan', {});
    const p = plan.roles.find((r) => r.role === 'promoter')!;
    const hc = [4, 4, 10, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    const cph = hc.map((_, i) => (i === 3 ? 650_050 : 600_000));
    expect(p.headcount).toEqual(hc);
    expect(p.costPerHeadCents).toEqual(cph);
    const cost = hc.map((h, i) => h * cph[i]);
    expect(p.costCents).toEqual(cost);
    expect(p.quarterCostCents).toEqual([0, 1, 2, 3].map((q) => cost.slice(q * 3, q * 3 + 3).reduce((s, v) => s + v, 0)));
    expect(p.yearCostCents).toBe(cost.reduce((s, v) => s + v, 0));
    expect(plan.yearCostCents).toBe(p.yearCostCents);
    const rows = all<{ n: number }>(c, 'SELECT count(*) AS n FROM headcount_plan');
    expect(rows[0].n).toBe(12);
  });

  it('undoes each action in one step', async () => {
    const c = await fresh();
    await call(c, 'team.addRole', { role: '陳列專員', headcount: 2, costPerHeadCents: 500_000 });
    await call(c, 'team.setHeadcount', {
      cells: Array.from({ length: 12 }, (_, i) => ({ role: '陳列專員', month: i + 1, headcount: 3 })),
      label: 'fill',
    });
    expect((await call(c, 'team.plan', {})).roles[0].headcount).toEqual(Array(12).fill(3));
    await undo(c);
    expect((await call(c, 'team.plan', {})).roles[0].headcount).toEqual(Array(12).fill(2));
    await call(c, 'team.removeRole', { role: '陳列專員' });
    expect((await call(c, 'team.plan', {})).roles).toEqual([]);
    await undo(c);
    expect((await call(c, 'team.plan', {})).roles[0].yearCostCents).toBe(2 * 500_000 * 12);
    await undo(c);
    expect((await call(c, 'team.plan', {})).roles).toEqual([]);
  });

  it('starts from the current team: salespeople active each month, counted by role', async () => {
    const c = await fresh();
    const res = await call(c, 'team.seedFromMaster', {});
    const year = all<{ plan_year: number }>(c, 'SELECT plan_year FROM region_meta')[0].plan_year;
    const plan = await call(c, 'team.plan', {});
    expect(plan.roles.map((r) => r.role).sort()).toEqual([...res.roles].sort());
    for (const role of res.roles) {
      const expected = Array.from({ length: 12 }, (_, m) => {
        const first = `${year}-${String(m + 1).padStart(2, '0')}-01`;
        return all<{ n: number }>(c, 'SELECT count(*) AS n FROM salesperson WHERE role = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)', role, first, first)[0].n;
      });
      expect(plan.roles.find((r) => r.role === role)!.headcount).toEqual(expected);
    }
    expect(res.roles).toContain('sales_rep');
    expect((await fail(c, 'team.seedFromMaster', {})).code).toBe('CONFLICT');
    await undo(c);
    expect((await call(c, 'team.plan', {})).roles).toEqual([]);
  });

  it('refuses malformed input', async () => {
    const c = await fresh();
    await call(c, 'team.addRole', { role: 'sales_rep' });
    const dup = await fail(c, 'team.addRole', { role: ' sales_rep ' });
    expect(dup.code).toBe('CONFLICT');
    expect(dup.rule).toBe('team.error.roleExists');
    expect((await fail(c, 'team.setHeadcount', { cells: [{ role: 'nobody', month: 1, headcount: 1 }], label: 'edit' })).rule).toBe('team.error.unknownRole');
    expect((await fail(c, 'team.setHeadcount', { cells: [{ role: 'sales_rep', month: 13, headcount: 1 }], label: 'edit' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.setHeadcount', { cells: [{ role: 'sales_rep', month: 1, headcount: -1 }], label: 'edit' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.setHeadcount', { cells: [{ role: 'sales_rep', month: 1, headcount: 1.5 }], label: 'edit' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.setHeadcount', { cells: [{ role: 'sales_rep', month: 1 }], label: 'edit' })).rule).toBe('team.error.nothingToSet');
    expect((await fail(c, 'team.addRole', { role: '' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.addRole', { role: 'x', extra: 1 })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.removeRole', { role: 'nobody' })).code).toBe('INVALID_INPUT');
    // Nothing written by a refused batch.
    const cost = (await call(c, 'team.plan', {})).roles[0].costPerHeadCents[0];
    expect(cost).toBe(1_100_000);
    expect((await call(c, 'team.plan', {})).roles[0].headcount).toEqual(Array(12).fill(0));
  });
});

describe('team: training sessions', () => {
  it('adds, edits, deletes, totals and undoes', async () => {
    const c = await fresh();
    const { ids } = await call(c, 'team.training.apply', {
      rows: [
        { topic: '新品知識', audience: '業務代表', month: 3, costCents: 1_200_000 },
        { topic: '談判技巧', month: 5, costCents: 800_033 },
      ],
      label: 'append',
    });
    expect(ids).toHaveLength(2);
    let plan = await call(c, 'team.plan', {});
    expect(plan.training.map((t) => t.topic)).toEqual(['新品知識', '談判技巧']);
    expect(plan.trainingCostCents).toBe(2_000_033);
    await call(c, 'team.training.apply', { rows: [{ id: ids[1], month: 2, costCents: 100 }], label: 'edit' });
    plan = await call(c, 'team.plan', {});
    expect(plan.training[0]).toEqual({ id: ids[1], topic: '談判技巧', audience: '', month: 2, costCents: 100 });
    expect(plan.trainingCostCents).toBe(1_200_100);
    await call(c, 'team.training.remove', { ids: [ids[0]] });
    expect((await call(c, 'team.plan', {})).training.map((t) => t.id)).toEqual([ids[1]]);
    await undo(c);
    expect((await call(c, 'team.plan', {})).trainingCostCents).toBe(1_200_100);
    await undo(c);
    expect((await call(c, 'team.plan', {})).trainingCostCents).toBe(2_000_033);
    await undo(c);
    expect((await call(c, 'team.plan', {})).training).toEqual([]);
  });

  it('refuses malformed sessions', async () => {
    const c = await fresh();
    expect((await fail(c, 'team.training.apply', { rows: [{ month: 3 }], label: 'append' })).rule).toBe('team.error.topicRequired');
    expect((await fail(c, 'team.training.apply', { rows: [{ topic: 'x' }], label: 'append' })).rule).toBe('team.error.monthRequired');
    expect((await fail(c, 'team.training.apply', { rows: [{ topic: '  ', month: 1 }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.training.apply', { rows: [{ topic: 'x', month: 0 }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.training.apply', { rows: [{ topic: 'x', month: 1, costCents: -5 }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.training.apply', { rows: [{ topic: 'x', month: 1, costCents: 1.5 }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.training.apply', { rows: [{ id: 999, month: 1 }], label: 'edit' })).rule).toBe('team.error.noSuchRow');
    expect((await fail(c, 'team.training.remove', { ids: [999] })).code).toBe('INVALID_INPUT');
    // All or nothing.
    await fail(c, 'team.training.apply', { rows: [{ topic: 'ok', month: 1 }, { month: 2 }], label: 'paste' });
    expect((await call(c, 'team.plan', {})).training).toEqual([]);
  });
});

/** The demo region without its own actions (those its variance notes link to): these tests count the list. */
async function freshWithoutActions(): Promise<Ctx> {
  const c = await fresh();
  c.session.requireFile().sqlite.prepare('DELETE FROM action_item').run();
  return c;
}

describe('team: action list', () => {
  it('adds, edits, sorts by due date, computes overdue against the given day, deletes and undoes', async () => {
    const c = await freshWithoutActions();
    const owner = all<{ id: number }>(c, 'SELECT id FROM salesperson ORDER BY id LIMIT 1')[0].id;
    const city = all<{ id: number }>(c, 'SELECT id FROM city ORDER BY id LIMIT 1')[0].id;
    const { ids } = await call(c, 'team.actions.apply', {
      rows: [
        { title: '重點門店堆頭', ownerId: owner, dueDate: '2026-05-01', cityId: city, measure: '鋪貨率 +5%' },
        { title: '經銷商庫存盤點', dueDate: '2026-03-15', status: 'in_progress' },
        { title: '無期限', status: 'open' },
        { title: '已完成的', dueDate: '2026-01-10', status: 'done' },
      ],
      label: 'append',
    });
    let list = await call(c, 'team.actions.list', { today: '2026-04-01' });
    expect(list.rows.map((r) => r.title)).toEqual(['已完成的', '經銷商庫存盤點', '重點門店堆頭', '無期限']);
    expect(list.rows.filter((r) => r.overdue).map((r) => r.title)).toEqual(['經銷商庫存盤點']);
    expect(list.overdueCount).toBe(1);
    expect(list.rows[2]).toMatchObject({ ownerId: owner, cityId: city, channelId: null, brandId: null, measure: '鋪貨率 +5%', status: 'open' });
    expect(list.refs.salesperson.some((s) => s.id === owner)).toBe(true);
    list = await call(c, 'team.actions.list', { today: '2026-05-02' });
    expect(list.overdueCount).toBe(2);
    await call(c, 'team.actions.apply', { rows: [{ id: ids[1], status: 'done' }], label: 'edit' });
    list = await call(c, 'team.actions.list', { today: '2026-05-02' });
    expect(list.overdueCount).toBe(1);
    await undo(c);
    expect((await call(c, 'team.actions.list', { today: '2026-05-02' })).overdueCount).toBe(2);
    await call(c, 'team.actions.apply', { rows: [{ id: ids[0], ownerId: null, cityId: null }], label: 'clear' });
    expect((await call(c, 'team.actions.list', { today: '2026-05-02' })).rows.find((r) => r.id === ids[0])).toMatchObject({ ownerId: null, cityId: null });
    await call(c, 'team.actions.remove', { ids: [ids[2], ids[3]] });
    expect((await call(c, 'team.actions.list', { today: '2026-05-02' })).rows).toHaveLength(2);
    await undo(c);
    expect((await call(c, 'team.actions.list', { today: '2026-05-02' })).rows).toHaveLength(4);
  });

  it('refuses malformed actions', async () => {
    const c = await freshWithoutActions();
    expect((await fail(c, 'team.actions.apply', { rows: [{ status: 'open' }], label: 'append' })).rule).toBe('team.error.titleRequired');
    expect((await fail(c, 'team.actions.apply', { rows: [{ title: 'x', status: 'later' }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.actions.apply', { rows: [{ title: 'x', dueDate: '2026-02-30' }], label: 'append' })).rule).toBe('team.error.badDate');
    expect((await fail(c, 'team.actions.apply', { rows: [{ title: 'x', dueDate: '31/03/2026' }], label: 'append' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.actions.apply', { rows: [{ title: 'x', ownerId: 999_999 }], label: 'append' })).rule).toBe('team.error.unknownOwner');
    expect((await fail(c, 'team.actions.apply', { rows: [{ title: 'x', brandId: 999_999 }], label: 'append' })).rule).toBe('team.error.unknownBrand');
    expect((await fail(c, 'team.actions.apply', { rows: [{ id: 5, title: 'x' }], label: 'edit' })).rule).toBe('team.error.noSuchRow');
    expect((await fail(c, 'team.actions.list', { today: 'tomorrow' })).code).toBe('INVALID_INPUT');
    expect((await fail(c, 'team.actions.remove', { ids: [] })).code).toBe('INVALID_INPUT');
    expect((await call(c, 'team.actions.list', { today: '2026-01-01' })).rows).toEqual([]);
  });
});
