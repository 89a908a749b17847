import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../shared/errors';
import { runEdit } from '../core/db/command';
import { inspectRegionFile } from '../core/db/inspect';
import { SCHEMA_VERSION } from '../core/db/migrations';
import { openRegionFile, type RegionFile } from '../core/db/regionFile';
import { SUBMIT_WRITERS } from '../core/io/submitWriters';
import { listVersionRows } from '../core/repos/planVersions';
import { submit } from '../core/services/submit/submit';
import { AlreadyReported, UsageError } from './errors';

// `regionplan submit FILE --out DIR`: what the app's 報送總部 does, without a window: the
// pre-submission check (exit 1 with its errors), the frozen snapshot, the plan package
// and the plan workbook in DIR, and the submission logged in the region file.

export interface SubmitArgs {
  file: string | undefined;
  out?: string;
  version?: string;
  stateDir?: string;
}

/** Where the installation's key is kept when --state-dir is not given: the web host's default state folder. */
export const DEFAULT_STATE_DIR = join(homedir(), '.regionplan-web');

/** A region file of this build's schema, opened to be written once its full integrity check has passed. */
export async function openForWriting(path: string): Promise<RegionFile> {
  const header = inspectRegionFile(path);
  if (header.userVersion !== SCHEMA_VERSION) {
    const newer = header.userVersion > SCHEMA_VERSION;
    throw new AppError('FILE_REFUSED', `${path}: schema ${header.userVersion} is ${newer ? 'made by a newer version of RegionPlan; update the app' : "older than this version's; open it in the app to migrate it first"}`, {
      reason: newer ? 'newer_schema' : 'foreign',
      path,
    });
  }
  // The command line waits for the full integrity check before it writes, whatever the size.
  return openRegionFile(path, { fullCheckUpToBytes: Number.POSITIVE_INFINITY });
}

export async function runSubmit(args: SubmitArgs): Promise<number> {
  if (!args.file) throw new UsageError('submit needs the region FILE');
  if (!args.out) throw new UsageError('--out DIR is required (the folder for the package and the workbook)');
  const path = resolve(args.file);
  const out = resolve(args.out);
  if (!existsSync(out) || !statSync(out).isDirectory()) throw new AppError('INVALID_INPUT', `--out: ${out} is not a folder`);
  const file = await openForWriting(path);
  try {
    let versionId: number | undefined;
    if (args.version !== undefined) {
      const rows = listVersionRows(file.read);
      const found = rows.find((r) => r.name === args.version) ?? (args.version === 'working' ? rows.find((r) => r.kind === 'working') : undefined);
      if (!found) throw new AppError('NOT_FOUND', `--version: the file has no plan version "${args.version}"; its versions: ${rows.map((r) => `"${r.name}"`).join(', ')}`);
      versionId = found.id;
    }
    const stateDir = resolve(args.stateDir ?? DEFAULT_STATE_DIR);
    mkdirSync(stateDir, { recursive: true });
    const appVersion = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    let result;
    try {
      result = await submit(
        file,
        (fn) => runEdit(file, ['targets', 'chapters', 'expenses', 'promotions', 'team', 'submissions'], fn).value,
        { ...(versionId !== undefined ? { versionId } : {}), language: 'zh-Hant', choosePath: async (name) => join(out, name), stateDir, appVersion },
        SUBMIT_WRITERS,
      );
    } catch (e) {
      if (e instanceof AppError && e.details.rule === 'submit.error.checkFailed') {
        const issues = e.details.issues ?? [];
        process.stderr.write(`${path}: the pre-submission check lists ${issues.length} error(s); nothing was submitted\n${issues.map((i) => `  - [${i.path}] ${i.message}`).join('\n')}\n`);
        throw new AlreadyReported();
      }
      throw e;
    }
    if (!result) throw new AppError('INTERNAL', 'no place to write the package');
    const s = result.submission;
    process.stdout.write(
      [
        `submitted revision ${s.revision}${s.replaces !== null ? ` (replaces ${s.replaces})` : ''}: snapshot "${s.snapshotName}"`,
        `  package:  ${result.packagePath} (${s.bytes} bytes, sha256 ${s.sha256})`,
        `  workbook: ${result.workbookPath}`,
        `  signed by the key ${s.signerFingerprint}`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    await file.close();
  }
}
