import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../../../shared/errors';
import type { CellValue, EntityName } from '../../../../shared/masterData';
import { runCommand } from '../../api/commands';
import { errorText } from '../../i18n';
import { GridApplyError, type ApplyLabel, type GridChanges, type GridIssue } from '../../grid';
import { tKey } from './columns';

// The grid's batch → one 'master.apply' command (one undo step). A refusal comes back
// as data, not through the app's error dialog, so that the grid can list the refused
// cells by row and column.

type ApplyRow = { id?: number } & Record<string, CellValue>;

interface WireIssue {
  path: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/** A row's issue names its sentence (key); a refusal by a domain rule names it once for the whole call (rule). */
export function issueMessage(t: TFunction, issue: WireIssue, error: AppErrorData): string {
  if (issue.key) return tKey(t, issue.key, issue.params ?? {});
  return error.rule ? errorText(error) : issue.message;
}

/** Maps the core's issues (path "rows.<index>.<field>") back to the grid's rows. */
export function toGridIssues(t: TFunction, error: AppErrorData, changes: GridChanges, rowIds?: (number | string)[]): GridIssue[] {
  const issues = (error.issues ?? []) as WireIssue[];
  if (issues.length === 0) return [{ message: errorText(error) }];
  const n = changes.updates.length;
  return issues.map((issue) => {
    const m = /^rows\.(\d+)(?:\.(\w+))?/.exec(issue.path);
    const message = issueMessage(t, issue, error);
    if (!m) return { message };
    const index = Number(m[1]);
    const field = m[2];
    if (index < n) return { rowId: rowIds ? rowIds[index] : changes.updates[index].id, field, message };
    return { appendIndex: index - n, field, message };
  });
}

/**
 * Applies the grid's batch; resolves the ids of the rows (the appended ones new).
 * `nextLoad` resolves once the rows the command changed are in the grid.
 */
export async function applyToEntity(
  t: TFunction,
  entity: EntityName,
  changes: GridChanges,
  label: ApplyLabel,
  nextLoad: () => Promise<void>,
): Promise<number[]> {
  const rows: ApplyRow[] = [
    ...changes.updates.map((u) => ({ ...(u.values as Record<string, CellValue>), id: Number(u.id) })),
    ...changes.appends.map((a) => ({ ...(a as Record<string, CellValue>) })),
  ];
  const outcome = await runCommand('master.apply', { entity, rows, label });
  if (!outcome.ok) throw new GridApplyError(toGridIssues(t, outcome.error, changes));
  // Updates show in the grid at once; new rows need their ids, so wait for the re-read.
  if (changes.appends.length > 0) await nextLoad();
  return outcome.value.ids;
}
