import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { gapToStrongest, measureOf, monthsOf, presetMonths, presetOf, strongestCompetitor } from '../../src/shared/analysisTerminals';
import type { TerminalCell, TerminalGroup } from '../../src/shared/endpoints/analysisTerminals';
import { terminalMeasures, type AuditLine } from '../../src/shared/kpi';
import { demoOpener, invokeOk, invokeRefused } from './helpers';

// 終端分析 through the handler registry: exact figures on a small hand-built set of
// audits (expected values worked out by hand below), the tiny demo region recomputed
// from its raw rows with kpi.ts's terminalMeasures, the refusals, and the view's pure
// helpers.

const open = demoOpener();

/** The ids the hand-built set uses, read from the demo's master data. */
interface World {
  own: number;
  c1: number;
  c2: number;
  k: number;
  k2: number;
  cityA: number;
  cityB: number;
  chX: number;
  chY: number;
  t: [number, number, number, number];
}

/**
 * Replaces every audit with this set (T1, T2 in city A; T3, T4 in city B; T1, T2, T4
 * in channel X, T3 in channel Y):
 *   a1 T1 2026-02-10  K: own 3 skus/10 facings/1000; C1 2/10/1000           (older than a2)
 *   a2 T1 2026-05-20  K: own 0/0/null; C1 2/6/3000; C2 1/4/1000
 *   a3 T2 2026-05-03  K: own 2/5/2000; C1 1/5/2000          K2: C2 1/3/300
 *   a4 T3 2026-02-15  K: own 1/2/500; C2 4/8/1500                           (same day as a5, lower id)
 *   a5 T3 2026-02-15  K: own 1/4/600
 *   a6 T2 2025-12-30  K: own 5/50/9999                                      (another year)
 *   a7 T4 2026-08-01  K2: own 1/2/100; C1 1/2/100                           (no line in K)
 */
