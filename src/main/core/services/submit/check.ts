import type { CheckResult } from '../../../../shared/submit';
import { AppError } from '../../../../shared/errors';
import type { Language } from '../../../../shared/units';
import type { ReadDb } from '../../db/handle';
import type { TargetCache } from '../targets/model';

/** The pre-submission check of a plan version (default: the working plan). */
export function submissionCheck(_db: ReadDb, _cube: () => TargetCache, _input: { versionId?: number; language: Language }): CheckResult {
  throw new AppError('NOT_SUPPORTED', 'the pre-submission check is being built');
}
