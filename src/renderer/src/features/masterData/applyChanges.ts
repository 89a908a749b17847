import type { TFunction } from 'i18next';
import type { AppErrorData } from '../../../../shared/errors';
import type { CellValue, EntityName } from '../../../../shared/masterData';
import { api, toErrorData } from '../../api/client';
import type { AppController } from '../../app/AppContext';
import { errorText } from '../../i18n';
import { GridApplyError, type ApplyLabel, type GridChanges, type GridIssue } from '../../grid';
import { tKey } from './columns';

// The grid's batch → one 'master.apply' call (one undo step) through the app's edit
// queue. A refusal comes back as data, not through the app's error dialog, so that
// the grid can list the refused cells by row and column.

type ApplyRow = { id?: number } & Record<string, CellValue>;

interface WireIssue {
  path: string;
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

export function issueMessage(t: TFunction, issue: WireIssue): string {
  return issue.key ? tKey(t, issue.key, issue.params ?? {}) : issue.message;
}

/** Maps the core's issues (path "rows.<index>.<field>") back to the grid's rows. */
export function toGridIssues(t: TFunction, error: AppErrorData, changes: GridChanges, rowIds?: (number | string)[]): GridIssue[] {
  const issues = (error.issues ?? []) as WireIssue[];
  if (issues.length === 0) return [{ message: errorText(error) }];
  const n = changes.updates.length;
  return issues.map((issue) => {
    const m = /^rows\.(\d+)(?:\.(\w+))?/.exec(issue.path);
    const message = issueMessage(t, issue);
    if (!m) return { message };
    const index = Number(m[1]);
    const field = m[2];
    if (index < n) return { rowId: rowIds ? rowIds[index] : changes.updates[index].id, field, message };
    return { appendIndex: index - n, field, message };
  });
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Runs a call as one edit of the open file; errors come back as data. Null: the app reported it. */
export async function commitCall<T>(app: AppController, call: () => Promise<T>): Promise<Outcome<T> | null> {
  return app.commit(async (): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await call() };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  });
}

export async function applyToEntity(
  app: AppController,
  t: TFunction,
  entity: EntityName,
  changes: GridChanges,
  label: ApplyLabel,
  afterLoad: () => Promise<void>,
): Promise<number[]> {
  const rows: ApplyRow[] = [
    ...changes.updates.map((u) => ({ ...(u.values as Record<string, CellValue>), id: Number(u.id) })),
    ...changes.appends.map((a) => ({ ...(a as Record<string, CellValue>) })),
  ];
  // Updates show in the grid at once; new rows need their ids, so wait for the re-read.
  const loaded = changes.appends.length > 0 ? afterLoad() : Promise.resolve();
  const outcome = await commitCall(app, () => api.call('master.apply', { entity, rows, label }));
  if (outcome === null) throw new GridApplyError([]); // the app's error dialog says why
  if (!outcome.ok) throw new GridApplyError(toGridIssues(t, outcome.error, changes));
  await loaded;
  return outcome.value.ids;
}
