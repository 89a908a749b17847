import type { Area } from '../../../shared/areas';
import { AppError } from '../../../shared/errors';
import { markDeferred } from './deferredRows';
import { writeDb, type WriteDb } from './handle';
import type { RegionFile } from './regionFile';
import { UndoStep, type DeferredRows } from './undoLog';
import { markCopy, type PendingCopy } from './versionCopy';
import { upkeepWhenQuiet } from './upkeep';

// How every change reaches a region file: one immediate transaction holding the
// change and its undo step, then the file's change counter bumped with the areas it
// changed. The handler registry runs each 'edit' command through here; tests and
// tools that change a file without the registry do the same. With `deferRows`, bulk
// records an edit marks `later` are written just after the commit (deferredRows.ts).

export interface CommandCtx {
  /** The write handle, valid during the command's transaction only. */
  readonly db: WriteDb;
  readonly file: RegionFile;
  /** Adds areas the command changed beyond those it declares (undo and redo know theirs only when run). */
  touch(...areas: Area[]): void;
  /** Runs `fn` after the commit and the counter's bump: caches that followed the change in place re-stamp themselves. */
  afterCommit(fn: () => void): void;
  /** Runs `fn` when the command fails and its transaction is rolled back: a cache it changed in place drops itself. */
  afterRollback(fn: () => void): void;
  /**
   * Leaves a new version's copy of its source's cells for after the commit
   * (db/versionCopy.ts): null unless the caller settles the file before anything reads
   * them (`deferRows`), and then the caller copies them within the transaction itself.
   */
  readonly deferCopy: ((copy: PendingCopy) => void) | null;
}

export interface EditOutcome<T> {
  value: T;
  /** The areas changed; empty when the command wrote nothing. */
  changed: Area[];
}

export interface EditOptions {
  /**
   * Refuse (INTERNAL, rolled back) an undo step that changes an area the command
   * does not declare; off, such areas are reported as changed anyway. Tests run strict.
   */
  strict?: boolean;
  /** Names the command in the refusal. */
  name?: string;
  /**
   * Rows of bulk records marked `later` are written after the commit, from memory, in a
   * transaction of their own (RegionFile.settle), rather than inside this one. Only for
   * a caller that settles the file before anything reads those rows: the registry.
   */
  deferRows?: boolean;
}

/** Runs `fn` as one committed change of `file`, with its undo step. */
export function runEdit<T>(file: RegionFile, touches: readonly Area[], fn: (ctx: CommandCtx) => T, options: EditOptions = {}): EditOutcome<T> {
  // No write reaches a file that has not passed its full integrity check.
  file.assertWritable();
  // Rows an earlier edit left for after its commit land before this one reads or writes.
  file.settle();
  const sqlite = file.sqlite;
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck();
  const before = totalChanges.get() as number;
  const step = new UndoStep(options.deferRows ?? false);
  const db = writeDb(sqlite, step);
  const changed = new Set<Area>(touches);
  const hooks: (() => void)[] = [];
  const rollbackHooks: (() => void)[] = [];
  let deferred: DeferredRows | null = null;
  let copy: PendingCopy | null = null;
  const ctx: CommandCtx = {
    db,
    file,
    touch: (...areas) => areas.forEach((a) => changed.add(a)),
    afterCommit: (hook) => hooks.push(hook),
    afterRollback: (hook) => rollbackHooks.push(hook),
    deferCopy: options.deferRows
      ? (c) => {
          if (copy) throw new AppError('INTERNAL', `${options.name ?? 'a command'} left two copies for after its commit`);
          copy = c;
        }
      : null,
  };
  const transaction = sqlite.transaction(() => {
      const v = fn(ctx);
      if (v instanceof Promise) throw new AppError('INTERNAL', `${options.name ?? 'a command'}: an edit command must not be async`);
      for (const a of step.areas()) {
        if (changed.has(a)) continue;
        if (options.strict) {
          throw new AppError('INTERNAL', `${options.name ?? 'a command'} changed the area "${a}", which it does not declare`);
        }
        changed.add(a);
      }
      step.save(sqlite);
      deferred = step.deferred();
      if (deferred) markDeferred(sqlite, deferred);
      if (copy) markCopy(sqlite, copy);
      return v;
    });
  let value: T;
  try {
    value = transaction.immediate();
  } catch (e) {
    for (const hook of rollbackHooks) hook();
    throw e;
  }
  const wrote = (totalChanges.get() as number) !== before;
  if (wrote) {
    changed.add('edit');
    file.changes.bump(changed);
  }
  // Written once the calls are quiet (upkeep), unless a call that reads them comes first.
  if (deferred) file.deferRows(deferred);
  if (copy) file.deferCopy(copy);
  if (wrote) upkeepWhenQuiet(file, step.bulky);
  for (const hook of hooks) hook();
  return { value, changed: wrote ? [...changed] : [] };
}
