import { basename } from 'node:path';
import { refusal, type AppError, type RuleParams } from '../../../shared/errors';
import { dataFileRule, type DataFileRefusal } from '../../../shared/importTypes';

/**
 * A data file the import refuses as a whole: INVALID_INPUT by the rule
 * importWizard.refuse.<reason>, with the file's name among the rule's params (the
 * wizard says it in the user's language), the file's path, and an English message for
 * logs and the command line (what and where).
 */
export function fileRefusal(path: string, reason: DataFileRefusal, english: string, params: RuleParams = {}): AppError {
  const file = basename(path);
  return refusal('INVALID_INPUT', dataFileRule(reason), `${file}: ${english}`, { params: { file, ...params }, file: path });
}