function handBuilt(db: Database.Database): World {
  const own = (db.prepare('SELECT id FROM brand WHERE is_own = 1 ORDER BY id LIMIT 1').get() as { id: number }).id;
  const [c1, c2] = (db.prepare('SELECT id FROM brand WHERE is_own = 0 ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  const [k, k2] = (db.prepare('SELECT id FROM category ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  const [cityA, cityB] = (db.prepare('SELECT id FROM city ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  const [chX, chY] = (db.prepare('SELECT id FROM channel ORDER BY id LIMIT 2').all() as { id: number }[]).map((r) => r.id);
  const t = (db.prepare('SELECT id FROM terminal ORDER BY id LIMIT 4').all() as { id: number }[]).map((r) => r.id) as World['t'];
  const batch = (db.prepare('SELECT batch_id FROM store_audit LIMIT 1').get() as { batch_id: number }).batch_id;
  db.exec('DELETE FROM store_audit_sku; DELETE FROM store_audit_brand; DELETE FROM store_audit;');
  const term = db.prepare('UPDATE terminal SET city_id = ?, channel_id = ? WHERE id = ?');
  term.run(cityA, chX, t[0]);
  term.run(cityA, chX, t[1]);
  term.run(cityB, chY, t[2]);
  term.run(cityB, chX, t[3]);
  const audit = db.prepare('INSERT INTO store_audit (id, audit_date, terminal_id, batch_id) VALUES (?, ?, ?, ?)');
  const line = db.prepare(
    'INSERT INTO store_audit_brand (audit_id, brand_id, category_id, skus_on_shelf, facings, shelf_price_cents, has_display, sellout_cents) VALUES (?, ?, ?, ?, ?, 150, 0, ?)',
  );
  audit.run(1, '2026-02-10', t[0], batch);
  line.run(1, own, k, 3, 10, 1000);
  line.run(1, c1, k, 2, 10, 1000);
  audit.run(2, '2026-05-20', t[0], batch);
  line.run(2, own, k, 0, 0, null);
  line.run(2, c1, k, 2, 6, 3000);
  line.run(2, c2, k, 1, 4, 1000);
  audit.run(3, '2026-05-03', t[1], batch);
  line.run(3, own, k, 2, 5, 2000);
  line.run(3, c1, k, 1, 5, 2000);
  line.run(3, c2, k2, 1, 3, 300);
  audit.run(4, '2026-02-15', t[2], batch);
  line.run(4, own, k, 1, 2, 500);
  line.run(4, c2, k, 4, 8, 1500);
  audit.run(5, '2026-02-15', t[2], batch);
  line.run(5, own, k, 1, 4, 600);
  audit.run(6, '2025-12-30', t[1], batch);
  line.run(6, own, k, 5, 50, 9999);
  audit.run(7, '2026-08-01', t[3], batch);
  line.run(7, own, k2, 1, 2, 100);
  line.run(7, c1, k2, 1, 2, 100);
  return { own, c1, c2, k, k2, cityA, cityB, chX, chY, t };
}

function figures(c: TerminalCell): [number | null, number | null, number | null] {
  return [c.distribution, c.shelf, c.sales];
}

describe('analysis.terminals on a hand-built set of audits', () => {
  let w!: World;
  const build = () => open((db) => (w = handBuilt(db)));

  it('by city: each store’s latest audit of the year, ours and each competitor, exactly', async () => {
    const c = await build();
    const a = await invokeOk(c, 'analysis.terminals', { year: 2026 });
    expect(a.year).toBe(2026);
    expect(a.by).toBe('city');
    expect(a.years).toEqual([2025, 2026]);
    // K has 6 lines in the latest audits (a2 3, a3 2, a5 1), K2 3 (a3 1, a7 2).
    expect(a.categories.map((x) => [x.id, x.lines])).toEqual([
      [w.k, 6],
      [w.k2, 3],
    ]);
    expect(a.categoryId).toBe(w.k);
    expect(a.ownBrands.map((b) => b.id)).toEqual([w.own]);
    // C1 carries in 2 stores, C2 in 1.
    expect(a.competitors.map((b) => b.id)).toEqual([w.c1, w.c2]);
    expect(a.groups.map((g) => g.key)).toEqual([w.cityA, w.cityB]);

    const [A, B] = a.groups;
    // City A: T1 (a2) and T2 (a3). Facings 0+6+4 + 5+5 = 20; sell-out 0+3000+1000 + 2000+2000 = 8000.
    expect([A.audited, A.lines, A.allFacings, A.allSellout]).toEqual([2, 5, 20, 8000]);
    expect(A.ours).toMatchObject({ carrying: 1, facings: 5, sellout: 2000, lines: 2 });
    expect(figures(A.ours)).toEqual([1 / 2, 5 / 20, 2000 / 8000]);
    expect(figures(A.competitors[0])).toEqual([2 / 2, 11 / 20, 5000 / 8000]);
    expect(figures(A.competitors[1])).toEqual([1 / 2, 4 / 20, 1000 / 8000]);
    // City B: T3's latest is a5 (same day as a4, higher id); T4's latest (a7) has no K line.
    expect([B.audited, B.lines, B.allFacings, B.allSellout]).toEqual([1, 1, 4, 600]);
    expect(figures(B.ours)).toEqual([1, 1, 1]);
    expect(figures(B.competitors[0])).toEqual([0, 0, 0]);
    expect(figures(B.competitors[1])).toEqual([0, 0, 0]);
    // The whole slice.
    expect([a.total.audited, a.total.allFacings, a.total.allSellout]).toEqual([3, 24, 8600]);
    expect(figures(a.total.ours)).toEqual([2 / 3, 9 / 24, 2600 / 8600]);
    expect(figures(a.total.competitors[0])).toEqual([2 / 3, 11 / 24, 5000 / 8600]);
    expect(figures(a.total.competitors[1])).toEqual([1 / 3, 4 / 24, 1000 / 8600]);
  });

  it('agrees with kpi.ts’s terminalMeasures over the same latest audits', async () => {
    const c = await build();
    const a = await invokeOk(c, 'analysis.terminals', { year: 2026 });
    const latest = (storeId: number, auditId: number) => ({ storeId, auditId });
    const stores = [latest(w.t[0], 2), latest(w.t[1], 3), latest(w.t[2], 5), latest(w.t[3], 7)];
    const db = new Database(c.path, { readonly: true });
    const lines: AuditLine[] = [];
    for (const s of stores) {
      for (const l of db.prepare('SELECT brand_id, category_id, skus_on_shelf, facings, sellout_cents FROM store_audit_brand WHERE audit_id = ?').all(s.auditId) as {
        brand_id: number;
        category_id: number;
        skus_on_shelf: number;
        facings: number;
        sellout_cents: number | null;
      }[]) {
        lines.push({ storeId: s.storeId, brandId: l.brand_id, categoryId: l.category_id, skusOnShelf: l.skus_on_shelf, facings: l.facings, selloutCents: l.sellout_cents });
      }
    }
    db.close();
    for (const [cell, brand] of [
      [a.total.ours, w.own],
      [a.total.competitors[0], w.c1],
      [a.total.competitors[1], w.c2],
    ] as const) {
      const m = terminalMeasures(lines, brand, w.k);
      expect(m.storesAudited).toBe(a.total.audited);
      expect(cell.carrying).toBe(m.storesCarrying);
      expect(figures(cell)).toEqual([m.numericDistribution, m.shelfShare, m.salesShare]);
    }
  });

  it('by month: the latest audit in each month; the total still takes the latest of the period', async () => {
    const c = await build();
    const a = await invokeOk(c, 'analysis.terminals', { year: 2026, by: 'month' });
    // August has only a7, without a K line: no group.
    expect(a.groups.map((g) => [g.key, g.label, g.audited])).toEqual([
      [202602, '2026-02', 2],
      [202605, '2026-05', 2],
    ]);
    const [feb, may] = a.groups;
    // February: T1's a1 and T3's a5. Facings 10+10 + 4 = 24; sell-out 2000 + 600.
    expect(figures(feb.ours)).toEqual([2 / 2, 14 / 24, 1600 / 2600]);
    expect(figures(feb.competitors[0])).toEqual([1 / 2, 10 / 24, 1000 / 2600]);
    expect(figures(may.ours)).toEqual([1 / 2, 5 / 20, 2000 / 8000]);
    expect(figures(a.total.ours)).toEqual([2 / 3, 9 / 24, 2600 / 8600]);
    expect(a.total.audited).toBe(3);
  });

  it('by channel, a quarter, and the city and channel filters', async () => {
    const c = await build();
    const ch = await invokeOk(c, 'analysis.terminals', { year: 2026, by: 'channel' });
    expect(ch.groups.map((g) => [g.key, g.audited])).toEqual([
      [w.chX, 2],
      [w.chY, 1],
    ]);
    expect(figures(ch.groups[0].ours)).toEqual([1 / 2, 5 / 20, 2000 / 8000]);
    // Q1: T1's a1 and T3's a5 only.
    const q1 = await invokeOk(c, 'analysis.terminals', { year: 2026, fromMonth: 1, toMonth: 3 });
    expect([q1.fromMonth, q1.toMonth]).toEqual([1, 3]);
    expect(q1.total.audited).toBe(2);
    expect(figures(q1.total.ours)).toEqual([1, 14 / 24, 1600 / 2600]);
    const cityB = await invokeOk(c, 'analysis.terminals', { year: 2026, cityId: w.cityB, categoryId: w.k });
    expect(cityB.groups.map((g) => g.key)).toEqual([w.cityB]);
    expect(figures(cityB.total.ours)).toEqual([1, 1, 1]);
    const chY = await invokeOk(c, 'analysis.terminals', { year: 2026, channelId: w.chY, by: 'city' });
    expect(chY.total.audited).toBe(1);
    // K2 (chosen): a3 has C2 only, a7 has ours and C1 (ours carrying in 1 of 2 stores).
    const k2 = await invokeOk(c, 'analysis.terminals', { year: 2026, categoryId: w.k2 });
    expect(k2.total.audited).toBe(2);
    expect(figures(k2.total.ours)).toEqual([1 / 2, 2 / 7, 100 / 500]);
    // 2025: a6 only.
    const last = await invokeOk(c, 'analysis.terminals', { year: 2025 });
    expect(figures(last.total.ours)).toEqual([1, 1, 1]);
    // A year without audits: no category, no groups.
    const none = await invokeOk(c, 'analysis.terminals', { year: 2024 });
    expect(none.categoryId).toBeNull();
    expect(none.groups).toEqual([]);
  });

  it('drill: the audit lines behind a group, of all brands, ours, or one brand', async () => {
    const c = await build();
    const all = await invokeOk(c, 'analysis.terminalLines', { year: 2026, categoryId: w.k, cityId: w.cityA });
    expect([all.total, all.stores, all.carrying, all.facings, all.sellout]).toEqual([5, 2, 2, 20, 8000]);
    expect(new Set(all.rows.map((r) => r.auditId))).toEqual(new Set([2, 3]));
    const ours = await invokeOk(c, 'analysis.terminalLines', { year: 2026, categoryId: w.k, cityId: w.cityA, brand: 'ours' });
    expect([ours.total, ours.stores, ours.carrying, ours.facings, ours.sellout]).toEqual([2, 2, 1, 5, 2000]);
    expect(ours.rows.every((r) => r.isOwn)).toBe(true);
    const t1 = ours.rows.find((r) => r.auditId === 2)!;
    expect(t1).toMatchObject({ auditDate: '2026-05-20', skusOnShelf: 0, facings: 0, selloutCents: null, shelfPriceCents: 150, hasDisplay: false });
    const c2 = await invokeOk(c, 'analysis.terminalLines', { year: 2026, categoryId: w.k, brand: w.c2 });
    expect([c2.total, c2.carrying, c2.facings]).toEqual([1, 1, 4]);
    // A month of the trend: February's latest audits.
    const feb = await invokeOk(c, 'analysis.terminalLines', { year: 2026, fromMonth: 2, toMonth: 2, categoryId: w.k, limit: 1 });
    expect(feb.total).toBe(3);
    expect(feb.rows).toHaveLength(1);
  });
});

describe('analysis.terminals on the tiny demo region', () => {
  it('defaults to the year before the plan year and the category with most lines; every city agrees with the raw rows', async () => {
    const c = await open();
    const a = await invokeOk(c, 'analysis.terminals', {});
    expect([a.planYear, a.year, a.fromMonth, a.toMonth, a.by]).toEqual([2027, 2026, 1, 12, 'city']);
    const db = new Database(c.path, { readonly: true });
    try {
      // Each terminal's latest 2026 audit, picked in JS from every audit row.
      const latest = new Map<number, { id: number; date: string; city: number }>();
      for (const r of db.prepare('SELECT sa.id, sa.audit_date AS date, sa.terminal_id AS terminal, t.city_id AS city FROM store_audit sa JOIN terminal t ON t.id = sa.terminal_id').all() as {
        id: number;
        date: string;
        terminal: number;
        city: number;
      }[]) {
        if (!r.date.startsWith('2026-')) continue;
        const seen = latest.get(r.terminal);
        if (!seen || r.date > seen.date || (r.date === seen.date && r.id > seen.id)) latest.set(r.terminal, r);
      }
      const auditCity = new Map([...latest.entries()].map(([terminal, x]) => [x.id, { terminal, city: x.city }]));
      const own = new Set((db.prepare('SELECT id FROM brand WHERE is_own = 1').all() as { id: number }[]).map((r) => r.id));
      const lines: (AuditLine & { city: number })[] = [];
      for (const l of db.prepare('SELECT audit_id, brand_id, category_id, skus_on_shelf, facings, sellout_cents FROM store_audit_brand').all() as {
        audit_id: number;
        brand_id: number;
        category_id: number;
        skus_on_shelf: number;
        facings: number;
        sellout_cents: number | null;
      }[]) {
        const at = auditCity.get(l.audit_id);
        if (!at) continue;
        lines.push({ storeId: at.terminal, city: at.city, brandId: l.brand_id, categoryId: l.category_id, skusOnShelf: l.skus_on_shelf, facings: l.facings, selloutCents: l.sellout_cents });
      }
      // The default category: the most lines.
      const perCategory = new Map<number, number>();
      for (const l of lines) perCategory.set(l.categoryId, (perCategory.get(l.categoryId) ?? 0) + 1);
      const most = Math.max(...perCategory.values());
      expect(perCategory.get(a.categoryId!)).toBe(most);
      expect(a.categories[0].lines).toBe(most);

      const check = (g: TerminalGroup, ls: AuditLine[], k: number) => {
        for (const [i, brand] of a.competitors.entries()) {
          const m = terminalMeasures(ls, brand.id, k);
          expect(g.audited).toBe(m.storesAudited);
          expect(g.competitors[i].carrying).toBe(m.storesCarrying);
          expect(figures(g.competitors[i])).toEqual([m.numericDistribution, m.shelfShare, m.salesShare]);
        }
        // Ours: a store carries ours when it carries any of our brands.
        const inK = ls.filter((l) => l.categoryId === k);
        const carrying = new Set(inK.filter((l) => own.has(l.brandId) && l.skusOnShelf > 0).map((l) => l.storeId)).size;
        const sum = (f: (l: AuditLine) => number, only: boolean) => inK.filter((l) => !only || own.has(l.brandId)).reduce((s, l) => s + f(l), 0);
        expect(g.ours.carrying).toBe(carrying);
        expect(g.ours.facings).toBe(sum((l) => l.facings, true));
        expect(g.allFacings).toBe(sum((l) => l.facings, false));
        expect(g.allSellout).toBe(sum((l) => l.selloutCents ?? 0, false));
        expect(g.ours.distribution).toBe(carrying / g.audited);
      };
      const cities = [...new Set(lines.filter((l) => l.categoryId === a.categoryId).map((l) => l.city))];
      expect(a.groups.map((g) => g.key).sort((x, y) => x - y)).toEqual(cities.sort((x, y) => x - y));
      for (const g of a.groups) check(g, lines.filter((l) => l.city === g.key), a.categoryId!);
      check(a.total, lines, a.categoryId!);
      expect(a.total.audited).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('the month trend and the drill agree with the city view', async () => {
    const c = await open();
    const byCity = await invokeOk(c, 'analysis.terminals', { year: 2026, by: 'city' });
    const byMonth = await invokeOk(c, 'analysis.terminals', { year: 2026, by: 'month' });
    expect(byMonth.total).toEqual(byCity.total);
    expect(byMonth.groups.length).toBeGreaterThan(0);
    const g = byCity.groups[0];
    const d = await invokeOk(c, 'analysis.terminalLines', { year: 2026, categoryId: byCity.categoryId!, cityId: g.key });
    expect([d.total, d.stores, d.facings, d.sellout]).toEqual([g.lines, g.audited, g.allFacings, g.allSellout]);
    const ours = await invokeOk(c, 'analysis.terminalLines', { year: 2026, categoryId: byCity.categoryId!, cityId: g.key, brand: 'ours' });
    expect([ours.carrying, ours.facings, ours.sellout]).toEqual([g.ours.carrying, g.ours.facings, g.ours.sellout]);
  });

  it('refuses bad input', async () => {
    const c = await open();
    const bad: [string, unknown, string][] = [
      ['analysis.terminals', { year: 1999 }, 'INVALID_INPUT'],
      ['analysis.terminals', { year: 2026, fromMonth: 5, toMonth: 3 }, 'INVALID_INPUT'],
      ['analysis.terminals', { year: 2026, fromMonth: 0 }, 'INVALID_INPUT'],
      ['analysis.terminals', { year: 2026, toMonth: 13 }, 'INVALID_INPUT'],
      ['analysis.terminals', { by: 'province' }, 'INVALID_INPUT'],
      ['analysis.terminals', { categoryId: 1.5 }, 'INVALID_INPUT'],
      ['analysis.terminals', { measure: 'shelf' }, 'INVALID_INPUT'],
      ['analysis.terminals', { categoryId: 99999 }, 'NOT_FOUND'],
      ['analysis.terminals', { cityId: 99999 }, 'NOT_FOUND'],
      ['analysis.terminals', { channelId: 99999 }, 'NOT_FOUND'],
      ['analysis.terminalLines', { year: 2026 }, 'INVALID_INPUT'],
      ['analysis.terminalLines', { categoryId: 1 }, 'INVALID_INPUT'],
      ['analysis.terminalLines', { year: 2026, categoryId: 1, limit: 0 }, 'INVALID_INPUT'],
      ['analysis.terminalLines', { year: 2026, categoryId: 1, limit: 5001 }, 'INVALID_INPUT'],
      ['analysis.terminalLines', { year: 2026, categoryId: 1, brand: 'theirs' }, 'INVALID_INPUT'],
      ['analysis.terminalLines', { year: 2026, categoryId: 1, brand: 99999 }, 'NOT_FOUND'],
      ['analysis.terminalLines', { year: 2026, categoryId: 99999 }, 'NOT_FOUND'],
    ];
    for (const [name, input, code] of bad) {
      const e = await invokeRefused(c, name as 'analysis.terminals', input);
      expect(e.code, `${name} ${JSON.stringify(input)}`).toBe(code);
    }
    const e = await invokeRefused(c, 'analysis.terminals', { cityId: 99999 });
    expect(e.rule).toBe('analysisTerminals.unknown.city');
    expect(e.issues).toEqual([{ path: 'cityId', message: 'no city 99999' }]);
  });
});

describe('the terminals view’s helpers', () => {
  const cell = (distribution: number | null, shelf: number | null, sales: number | null): TerminalCell => ({ carrying: 0, facings: 0, sellout: 0, lines: 0, distribution, shelf, sales });
  const group = (ours: TerminalCell, competitors: TerminalCell[]): TerminalGroup => ({ key: 1, label: '', audited: 1, lines: 1, allFacings: 1, allSellout: 1, ours, competitors });

  it('period presets', () => {
    expect(presetMonths('year')).toEqual([1, 12]);
    expect(presetMonths('q1')).toEqual([1, 3]);
    expect(presetMonths('q4')).toEqual([10, 12]);
    expect(presetMonths('custom')).toBeNull();
    expect(presetOf(1, 12)).toBe('year');
    expect(presetOf(4, 6)).toBe('q2');
    expect(presetOf(7, 9)).toBe('q3');
    expect(presetOf(2, 5)).toBe('custom');
    expect(monthsOf(2026, 10, 12)).toEqual([202610, 202611, 202612]);
  });

  it('the measure of a cell, the strongest competitor and our gap to it', () => {
    const g = group(cell(0.5, 0.2, null), [cell(0.4, 0.3, 0.1), cell(0.6, 0.3, null), cell(null, 0.1, null)]);
    expect(measureOf(g.ours, 'distribution')).toBe(0.5);
    expect(measureOf(g.ours, 'shelf')).toBe(0.2);
    expect(measureOf(g.ours, 'sales')).toBeNull();
    expect(strongestCompetitor(g, 'distribution')).toEqual({ index: 1, value: 0.6 });
    // A tie keeps the first in list order.
    expect(strongestCompetitor(g, 'shelf')).toEqual({ index: 0, value: 0.3 });
    expect(gapToStrongest(g, 'distribution')).toBeCloseTo(-0.1, 12);
    expect(gapToStrongest(g, 'shelf')).toBeCloseTo(-0.1, 12);
    // Ours not defined: no gap; no competitor with a value: no strongest.
    expect(gapToStrongest(g, 'sales')).toBeNull();
    expect(strongestCompetitor(group(cell(1, 1, 1), [cell(null, null, null)]), 'sales')).toBeNull();
    expect(gapToStrongest(group(cell(1, 1, 1), []), 'sales')).toBeNull();
  });
});
