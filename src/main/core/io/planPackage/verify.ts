import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translate } from '../../../../shared/i18n';
import type { PackageManifest, VerifyResult } from '../../../../shared/submit';
import type { Language } from '../../../../shared/units';
import { APPLICATION_ID } from '../../db/constants';
import { readDb } from '../../db/handle';
import { SCHEMA_VERSION } from '../../db/migrations';
import { copyHeader, copyIdentity, copyRowCounts, openUntrustedCopy, repeatedTargetCell } from '../../db/planCopy';
import { MANIFEST, OLDEST_READABLE_SCHEMA, PACKAGE_FORMAT, PLAN_COPY, SIGNATURE, controlTotalsOf, manifestSchema, totalsDifference } from './format';
import { ZipRefusal, checkedEntries, unpackSmall, unpackToFile } from './safeZip';
import { fingerprintOf, normalizeFingerprint, signatureValid } from './signer';
import { Refused, refuse } from './refusal';
import { phaseTracer } from '../../trace';

// Opening a package the way head office will (docs/plan-package.md, "What a receiver
// checks"): each check in order, and the first that fails is the answer, with a stable
// reason key and its words. Nothing in the package is trusted before its check: the zip
// before its names and sizes, the manifest before its signature, a file before its hash,
// the database before integrity_check, and its figures before the control totals.

export interface VerifyOptions {
  /** The key expected (head office pins a region's key on first receipt). */
  pinnedFingerprint?: string;
  /** The words' language (default zh-Hant). */
  language?: Language;
  /**
   * Where to keep the SQLite copy once every check has passed (head office loads its
   * rows from the very bytes it checked, not from a second unpacking of the file).
   */
  keepCopyAt?: string;
  /** Handed the file's bytes as read, once (head office records their sha256 without reading the file again). */
  onRead?: (bytes: Buffer) => void;
}


/** Opens a package as head office will and says whether it would be accepted (pinned: the key expected). */
export async function verifyPlanPackage(path: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const language = options.language ?? 'zh-Hant';
  let fingerprint: string | null = null;
  try {
    const manifest = await check(path, options, (f) => (fingerprint = f));
    return {
      verdict: 'ok',
      reason: null,
      message: translate(language, 'planPackage.ok', { region: manifest.region.name, year: manifest.planYear, revision: manifest.revision, fingerprint: fingerprint ?? '' }),
      manifest,
      fingerprint,
    };
  } catch (e) {
    const r = e instanceof Refused || e instanceof ZipRefusal ? e : null;
    if (!r) throw e;
    return { verdict: 'refused', reason: r.reason, message: translate(language, `planPackage.reason.${r.reason}`, r.params), manifest: null, fingerprint };
  }
}

