import type { CheckResult, Finding, FindingPlace, FindingSeverity } from '../../../../shared/submit';
import { AppError, refusal } from '../../../../shared/errors';
import { seededItemKey } from '../../../../shared/expenseItems';
import { geoDisplayName } from '../../../../shared/geoNames';
import { translate } from '../../../../shared/i18n';
import { PLAN_SECTIONS, isEmptyDoc } from '../../../../shared/planWritten';
import { formatAmount, formatInteger, formatPercent, type Language } from '../../../../shared/units';
import type { ReadDb, WriteDb } from '../../db/handle';
import { recordEdit } from '../../db/undoLog';
import { splitBudgetRows } from '../../repos/expenses/budget';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { deleteSetting, findSettingRow, getSetting, putSetting } from '../../repos/settings';
import { readBudget } from '../expenses/budget';
import { itemRows } from '../expenses/items';
import { channelPlan } from '../plan/channel';
import { terminalPlan } from '../plan/terminal';
import { writtenPlan } from '../plan/written';
import { readDisplayUnit } from '../region';
import { MONTHS, type TargetCache } from '../targets/model';
import { targetSummary } from '../targets/read';

// The pre-submission check (報送前檢查): what head office would send back, found before
// the plan is sent. Every rule reads the figures the screens show, through their own
// services (the target summary over the cube, the expense budget, the chapters), so a
// finding names a number the manager can find where the finding points. Errors block
// a submission; warnings are things a manager would rather know.

/** The setting that holds head office's tolerance on the gap to its target (a fraction). */
export const TOLERANCE_SETTING = 'submit.tolerance';
/** Head office's usual tolerance when it has not said otherwise: 1%. */
export const DEFAULT_TOLERANCE = 0.01;
export const MAX_TOLERANCE = 0.5;

/**
 * Expense kinds spent on a product or a place (terminal fees, advertising, promotions):
 * their ratios per brand, channel or city are only meaningful when they are split. The
 * data model does not mark a split as required, so an unsplit item of these kinds is a
 * warning, not an error; people, travel, training and meetings are the region's overhead.
 */
const SPLIT_KINDS: ReadonlySet<string> = new Set(['terminal', 'advertising', 'promotion']);

export function toleranceOf(db: ReadDb): number {
  const v = getSetting<number>(db, TOLERANCE_SETTING);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TOLERANCE ? v : DEFAULT_TOLERANCE;
}

/** Sets head office's tolerance (a fraction 0–0.5); one undo step. */
export function setTolerance(db: WriteDb, tolerance: number): void {
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_TOLERANCE) {
    throw refusal('INVALID_INPUT', 'submitCheck.error.tolerance', `the tolerance must be between 0 and ${MAX_TOLERANCE}`, { path: 'tolerance' });
  }
  recordEdit(db, 'submitCheck.undo.tolerance', () => {
    const row = findSettingRow(db, TOLERANCE_SETTING);
    if (tolerance === DEFAULT_TOLERANCE) deleteSetting(db, TOLERANCE_SETTING);
    else putSetting(db, TOLERANCE_SETTING, tolerance);
    const after = tolerance === DEFAULT_TOLERANCE ? null : { key: TOLERANCE_SETTING, value: JSON.stringify(tolerance) };
    return { changes: [{ table: 'setting', key: { key: TOLERANCE_SETTING }, before: row ?? null, after }], value: null };
  });
}

const HO_MEASURES = ['amountCents', 'volume', 'grossProfitCents', 'newProductCents'] as const;
type HoMeasure = (typeof HO_MEASURES)[number];
/** The measures whose gap is checked: the ones the plan sets (gross profit and new products follow from SKUs). */
const GAP_MEASURES: readonly HoMeasure[] = ['amountCents', 'volume'];

