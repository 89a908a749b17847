import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { REFUSAL_ISSUE_PREFIX, type DataFileRefusal } from '../../../shared/importTypes';

export type RefusalParams = Record<string, string | number>;

/**
 * A data file the import refuses: INVALID_INPUT with the file's path, an English
 * message for logs (what and where), and the reason plus its parameters as the
 * one issue, so the wizard says it in the user's language.
 */
export function refuse(path: string, reason: DataFileRefusal, english: string, params: RefusalParams = {}): AppError {
  const file = basename(path);
  return new AppError('INVALID_INPUT', `${file}: ${english}`, {
    path,
    issues: [{ path: `${REFUSAL_ISSUE_PREFIX}${reason}`, message: JSON.stringify({ file, ...params }) }],
  });
}
