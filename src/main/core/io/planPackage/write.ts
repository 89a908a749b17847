import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { PackageManifest } from '../../../../shared/submit';
import { copyHeader, copyIdentity, copyRowCounts, openUntrustedCopy, writePlanCopy } from '../../db/planCopy';
import { APPLICATION_ID } from '../../db/constants';
import { readDb } from '../../db/handle';
import { SCHEMA_VERSION } from '../../db/migrations';
import { APP_NAME, type RegionFile } from '../../db/regionFile';
import { writeAtomically } from '../atomicWrite';
import { MANIFEST, PACKAGE_FORMAT, PLAN_COPY, SIGNATURE, controlTotalsOf, manifestBytes, totalsDifference } from './format';
import { signBytes, type Signer } from './signer';
import { packEntry, zipPacked } from './zipWrite';
import { phaseTracer } from '../../trace';

export interface WritePackageInput {
  /** The open region file (its copy is made in db/, where connections live). */
  file: RegionFile;
  /** The frozen snapshot the package carries. */
  versionId: number;
  revision: number;
  replaces: number | null;
  outPath: string;
  signer: Signer;
  appVersion: string;
  /** ISO time of the submission. */
  createdAt: string;
}

export interface WrittenPackage {
  path: string;
  bytes: number;
  manifest: PackageManifest;
  /** sha256 of the whole package file, hex. */
  sha256: string;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * Writes the plan package (.rplanpkg) atomically and checks it before answering: the
 * SQLite copy passes integrity_check, and its control totals, recomputed from the copy,
 * equal the region file's. Nothing is left at `outPath` when it fails.
 */
export async function writePlanPackage(input: WritePackageInput): Promise<WrittenPackage> {
  const source = input.file.sqlite;
  // The copy is read on a connection of its own, which sees only what is committed: the snapshot is committed first, then packaged.
  if (source.inTransaction) throw new AppError('INTERNAL', 'the plan package is written outside a transaction, once its snapshot is committed');
  // A snapshot's cells may still be copied just after its commit (db/versionCopy.ts): the
  // registry copies them before any call, but a caller with the file in hand may come first.
  input.file.settle();
  const identity = copyIdentity(source);
  const version = identity.versions.find((v) => v.id === input.versionId);
  if (!version) throw new AppError('NOT_FOUND', `plan version ${input.versionId} does not exist`);
  if (version.frozen !== 1) throw new AppError('INVALID_INPUT', `plan version "${version.name}" is not a snapshot: only a frozen snapshot is packaged`);
  const trace = phaseTracer('package');
  const expected = controlTotalsOf(readDb(source), input.versionId, identity.planYear);
  trace('control totals of the region file');

  const dir = mkdtempSync(join(tmpdir(), 'rplan-package-'));
  try {
    const copyPath = join(dir, PLAN_COPY);
    writePlanCopy(source.name, copyPath, {
      versionId: input.versionId,
      // The review years: the year before the plan year, and the one before that it is compared with.
      fromPeriod: (identity.planYear - 2) * 100 + 1,
      toPeriod: (identity.planYear - 1) * 100 + 12,
    });
    trace('copy');
    const copyBytes = readFileSync(copyPath);
    // The copy is deflated on the thread pool while this thread checks it; a copy that
    // fails its checks is never packed, and its deflate is dropped.
    const packing = packEntry({ name: PLAN_COPY, data: copyBytes });
    packing.catch(() => undefined);
    const copy = openUntrustedCopy(copyPath);
    let rowCounts: Record<string, number>;
    try {
      const header = copyHeader(copy);
      trace('integrity_check');
      if (header.problems.length > 0) throw new AppError('INTERNAL', `the plan copy failed its integrity check: ${header.problems.slice(0, 3).join('; ')}`);
      if (header.applicationId !== APPLICATION_ID || header.userVersion !== SCHEMA_VERSION) throw new AppError('INTERNAL', 'the plan copy lost its identity');
      const diff = totalsDifference(expected, controlTotalsOf(readDb(copy), input.versionId, identity.planYear));
      if (diff !== null) throw new AppError('INTERNAL', `the plan copy's control totals differ from the region file's (${diff})`);
      rowCounts = copyRowCounts(copy);
      trace('control totals and rows of the copy');
    } finally {
      copy.close();
    }
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      packageId: randomUUID(),
      region: { id: identity.regionId, name: identity.regionName },
      planYear: identity.planYear,
      revision: input.revision,
      replaces: input.replaces,
      createdAt: input.createdAt,
      app: { name: APP_NAME, version: input.appVersion },
      schemaVersion: SCHEMA_VERSION,
      snapshot: { name: version.name },
      rowCounts,
      controlTotals: expected,
      files: { [PLAN_COPY]: { sha256: sha256(copyBytes), bytes: copyBytes.length } },
      signer: { publicKey: input.signer.publicKey, fingerprint: input.signer.fingerprint },
    };
    const mBytes = manifestBytes(manifest);
    const bytes = zipPacked(
      await Promise.all([
        packEntry({ name: MANIFEST, data: mBytes }),
        packEntry({ name: SIGNATURE, data: signBytes(input.signer, mBytes) }),
        packing,
      ]),
      new Date(input.createdAt),
    );
    trace('deflate (waited for) and zip');
    writeAtomically(input.outPath, bytes);
    trace('write');
    return { path: input.outPath, bytes: bytes.length, manifest, sha256: sha256(bytes) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
