import { z } from 'zod';
import { PACKAGE_FORMAT, type ControlTotals, type PackageManifest } from '../../../../shared/submit';
import { enteredBudgetByMonth, planByMonth } from '../../db/planCopy';
import type { ReadDb } from '../../db/handle';
import { promotionBudgetByMonth } from '../../services/promotions/rollup';

// The plan package's format (docs/plan-package.md), in one place for the writer and the
// receiver: the entries of the zip, the manifest's shape, and the control totals.

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'signature.ed25519';
export const PLAN_COPY = 'plan.sqlite';

/** The oldest schema of the SQLite copy this build reads (the newest is the build's own). */
export const OLDEST_READABLE_SCHEMA = 17;

const count = z.number().int().nonnegative();
const cents = z.number().int();
const month = z.number().int().min(0).max(12);

export const manifestSchema = z
  .object({
    format: z.number().int().positive(),
    packageId: z.uuid(),
    region: z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(100) }).strict(),
    planYear: z.number().int().min(2000).max(2100),
    revision: z.number().int().positive(),
    replaces: z.number().int().positive().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    app: z.object({ name: z.string().min(1).max(100), version: z.string().min(1).max(100) }).strict(),
    schemaVersion: z.number().int().positive(),
    snapshot: z.object({ name: z.string().min(1).max(200) }).strict(),
    rowCounts: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/), count),
    controlTotals: z
      .object({
        plan: z.array(z.object({ month, amountCents: cents, volume: cents, grossProfitCents: cents }).strict()).length(13),
        expenseBudget: z.array(z.object({ month, amountCents: cents }).strict()).length(13),
      })
      .strict(),
    files: z.record(z.string().min(1).max(200), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: count }).strict()),
    signer: z.object({ publicKey: z.string().min(1).max(200), fingerprint: z.string().min(1).max(100) }).strict(),
  })
  .strict();

/** The manifest's bytes as written and signed: UTF-8 JSON, two-space indented. */
export function manifestBytes(m: PackageManifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

export { PACKAGE_FORMAT };

/**
 * The control totals of a plan version: months 1–12 and, as month 0, the year. The plan
 * from the target rows (gross profit as planByMonth says); the expense budget is the
 * entered budget plus the promotions' budgets spread over their days in the plan year,
 * as the expense grid shows it.
 */
export function controlTotalsOf(db: ReadDb, versionId: number, planYear: number): ControlTotals {
  const plan = Array.from({ length: 13 }, (_, m) => ({ month: m, amountCents: 0, volume: 0, grossProfitCents: 0 }));
  for (const r of planByMonth(db.sqlite, versionId)) {
    for (const at of [plan[r.month], plan[0]]) {
      at.amountCents += r.amountCents;
      at.volume += r.volume;
      at.grossProfitCents += r.grossProfitCents;
    }
  }
  const expenseBudget = Array.from({ length: 13 }, (_, m) => ({ month: m, amountCents: 0 }));
  const budget = [...enteredBudgetByMonth(db.sqlite, versionId), ...promotionBudgetByMonth(db, versionId, planYear)];
  for (const r of budget) {
    expenseBudget[r.month].amountCents += r.amountCents;
    expenseBudget[0].amountCents += r.amountCents;
  }
  // Year first in the file reads oddly; months 1–12, then the year.
  return { plan: [...plan.slice(1), plan[0]], expenseBudget: [...expenseBudget.slice(1), expenseBudget[0]] };
}

/** The first difference between two sets of control totals, in words, or null when they are equal. */
export function totalsDifference(expected: ControlTotals, actual: ControlTotals): string | null {
  for (const key of ['plan', 'expenseBudget'] as const) {
    const a = expected[key] as Record<string, number>[];
    const b = actual[key] as Record<string, number>[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      for (const field of Object.keys(a[i] ?? b[i] ?? {})) {
        if (a[i]?.[field] !== b[i]?.[field]) {
          const m = a[i]?.month ?? b[i]?.month;
          return `${key} ${m === 0 ? 'year' : `month ${m}`} ${field}: ${a[i]?.[field]} ≠ ${b[i]?.[field]}`;
        }
      }
    }
  }
  return null;
}
