import { AppError } from '../../shared/errors';
import { dataFileRefusalOf } from '../../shared/importTypes';

// How the CLI's commands fail, and the exit code each gets (main in index.ts).

/** Bad command-line input: the message, then the usage text; exit 1. */
export class UsageError extends Error {}

/** The command found problems in its input and has printed them already; exit 1. */
export class AlreadyReported extends Error {}

/** A data file refused as a whole (empty, only headers, not a CSV...); exit 2 like a refused region file. */
export function isRefusal(e: unknown): boolean {
  return e instanceof AppError && dataFileRefusalOf(e.details) !== null;
}
