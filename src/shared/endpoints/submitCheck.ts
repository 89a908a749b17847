import { z } from 'zod';
import { command, query } from '../endpoint';
import type { CheckResult } from '../submit';
import { LANGUAGES } from '../units';

// 報送前檢查, the pre-submission check of a plan version, and head office's tolerance on
// the gap to its target (a region setting, one undo step to change).

export const submitCheckEndpoints = {
  /**
   * The findings of a plan version (default: the working plan), errors first, each worded
   * in `language` (default 繁體中文) and naming the place to fix it.
   */
  'submit.check': query<CheckResult>(['targets', 'expenses', 'promotions', 'chapters', 'master', 'actuals', 'analysis', 'region'])(
    z.object({ versionId: z.number().int().positive().optional(), language: z.enum(LANGUAGES).optional() }).strict(),
  ),
  /** Head office's tolerance on the gap to its target, a fraction (0.01 = 1%), 0–0.5. */
  'submit.setTolerance': command<null>(['region'])(
    z.object({ tolerance: z.number().finite().min(0, 'the tolerance must be at least 0').max(0.5, 'the tolerance must be at most 0.5 (50%)') }).strict(),
  ),
} as const;
