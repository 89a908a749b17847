import type { ActualsReadOptions, Resolution } from '../../../../shared/actuals';
import type { ColumnMapping, TextEncoding } from '../../../../shared/importTypes';

/** An actuals import as a job receives it: the wizard's request, with its defaults filled in. */
export interface ActualsJobRequest {
  /** The data file (already granted). */
  path: string;
  encoding?: TextEncoding;
  sheet?: string;
  headerRow?: number;
  /** "actuals:<kind>". */
  target: string;
  mapping: ColumnMapping;
  options: ActualsReadOptions;
  /** Same source + same months replaces the earlier import's rows. */
  source: string;
  resolutions: Resolution[];
}
