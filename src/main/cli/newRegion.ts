import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { planYearSchema, regionNameSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { DISPLAY_UNITS, type DisplayUnit } from '../../shared/units';
import { SCHEMA_VERSION } from '../core/db/migrations';
import { createRegionFile } from '../core/db/regionFile';
import { UsageError } from './errors';

// `regionplan new FILE --region NAME --year YYYY`: an empty region file, made exactly as
// the app's 新建 makes it (createRegionFile: built under a temporary name and renamed
// into place, with the working plan and the default expense items), checked by the
// contract's own rules for the name and the year.

export interface NewArgs {
  file: string | undefined;
  region?: string;
  year?: string;
  unit?: string;
}

export async function runNew(args: NewArgs): Promise<number> {
  if (!args.file) throw new UsageError('new needs the FILE to create (NAME.rplan)');
  if (args.region === undefined) throw new UsageError('--region NAME is required');
  if (args.year === undefined) throw new UsageError('--year YYYY is required');
  const name = regionNameSchema.safeParse(args.region);
  if (!name.success) throw new UsageError(`--region: ${name.error.issues[0].message}`);
  const year = /^\d{4}$/.test(args.year.trim()) ? planYearSchema.safeParse(Number(args.year)) : null;
  if (!year?.success) throw new UsageError(`--year must be a year from 2000 to 2100, not ${args.year}`);
  const unit = (args.unit ?? 'wan') as DisplayUnit;
  if (!(DISPLAY_UNITS as readonly string[]).includes(unit)) throw new UsageError(`--unit must be ${DISPLAY_UNITS.join(', ')}, not ${args.unit}`);
  const path = resolve(args.file);
  // Said here in the command line's words; createRegionFile refuses it too.
  if (existsSync(path)) throw new AppError('FILE_EXISTS', `${path}: already exists; choose another FILE or remove it`, { path });
  const file = await createRegionFile(path, { regionName: name.data, planYear: year.data, displayUnit: unit });
  await file.close();
  process.stdout.write(`${path}: new region file "${name.data}", plan year ${year.data}, display unit ${unit}, schema ${SCHEMA_VERSION}\n`);
  return 0;
}
