// The region file's data, in areas a view can depend on. A command reports which
// areas it changed; a query names the areas it reads; the renderer reloads a query
// only when a command changed something it reads. The core maps each table to its
// area (src/main/core/db/areas.ts), so a command cannot change an area it does not
// report.

export const AREAS = [
  /** The app's own state: language, the recent list, the host's folder of files. */
  'app',
  /** The region's profile: name, manager, notes, the display unit. */
  'region',
  /** Geography, channels, products, competitors, the team's people, customers, stores. */
  'master',
  /** Plan versions, head office's target, the target cells, locks and seasonality. */
  'targets',
  /** Expense items, the budget and its splits, head office's cap, actual expenses. */
  'expenses',
  /** The promotion and advertising calendar and its budgets. */
  'promotions',
  /** Headcount, training and the action list. */
  'team',
  /** The plan's written chapters and variance notes. */
  'chapters',
  /** Sales actuals and their monthly summaries, market data, audits, visits, statements, import batches. */
  'actuals',
  /** The analysis views' own settings (the blank areas' coverage target). */
  'analysis',
  /** The log of plan packages sent to head office, and head office's answers. */
  'submissions',
  /** Saved import column mappings. */
  'mappings',
  /** Head office's workspace: the cycle, receipts, regions' states and the consolidated plan. */
  'hq',
  /** The undo log and the time of the last committed change. */
  'edit',
] as const;
export type Area = (typeof AREAS)[number];

/** Everything: opening, creating or closing a file changes what every view shows. */
export const ALL_AREAS: readonly Area[] = AREAS;

/** Whether a query that reads `reads` must be asked again after a change of `changed`. */
export function overlaps(reads: readonly Area[], changed: readonly Area[]): boolean {
  return reads.some((a) => changed.includes(a));
}
