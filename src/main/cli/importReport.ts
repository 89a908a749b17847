import type { BatchPlan, TakenRows } from '../../shared/actuals';
import type { ImportCommitResult } from '../../shared/importTypes';
import { formatPeriod } from '../../shared/units';

// What the import command says about a commit, in the same numbers the wizard shows:
// the lines written and the file rows behind them, rows combined into a line, skipped,
// replaced (earlier rows of the same source), overwritten (rows of other sources) and
// members created; then the earlier rows taken, by source, batch and month.

const num = (n: number) => n.toLocaleString('en-US');

const sourceText = (source: string) => (source === '' ? 'the demo data' : `"${source}"`);

/** One line per batch and month of the rows a commit replaces or overwrites. */
export function takenLines(taken: readonly TakenRows[], would: boolean): string[] {
  return taken.map((t) => {
    const verb = t.action === 'replace' ? (would ? 'would replace' : 'replaced') : would ? 'would overwrite' : 'overwrote';
    return `  ${verb} ${num(t.rows)} row${t.rows === 1 ? '' : 's'} of ${sourceText(t.source)} (batch ${t.batchId}, ${t.fileName}) in ${formatPeriod(t.period)}`;
  });
}

/** The counts, as the wizard's done step gives them. */
export function countsText(c: { combined: number; skipped: number; replaced: number; overwritten: number; created: number }): string {
  return `combined ${num(c.combined)}, skipped ${num(c.skipped)}, replaced ${num(c.replaced)}, overwritten ${num(c.overwritten)}, created ${num(c.created)}`;
}

export function resultCounts(r: ImportCommitResult): string {
  return countsText({ combined: r.combined ?? 0, skipped: r.skipped ?? 0, replaced: r.replaced ?? 0, overwritten: r.overwritten ?? 0, created: r.created ?? 0 });
}

export function planCounts(b: BatchPlan): string {
  return countsText({ combined: b.combined, skipped: b.skipped, replaced: b.replaces, overwritten: b.overwrites, created: b.creates });
}

/** Why an import that would overwrite other sources' rows was not made, with what it would take. */
export function otherSourcesRefusal(file: string, plan: BatchPlan): string {
  const lines = [
    `${file}: the import would overwrite ${num(plan.overwrites)} row${plan.overwrites === 1 ? '' : 's'} of other sources (${plan.otherSources.map(sourceText).join(', ')}); nothing was imported`,
    ...takenLines(plan.taken.filter((t) => t.action === 'overwrite'), true),
    `  pass --replace-other-sources to overwrite them`,
  ];
  return `${lines.join('\n')}\n`;
}
