import type { Selectable } from 'kysely';
import type { Board, BoardRow, Decision, RegionState, TargetInput } from '../../../shared/hq';
import { translate } from '../../../shared/i18n';
import type { Language } from '../../../shared/units';
import type { Db } from './dialect';
import type { HqDatabase } from './schema';
import { cycleOf, type HqStore } from './store';

// The status board (regions × state, revision, plan against head office's target,
// expense ratio, warnings, lateness), head office's decisions on a region's accepted
// revision (return it with a comment, confirm it as the version of record, reopen a
// confirmed one), and head office's national target by region × month.

/** A decision head office cannot take, with a reason key (hq.reason.<key>) and its words. */
export class HqRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number>,
    language: Language = 'zh-Hant',
  ) {
    super(translate(language, `hq.reason.${reason}`, params));
  }
}

type RegionRow = Selectable<HqDatabase['region']>;

/** A region by its name or its region file's UUID. */
export async function findRegion(db: Db, ref: string, language?: Language): Promise<RegionRow> {
  const r = await db.selectFrom('region').selectAll().where((eb) => eb.or([eb('name', '=', ref), eb('id', '=', ref)])).executeTakeFirst();
  if (!r) throw new HqRefusal('notFoundRegion', { region: ref }, language);
  return r;
}

const pct = (f: number) => `${(f * 100).toFixed(1)}%`;

/** The status board as of `now` (lateness is measured against the cycle's due date). */
export async function statusBoard(store: HqStore, options: { now?: string } = {}): Promise<Board> {
  const db = store.db;
  const cycle = await cycleOf(db);
  const regions = await db.selectFrom('region').selectAll().orderBy('sort_order').orderBy('key').execute();
  const plan = await db.selectFrom('plan_month').select(['region_key', 'month', 'amount_cents as amount', 'volume', 'gross_profit_cents as gp']).execute();
  const targets = await db
    .selectFrom('ho_target')
    .select(['region_key', 'month'])
    .select((eb) => [eb.fn.sum<number>('amount_cents').as('amount'), eb.fn.sum<number>('volume').as('volume')])
    .where('brand_code', '=', '')
    .where('channel_code', '=', '')
    .groupBy(['region_key', 'month'])
    .execute();
  const budgets = await db.selectFrom('expense_fact').select('region_key').select((eb) => eb.fn.sum<number>('amount_cents').as('amount')).groupBy('region_key').execute();
  const packages = await db.selectFrom('package').select(['package_id', 'region_key', 'revision', 'replaces', 'received_at']).execute();
  const now = Date.parse(options.now ?? new Date().toISOString());
  const due = cycle.dueDate ? Date.parse(`${cycle.dueDate}T23:59:59.999Z`) : null;

  const rows: BoardRow[] = regions.map((r) => {
    const months = Array.from({ length: 12 }, (_, i) => {
      const p = plan.find((x) => Number(x.region_key) === r.key && Number(x.month) === i + 1);
      const t = targets.find((x) => Number(x.region_key) === r.key && Number(x.month) === i + 1);
      return {
        month: i + 1, planCents: Number(p?.amount ?? 0), volume: Number(p?.volume ?? 0),
        targetCents: Number(t?.amount ?? 0), targetVolume: Number(t?.volume ?? 0), gp: Number(p?.gp ?? 0),
      };
    });
    const sum = (f: (m: (typeof months)[number]) => number) => months.reduce((s, m) => s + f(m), 0);
    const planCents = sum((m) => m.planCents);
    const targetCents = sum((m) => m.targetCents);
    const budgetCents = Number(budgets.find((b) => Number(b.region_key) === r.key)?.amount ?? 0);
    const pkg = packages.find((p) => p.package_id === r.package_id) ?? null;
    const warnings: BoardRow['warnings'] = [];
    if (pkg) {
      if (targetCents === 0) warnings.push({ key: 'noTarget', params: {} });
      else {
        const gap = (planCents - targetCents) / targetCents;
        if (Math.abs(gap) > cycle.tolerance) warnings.push({ key: 'gapYear', params: { gap: pct(gap), tolerance: pct(cycle.tolerance) } });
        for (const m of months) {
          if (m.targetCents === 0) continue;
          const g = (m.planCents - m.targetCents) / m.targetCents;
          if (Math.abs(g) > cycle.tolerance) warnings.push({ key: 'gapMonth', params: { month: m.month, gap: pct(g), tolerance: pct(cycle.tolerance) } });
        }
      }
      if (cycle.expenseCap !== null && planCents > 0 && budgetCents / planCents > cycle.expenseCap) {
        warnings.push({ key: 'expenseOverCap', params: { ratio: pct(budgetCents / planCents), cap: pct(cycle.expenseCap) } });
      }
      if (pkg.replaces !== null && !packages.some((p) => Number(p.region_key) === r.key && p.revision === pkg.replaces)) {
        warnings.push({ key: 'replacesUnseen', params: { revision: pkg.revision, replaces: pkg.replaces } });
      }
    }
    const state = r.state as RegionState;
    return {
      regionKey: r.key, regionId: r.id, regionName: r.name, expected: r.expected === 1, state, revision: r.revision, packageId: r.package_id,
      receivedAt: pkg?.received_at ?? null, fingerprint: r.fingerprint, planCents, volume: sum((m) => m.volume), grossProfitCents: sum((m) => m.gp),
      targetCents, targetVolume: sum((m) => m.targetVolume),
      months: months.map(({ gp: _gp, ...m }) => m),
      monthsGrossProfitCents: months.map((m) => m.gp),
      budgetCents, expenseRatio: planCents > 0 ? budgetCents / planCents : null, warnings,
      late: due !== null && now > due && (state === 'pending' || state === 'returned'),
    };
  });
  return { cycle, regions: rows };
}