/** The pre-submission check of a plan version (default: the working plan). */
export function submissionCheck(db: ReadDb, cube: () => TargetCache, input: { versionId?: number; language: Language }): CheckResult {
  const versionId = input.versionId ?? workingVersionId(db);
  if (!findVersion(db, versionId)) throw new AppError('NOT_FOUND', `plan version ${versionId} does not exist`);
  const language = input.language;
  const unit = readDisplayUnit(db);
  const t = (key: string, params: Record<string, string | number> = {}) => translate(language, key, params);
  const money = (cents: number) => formatAmount(cents, unit, language, { withUnit: true });
  const findings: Finding[] = [];
  const add = (severity: FindingSeverity, rule: string, params: Record<string, string | number>, place: FindingPlace) => {
    findings.push({ severity, rule, params, message: t(`submitCheck.rule.${rule}`, params), place });
  };
  const figure = (measure: HoMeasure, value: number) => (measure === 'volume' ? formatInteger(value, language) : money(value));
  const measureName = (measure: HoMeasure) => t(`submitCheck.measure.${measure}`);
  const tolerance = toleranceOf(db);

  // Head office's target against the plan, by month and for the year.
  const cache = cube();
  const summary = targetSummary(db, cache, versionId);
  const hoYear = (m: HoMeasure) => summary.ho[m].reduce((s, v) => s + v, 0);
  const planYear = (m: HoMeasure) => summary.plan[m].reduce((s, v) => s + v, 0);
  if (hoYear('amountCents') <= 0) add('error', 'hoMissing', {}, { area: 'targets', tab: 'ho' });
  // A plan with no cells at all is one thing to do (spread the year), not one per measure.
  const empty = summary.cellCount === 0;
  if (empty) add('error', 'planEmpty', { ho: money(Math.max(0, hoYear('amountCents'))) }, { area: 'targets', tab: 'grid' });
  for (const m of HO_MEASURES) {
    for (let i = 0; i < MONTHS; i++) {
      if (summary.ho[m][i] < 0) add('error', 'hoNegative', { month: i + 1, measure: measureName(m), value: figure(m, summary.ho[m][i]) }, { area: 'targets', tab: 'ho', ref: i + 1 });
    }
  }
  for (const m of HO_MEASURES) {
    if (empty || hoYear(m) <= 0) continue;
    if (planYear(m) === 0) {
      add('error', 'measureNotPlanned', { measure: measureName(m), ho: figure(m, hoYear(m)) }, { area: 'targets', tab: 'grid' });
      continue;
    }
    if (m !== 'amountCents') continue;
    for (let i = 0; i < MONTHS; i++) {
      if (summary.ho[m][i] > 0 && summary.plan[m][i] === 0) {
        add('error', 'monthNotPlanned', { month: i + 1, ho: figure(m, summary.ho[m][i]) }, { area: 'targets', tab: 'grid', ref: i + 1 });
      }
    }
  }
  const beyond = (plan: number, ho: number) => ho > 0 && Math.abs(plan - ho) > tolerance * ho + 1e-9;
  for (const m of GAP_MEASURES) {
    if (hoYear(m) <= 0 || planYear(m) === 0) continue;
    const gapParams = (plan: number, ho: number) => ({
      measure: measureName(m), plan: figure(m, plan), ho: figure(m, ho), gap: formatPercent((plan - ho) / ho, language), tolerance: formatPercent(tolerance, language),
    });
    for (let i = 0; i < MONTHS; i++) {
      const plan = summary.plan[m][i];
      const ho = summary.ho[m][i];
      // A month with nothing planned is already a finding of its own.
      if (plan !== 0 && beyond(plan, ho)) add('error', 'hoGapMonth', { month: i + 1, ...gapParams(plan, ho) }, { area: 'targets', tab: 'grid', ref: i + 1 });
    }
    if (beyond(planYear(m), hoYear(m))) add('error', 'hoGapYear', gapParams(planYear(m), hoYear(m)), { area: 'targets', tab: 'grid' });
  }

  // Negative targets, and targets on customers or SKUs that can no longer have one.
  const refs = cache.refs;
  const version = cache.cube(db, versionId);
  let negative = 0;
  const onCustomer = new Map<number, number>();
  const onSku = new Map<number, number>();
  for (let c = 0; c < refs.n; c++) {
    let amount = 0;
    for (let k = c * MONTHS; k < (c + 1) * MONTHS; k++) {
      if (version.amount[k] < 0 || version.volume[k] < 0) negative++;
      amount += version.amount[k];
    }
    if (amount === 0) continue;
    const customer = refs.customer.data[c];
    const sku = refs.sku.data[c];
    if (customer > 0 && refs.customerActive[customer] === 0) onCustomer.set(customer, (onCustomer.get(customer) ?? 0) + amount * 100);
    if (refs.skuActive[sku] === 0) onSku.set(sku, (onSku.get(sku) ?? 0) + amount * 100);
  }
  if (negative > 0) add('error', 'negativeTarget', { cells: formatInteger(negative, language) }, { area: 'targets', tab: 'grid' });
  const bySort = (dim: 'customer' | 'sku') => (a: [number, number], b: [number, number]) => refs.label(dim, a[0]).sort - refs.label(dim, b[0]).sort;
  for (const [id, cents] of [...onCustomer].sort(bySort('customer'))) {
    const l = refs.label('customer', id);
    add('error', 'terminatedCustomer', { code: l.code, name: l.label, amount: money(cents) }, { area: 'targets', tab: 'customer', ref: id });
  }
  for (const [id, cents] of [...onSku].sort(bySort('sku'))) {
    const l = refs.label('sku', id);
    add('error', 'discontinuedSku', { code: l.code, name: l.label, amount: money(cents) }, { area: 'targets', tab: 'sku', ref: id });
  }

  // The expense budget: head office's cap on the ratio, and the splits.
  const budget = readBudget(db, { sales: summary.plan.amountCents, grossProfit: summary.plan.grossProfitCents, costMissingSkus: summary.costMissing.skus }, versionId);
  const cap = budget.cap;
  if (cap !== null) {
    const over = (spend: number, sales: number) => (sales > 0 ? spend / sales > cap + 1e-12 : spend > 0);
    const ratioText = (spend: number, sales: number) => (sales > 0 ? formatPercent(spend / sales, language) : '—');
    for (let i = 0; i < MONTHS; i++) {
      const spend = budget.total.budget[i];
      const sales = budget.salesTarget[i];
      if (over(spend, sales)) {
        add('error', 'expenseRatioMonth', { month: i + 1, ratio: ratioText(spend, sales), cap: formatPercent(cap, language), budget: money(spend) }, { area: 'expenses', tab: 'budget', ref: i + 1 });
      }
    }
    const spend = budget.total.budget.reduce((s, v) => s + v, 0);
    const sales = budget.salesTarget.reduce((s, v) => s + v, 0);
    if (over(spend, sales)) add('error', 'expenseRatioYear', { ratio: ratioText(spend, sales), cap: formatPercent(cap, language), budget: money(spend) }, { area: 'expenses', tab: 'budget' });
  }
  const split = new Set(splitBudgetRows(db, versionId).map((r) => r.item_id));
  const kindOf = new Map(itemRows(db).map((r) => [r.id, r.kind]));
  for (const row of budget.rows) {
    if (!row.leaf || !SPLIT_KINDS.has(kindOf.get(row.itemId) ?? '') || split.has(row.itemId)) continue;
    const year = row.entered.reduce((s, v) => s + v, 0);
    if (year <= 0) continue;
    const seeded = seededItemKey(row.code, row.name);
    const name = seeded === null ? row.name : t(`expenses.seedItem.${seeded}`);
    add('warning', 'expenseNotSplit', { code: row.code, name, amount: money(year) }, { area: 'expenses', tab: 'split', ref: row.itemId });
  }

  // The chapters: the written plan's sections, blank areas, the terminal plan's targets.
  const written = writtenPlan(db, { versionId }, cache);
  for (const section of written.sections) {
    if (!(PLAN_SECTIONS as readonly string[]).includes(section.key) || !isEmptyDoc(section.doc)) continue;
    add('warning', 'writtenEmpty', { section: t(`planWritten.section.${section.key}`) }, { area: 'plan', tab: 'written', ref: section.key });
  }
  const channel = channelPlan(db, { versionId });
  for (const row of channel.fills) {
    if (!row.blankNow || row.planId !== null) continue;
    const city = geoDisplayName(row.cityName, 'city', language);
    const area = row.countyName === null ? city : `${city} ${row.countyName}`;
    add('warning', 'blankAreaUnplanned', { area, province: geoDisplayName(row.provinceName, 'province', language) }, { area: 'plan', tab: 'channel', ref: row.key });
  }
  const terminal = terminalPlan(db, { versionId });
  const pct = (v: number) => formatPercent(v, language);
  for (const row of terminal.shareTargets) {
    for (const [measure, value] of [['distribution', row.distributionTarget], ['shelf', row.shelfTarget]] as const) {
      if (value === null || value <= 1) continue;
      add('error', 'terminalTargetOver', {
        slice: `${geoDisplayName(row.cityName, 'city', language)} · ${row.channelName} · ${row.categoryName}`, measure: t(`submitCheck.terminalMeasure.${measure}`), value: pct(value),
      }, { area: 'plan', tab: 'terminal', ref: row.id });
    }
  }
  for (const row of terminal.skuTargets) {
    if (row.target <= 1) continue;
    add('error', 'terminalTargetOver', { slice: `${row.skuCode} ${row.skuName}`, measure: t('submitCheck.terminalMeasure.distribution'), value: pct(row.target) }, { area: 'plan', tab: 'terminal', ref: `sku${row.skuId}` });
  }

  // Errors first, each kind in the order the rules run.
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
  const errors = ordered.filter((f) => f.severity === 'error').length;
  return { versionId, findings: ordered, errors, warnings: ordered.length - errors, tolerance, cap };
}
