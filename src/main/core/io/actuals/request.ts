import type { ActualsReadOptions, BulkRequest, Resolution } from '../../../../shared/actuals';
import type { ImportRequest } from '../importRows';

/** An actuals import as a job receives it: the wizard's request (destination "actuals:<kind>"), with its defaults filled in. */
export interface ActualsJobRequest extends ImportRequest {
  options: ActualsReadOptions;
  /** Same source + same months replaces the earlier import's rows. */
  source: string;
  resolutions: Resolution[];
  /** The commit may overwrite rows of other sources (else it refuses when it would). */
  replaceOtherSources?: boolean;
  bulk?: BulkRequest;
}
