import { existsSync, rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { SubmissionInfo, SubmitResult } from '../../../../shared/endpoints/submit';
import { AppError, refusal } from '../../../../shared/errors';
import { safeFileName } from '../../../../shared/fileNames';
import { PACKAGE_EXTENSION } from '../../../../shared/submit';
import type { DisplayUnit, Language } from '../../../../shared/units';
import type { CommandCtx } from '../../db/command';
import type { ReadDb } from '../../db/handle';
import type { RegionFile } from '../../db/regionFile';
import type { SubmissionRow } from '../../db/schema';
import { findVersion, versionNameTaken, workingVersionId } from '../../repos/planVersions';
import { findRegionMeta, regionPlanYear } from '../../repos/region';
import { findSubmission, insertSubmission, lastSubmission, listSubmissions } from '../../repos/submissions';
import { readDisplayUnit } from '../region';
import { targetCache, type TargetCache } from '../targets/model';
import { createVersion } from '../targets/versions';
import { type submissionCheck } from './check';
import { changesBetween, changesSheet, type ChangesSheet } from './changes';

// Submitting the plan to head office: the check, a frozen snapshot, the plan package
// and the plan workbook written side by side, and a row of the submission log.
//
// All or nothing, as far as the outside world sees: the log row is written last, after
// both files are on disk, and when anything before it fails, the files written so far
// are removed and no row is written, so the revision is not taken. The snapshot is the
// exception: it must be committed before the package can copy it, and a snapshot is
// frozen for ever (the file's triggers refuse removing its cells), so a failed
// submission leaves it behind, named as taken, and a retry takes a snapshot of its own
// (the same name with " (2)"). It is a record of the plan at that moment, nothing more:
// only the log says what was sent.

/** The installation's signing key, as the package writer takes it (io/planPackage's Signer). */
export interface SubmitSigner {
  privateKeyPem: string;
  publicKey: string;
  fingerprint: string;
}

/**
 * The writers a submission uses: the plan package and the plan workbook (io/, bound by
 * io/submitWriters.ts for the handlers and the command line), the check, the key. Tests
 * pass their own to see a failure half-way.
 */
export interface SubmitWriters {
  check: typeof submissionCheck;
  writePackage(input: {
    file: RegionFile;
    versionId: number;
    revision: number;
    replaces: number | null;
    outPath: string;
    signer: SubmitSigner;
    appVersion: string;
    createdAt: string;
  }): Promise<{ path: string; bytes: number; sha256: string; manifest: { packageId: string } }>;
  writeWorkbook(
    db: ReadDb,
    cube: () => TargetCache,
    input: { versionId: number; unit: DisplayUnit; language: Language; revision: number; fingerprint: string; changes: ChangesSheet | null; outPath: string },
  ): Promise<{ path: string }>;
  signer(stateDir: string): SubmitSigner;
}

/** Runs a change of the open file as one transaction (the registry's ctx.edit, or runEdit outside it). */
export type RunEdit = <T>(fn: (ctx: CommandCtx) => T) => T;

export interface SubmitOptions {
  /** The version to submit (default: the working plan). */
  versionId?: number;
  language: Language;
  /** Asks where the package goes, given its suggested file name; null: the user cancelled. The workbook goes beside it. */
  choosePath(suggestedFileName: string): Promise<string | null>;
  /** The app's state folder, where the installation's key is kept. */
  stateDir: string;
  appVersion: string;
  now?: Date;
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The snapshot's name: 報總部 第N版 yyyy-mm-dd, kept in the file as sent, whatever the language. */
export function snapshotName(revision: number, date: Date): string {
  return `報總部 第${revision}版 ${localDate(date)}`;
}

/** The package's file name: region, year and revision. */
export function packageFileName(regionName: string, planYear: number, revision: number): string {
  return `${safeFileName(regionName, 'region')} ${planYear} 第${revision}版${PACKAGE_EXTENSION}`;
}

/** The workbook's path beside the package's. */
export function workbookPathOf(packagePath: string): string {
  const ext = extname(packagePath);
  return `${ext ? packagePath.slice(0, -ext.length) : packagePath}.xlsx`;
}

function uniqueVersionName(db: ReadDb, base: string): string {
  let name = base;
  for (let i = 2; versionNameTaken(db, name); i++) name = `${base} (${i})`;
  return name;
}

export function submissionInfo(db: ReadDb, row: SubmissionRow): SubmissionInfo {
  return {
    revision: row.revision,
    replaces: row.replaces,
    versionId: row.version_id,
    snapshotName: findVersion(db, row.version_id)?.name ?? '',
    createdAt: row.created_at,
    packageId: row.package_id,
    fileName: row.file_name,
    workbookName: row.workbook_name,
    bytes: row.bytes,
    sha256: row.sha256,
    signerFingerprint: row.signer_fingerprint,
    answer:
      row.answer_state === null || row.answered_at === null
        ? null
        : { state: row.answer_state, comment: row.answer_comment, at: row.answered_at, by: row.answered_by },
  };
}

/** The submission log of the file's plan year, newest first. */
export function submissionHistory(db: ReadDb): SubmissionInfo[] {
  return listSubmissions(db, regionPlanYear(db))
    .map((r) => submissionInfo(db, r))
    .reverse();
}

/**
 * Submits a plan version: refused (CONFLICT, the check's errors as issues) when the
 * check lists errors; null when the user cancels the choice of the path.
 */
export async function submit(file: RegionFile, edit: RunEdit, options: SubmitOptions, writers: SubmitWriters): Promise<SubmitResult | null> {
  const db = file.read;
  const cube = () => targetCache(file, file.read);
  const fromId = options.versionId ?? workingVersionId(db);
  const check = writers.check(db, cube, { versionId: fromId, language: options.language });
  if (check.errors > 0) {
    const errors = check.findings.filter((f) => f.severity === 'error');
    throw new AppError('CONFLICT', `the pre-submission check lists ${check.errors} error(s): ${errors.map((f) => f.message).join('; ')}`, {
      rule: 'submit.error.checkFailed',
      params: { errors: check.errors },
      issues: errors.map((f) => ({ path: `${f.place.area}${f.place.tab ? `.${f.place.tab}` : ''}`, message: f.message })),
    });
  }
  const meta = findRegionMeta(db);
  const year = meta.plan_year;
  const last = lastSubmission(db, year);
  const revision = (last?.revision ?? 0) + 1;
  // Every submission after the first supersedes the one before it, answered or not:
  // head office keeps one plan per region.
  const replaces = last?.revision ?? null;

  const packagePath = await options.choosePath(packageFileName(meta.region_name, year, revision));
  if (packagePath === null) return null;
  const workbookPath = workbookPathOf(packagePath);
  for (const path of [packagePath, workbookPath]) {
    if (existsSync(path)) throw refusal('FILE_EXISTS', 'submit.error.fileExists', `${path} already exists`, { file: path, params: { path } });
  }
  // The key first: an installation that cannot sign takes no snapshot.
  const signer = writers.signer(options.stateDir);
  const now = options.now ?? new Date();
  const createdAt = now.toISOString();

  const versionId = edit((ctx) =>
    createVersion(ctx.db, { kind: 'snapshot', fromId, name: uniqueVersionName(ctx.db, snapshotName(revision, now)), note: `${basename(packagePath)}` }).id,
  );

  try {
    const written = await writers.writePackage({
      file,
      versionId,
      revision,
      replaces,
      outPath: packagePath,
      signer,
      appVersion: options.appVersion,
      createdAt,
    });
    const changes = last ? changesSheet(changesBetween(db, cube, last, { revision, versionId }, 'province'), options.language) : null;
    await writers.writeWorkbook(db, cube, {
      versionId,
      unit: readDisplayUnit(db),
      language: options.language,
      revision,
      fingerprint: signer.fingerprint,
      changes,
      outPath: workbookPath,
    });
    edit((ctx) =>
      insertSubmission(ctx.db, {
        plan_year: year,
        revision,
        version_id: versionId,
        created_at: createdAt,
        package_id: written.manifest.packageId,
        file_name: basename(written.path),
        workbook_name: basename(workbookPath),
        bytes: written.bytes,
        sha256: written.sha256,
        signer_fingerprint: signer.fingerprint,
        replaces,
      }),
    );
    const row = findSubmission(file.read, year, revision);
    if (!row) throw new AppError('INTERNAL', `submission ${revision} was not logged`);
    return { submission: submissionInfo(file.read, row), packagePath: written.path, workbookPath };
  } catch (e) {
    // Neither file outlives a submission that was not logged (both paths were free before).
    rmSync(packagePath, { force: true });
    rmSync(workbookPath, { force: true });
    throw e;
  }
}