async function check(path: string, options: VerifyOptions, seen: (fingerprint: string) => void): Promise<PackageManifest> {
  const trace = phaseTracer('verify');
  if (!existsSync(path)) refuse('notFound');
  const buf = readFileSync(path);
  options.onRead?.(buf);
  const entries = checkedEntries(buf);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of [MANIFEST, SIGNATURE]) if (!byName.has(name)) refuse('missingFile', { name });

  const manifestData = (await unpackSmall(buf, byName.get(MANIFEST)!)).data;
  const signature = (await unpackSmall(buf, byName.get(SIGNATURE)!)).data;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestData));
  } catch (e) {
    return refuse('badManifest', { detail: (e as Error).message });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== PACKAGE_FORMAT) refuse('unknownFormat', { format });
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse('badManifest', { detail: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  const m = parsed.data as PackageManifest;
  trace('read, zip entries, manifest');

  // The signature first: until it holds, nothing the manifest says (hashes, totals) counts.
  const fingerprint = fingerprintOf(m.signer.publicKey);
  seen(fingerprint);
  if (normalizeFingerprint(m.signer.fingerprint) !== fingerprint) refuse('badManifest', { detail: 'signer.fingerprint is not the public key\'s' });
  if (!signatureValid(m.signer.publicKey, manifestData, signature)) refuse('badSignature');
  if (options.pinnedFingerprint !== undefined && normalizeFingerprint(options.pinnedFingerprint) !== fingerprint) {
    refuse('keyChanged', { fingerprint, pinned: normalizeFingerprint(options.pinnedFingerprint) });
  }

  // Every file the manifest lists, and no other.
  for (const name of Object.keys(m.files)) if (!byName.has(name)) refuse('missingFile', { name });
  for (const e of entries) if (e.name !== MANIFEST && e.name !== SIGNATURE && !(e.name in m.files)) refuse('extraFile', { name: e.name });
  if (!(PLAN_COPY in m.files)) refuse('missingFile', { name: PLAN_COPY });
  trace('signature');

  const dir = mkdtempSync(join(tmpdir(), 'rplan-verify-'));
  try {
    let copyPath = '';
    for (const [name, want] of Object.entries(m.files)) {
      const to = join(dir, `f${Object.keys(m.files).indexOf(name)}`);
      const got = await unpackToFile(buf, byName.get(name)!, to);
      if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) refuse('hashMismatch', { name });
      if (name === PLAN_COPY) copyPath = to;
    }
    trace('unpack and hashes');
    checkCopy(copyPath, m, trace);
    if (options.keepCopyAt !== undefined) keep(copyPath, options.keepCopyAt);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return m;
}

function keep(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as { code?: string }).code !== 'EXDEV') throw e;
    copyFileSync(from, to);
  }
}

function checkCopy(path: string, m: PackageManifest, trace: (phase: string) => void): void {
  let db;
  try {
    db = openUntrustedCopy(path);
  } catch (e) {
    return refuse('corruptCopy', { detail: (e as Error).message });
  }
  try {
    checkOpenCopy(db, m, trace);
  } catch (e) {
    // A copy that passes integrity_check may still lack what a region file has: that is damage too.
    if (e instanceof Refused) throw e;
    refuse('corruptCopy', { detail: (e as Error).message });
  } finally {
    db.close();
  }
}

function checkOpenCopy(db: ReturnType<typeof openUntrustedCopy>, m: PackageManifest, trace: (phase: string) => void): void {
  {
    const header = copyHeader(db);
    if (header.applicationId !== APPLICATION_ID) refuse('foreignApp');
    if (header.userVersion < OLDEST_READABLE_SCHEMA || header.userVersion > SCHEMA_VERSION) refuse('unknownSchema', { version: header.userVersion });
    trace('integrity_check');
    if (header.problems.length > 0) refuse('corruptCopy', { detail: header.problems.slice(0, 2).join('; ') });
    if (header.userVersion !== m.schemaVersion) refuse('identityMismatch', { detail: `schema ${header.userVersion} ≠ ${m.schemaVersion}` });
    const id = copyIdentity(db);
    if (id.regionId !== m.region.id || id.regionName !== m.region.name || id.planYear !== m.planYear) {
      refuse('identityMismatch', { detail: `${id.regionName} ${id.planYear}` });
    }
    if (id.versions.length !== 1 || id.versions[0].frozen !== 1 || id.versions[0].name !== m.snapshot.name) {
      refuse('identityMismatch', { detail: 'the copy must hold exactly the manifest\'s frozen snapshot' });
    }
    const repeated = repeatedTargetCell(db);
    trace('identity, repeated cells');
    if (repeated !== null) refuse('corruptCopy', { detail: repeated });
    const counts = copyRowCounts(db);
    for (const name of new Set([...Object.keys(counts), ...Object.keys(m.rowCounts)])) {
      if (counts[name] !== m.rowCounts[name]) refuse('rowCountMismatch', { name });
    }
    const diff = totalsDifference(m.controlTotals, controlTotalsOf(readDb(db), id.versions[0].id, id.planYear));
    trace('row counts, control totals');
    if (diff !== null) refuse('totalsMismatch', { detail: diff });
  }
}
