import type { z } from 'zod';
import type { Area } from './areas';

// An endpoint of the contract is either a query or a command, and says so where it
// is declared, so that neither the handler nor the renderer has to know by habit:
// - a query reads the open region file (or the app's state) and can never write:
//   the core runs it on a read-only connection;
// - a command changes something. The core runs an 'edit' command in one transaction
//   with its undo step, bumps the file's change counter after the commit and reports
//   the areas it changed; an 'async' command (opening a file, an import on a worker)
//   awaits work that commits by itself, and the core reports its areas when it ends.

/** How the core runs a command: one synchronous transaction, or async work that commits by itself. */
export type CommandRun = 'edit' | 'async';

export interface QuerySpec<S extends z.ZodType, R> {
  kind: 'query';
  input: S;
  /** The areas whose change makes the answer stale. */
  reads: readonly Area[];
  /** Type-only: the value a successful call resolves to. */
  result: R;
}

export interface CommandSpec<S extends z.ZodType, R, M extends CommandRun = CommandRun> {
  kind: 'command';
  run: M;
  input: S;
  /** The areas the command may change; the core reports those it did change. */
  touches: readonly Area[];
  /** Type-only: the value a successful call resolves to. */
  result: R;
}

export type EndpointSpec<S extends z.ZodType, R> = QuerySpec<S, R> | CommandSpec<S, R>;

/**
 * Declares a query: `query<Result>(reads)(inputSchema)`. Input schemas are strict
 * objects, so a call with unknown keys is refused in main.
 */
export function query<R>(reads: readonly Area[]) {
  return <S extends z.ZodType>(input: S): QuerySpec<S, R> => ({ kind: 'query', input, reads, result: undefined as R });
}

/** Declares a command that runs as one transaction and undo step: `command<Result>(touches)(inputSchema)`. */
export function command<R>(touches: readonly Area[]) {
  return <S extends z.ZodType>(input: S): CommandSpec<S, R, 'edit'> => ({
    kind: 'command',
    run: 'edit',
    input,
    touches,
    result: undefined as R,
  });
}

/**
 * Declares a command whose work is asynchronous (a dialog, a file switch, a job on
 * a worker with its own transaction): `asyncCommand<Result>(touches)(inputSchema)`.
 */
export function asyncCommand<R>(touches: readonly Area[]) {
  return <S extends z.ZodType>(input: S): CommandSpec<S, R, 'async'> => ({
    kind: 'command',
    run: 'async',
    input,
    touches,
    result: undefined as R,
  });
}