async function decide(
  store: HqStore,
  ref: string,
  kind: 'returned' | 'confirmed' | 'reopened',
  d: DecideOptions,
): Promise<Decision> {
  return store.dialect.writing(store.db, async (trx) => {
    const cycle = await cycleOf(trx);
    const r = await findRegion(trx, ref, d.language);
    const stateWords = translate(d.language ?? 'zh-Hant', `hq.state.${r.state}`);
    if (r.package_id === null || r.revision === null || r.id === null) throw new HqRefusal('notReceived', { region: r.name }, d.language);
    if (kind === 'reopened' ? r.state !== 'confirmed' : r.state !== 'submitted') {
      throw new HqRefusal(kind === 'reopened' ? 'notConfirmed' : 'notSubmitted', { region: r.name, state: stateWords }, d.language);
    }
    const decidedAt = d.now ?? new Date().toISOString();
    const comment = d.comment ?? '';
    await trx.insertInto('decision').values({ region_key: r.key, package_id: r.package_id, kind, comment, decided_at: decidedAt, decided_by: d.by }).execute();
    await trx.updateTable('region').set({ state: kind === 'reopened' ? 'submitted' : kind }).where('key', '=', r.key).execute();
    const decision: Decision = {
      packageId: r.package_id, regionId: r.id, regionName: r.name, planYear: cycle.planYear, revision: r.revision,
      verdict: kind === 'confirmed' ? 'confirmed' : 'returned', comment, decidedAt, decidedBy: d.by,
    };
    // Inside the transaction: a return file that cannot be written leaves the decision untaken.
    d.write?.(decision);
    return decision;
  });
}

export interface DecideOptions {
  by: string;
  comment?: string;
  now?: string;
  language?: Language;
  /** Writes what the region is sent (the signed return file), before the decision commits. */
  write?: (decision: Decision) => void;
}

/** Returns (退回) a region's accepted revision with a comment: what its return file says. */
export function returnRegion(store: HqStore, ref: string, d: DecideOptions & { comment: string }): Promise<Decision> {
  if (d.comment.trim() === '') throw new Error('a return needs a comment saying what to change');
  return decide(store, ref, 'returned', d);
}

/** Confirms (確認) a region's accepted revision as the version of record: no later package is received until reopened. */
export function confirmRegion(store: HqStore, ref: string, d: DecideOptions): Promise<Decision> {
  return decide(store, ref, 'confirmed', d);
}

/** Reopens a confirmed region: it is 已報送 again and may send a next revision. */
export async function reopenRegion(store: HqStore, ref: string, d: Omit<DecideOptions, 'write'>): Promise<void> {
  await decide(store, ref, 'reopened', d);
}

/** The decisions taken on a region, newest last. */
export async function decisionsOf(store: HqStore, ref: string) {
  const r = await findRegion(store.db, ref);
  return store.db.selectFrom('decision').selectAll().where('region_key', '=', r.key).orderBy('id').execute();
}

/** Sets head office's target cells (region × month, optionally by brand or channel); a cell given again is replaced. */
export async function setTargets(store: HqStore, rows: TargetInput[], language?: Language): Promise<number> {
  for (const t of rows) {
    if (!Number.isInteger(t.month) || t.month < 1 || t.month > 12) throw new Error(`month ${t.month} of ${t.region} is not 1–12`);
    if (!Number.isSafeInteger(t.amountCents) || !Number.isSafeInteger(t.volume)) throw new Error(`the target of ${t.region} month ${t.month} is not a whole number`);
  }
  return store.dialect.writing(store.db, async (trx) => {
    const keys = new Map<string, number>();
    for (const t of rows) if (!keys.has(t.region)) keys.set(t.region, (await findRegion(trx, t.region, language)).key);
    for (const t of rows) {
      const cell = { region_key: keys.get(t.region)!, month: t.month, brand_code: t.brandCode ?? '', channel_code: t.channelCode ?? '' };
      await trx
        .insertInto('ho_target')
        .values({ ...cell, amount_cents: t.amountCents, volume: t.volume })
        .onConflict((oc) => oc.columns(['region_key', 'month', 'brand_code', 'channel_code']).doUpdateSet({ amount_cents: t.amountCents, volume: t.volume }))
        .execute();
    }
    return rows.length;
  });
}
