import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DECK_DOCS, type DeckDoc } from '../../shared/deck';
import { AppError } from '../../shared/errors';
import { LANGUAGES, type Language } from '../../shared/units';
import { inspectRegionFile } from '../core/db/inspect';
import { SCHEMA_VERSION } from '../core/db/migrations';
import { verifyReadOnly, withReadOnly } from '../core/db/regionFile';
import { readDb } from '../core/db/handle';
import { writeDeckPptx } from '../core/io/pptx/writer';
import { listVersionRows } from '../core/repos/planVersions';
import { regionPlanYear } from '../core/repos/region';
import { buildDeck } from '../core/services/deck';
import { TargetCache, buildRefs } from '../core/services/targets/model';
import { UsageError } from './errors';

// `regionplan report FILE --pptx OUT`: the review or the plan as a PowerPoint deck, built
// from the region file exactly as the app's 總結與導出 builds it (the manager's arrangement
// of the version included) and written by the same writer, without a window. The region
// file is only read.

export interface ReportArgs {
  file: string | undefined;
  pptx?: string;
  doc?: string;
  version?: string;
  lang?: string;
}

/** The version named NAME (the working plan also answers to "working"), or a clear refusal listing the names there are. */
function versionIdOf(path: string, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const rows = withReadOnly(path, (sqlite) => listVersionRows(readDb(sqlite)));
  const found = rows.find((r) => r.name === name) ?? (name === 'working' ? rows.find((r) => r.kind === 'working') : undefined);
  if (found) return found.id;
  const names = rows.map((r) => (r.kind === 'working' ? `${r.name || 'working'} (the working plan, or "working")` : `"${r.name}"`));
  throw new AppError('NOT_FOUND', `--version: the file has no plan version "${name}"; its versions: ${names.join(', ')}`);
}

/** Refuses an OUT that cannot be written before the deck is built, with the reason. */
function assertWritable(out: string): void {
  const dir = dirname(out);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new AppError('INVALID_INPUT', `${out}: cannot be written: the folder ${dir} does not exist`);
  }
  if (!isDir) throw new AppError('INVALID_INPUT', `${out}: cannot be written: ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new AppError('INVALID_INPUT', `${out}: cannot be written: no permission to write in ${dir}`);
  }
  try {
    if (statSync(out).isDirectory()) throw new AppError('INVALID_INPUT', `${out}: cannot be written: it is a folder`);
  } catch (e) {
    if (e instanceof AppError) throw e;
  }
}

export async function runReport(args: ReportArgs): Promise<number> {
  if (!args.file) throw new UsageError('report needs the region FILE');
  if (!args.pptx) throw new UsageError('--pptx OUT is required (the .pptx to write)');
  const doc = (args.doc ?? 'review') as DeckDoc;
  if (!(DECK_DOCS as readonly string[]).includes(doc)) throw new UsageError(`--doc must be ${DECK_DOCS.join(' or ')}, not ${args.doc}`);
  const language = (args.lang ?? 'zh-Hant') as Language;
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`--lang must be ${LANGUAGES.join(', ')}, not ${args.lang}`);
  const path = resolve(args.file);
  const out = resolve(args.pptx);

  // A region file of this version (the command line does not migrate), whose identity checks pass.
  const header = inspectRegionFile(path);
  if (header.userVersion !== SCHEMA_VERSION) {
    const why = header.userVersion > SCHEMA_VERSION ? 'made by a newer version of RegionPlan; update the app' : "older than this version's; open it in the app to migrate it first";
    throw new AppError('FILE_REFUSED', `${path}: schema ${header.userVersion} is ${why}`, { reason: header.userVersion > SCHEMA_VERSION ? 'newer_schema' : 'foreign', path });
  }
  verifyReadOnly(path, 'identity');
  assertWritable(out);
  const versionId = versionIdOf(path, args.version);

  const started = performance.now();
  const deck = withReadOnly(path, (sqlite) => {
    const db = readDb(sqlite);
    let cube: TargetCache | undefined;
    return buildDeck(db, () => (cube ??= new TargetCache(buildRefs(db, regionPlanYear(db)), 'cli')), { doc, versionId, language });
  });
  const written = await writeDeckPptx(deck, out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`${out}: ${deck.title} (version ${deck.versionName}), ${written.slides} slides, ${Math.round(written.bytes / 1024)} KB, in ${seconds} s\n`);
  return 0;
}
