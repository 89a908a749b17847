import { createHash } from 'node:crypto';
import { translate } from '../../../../shared/i18n';
import type { PlanAnswer } from '../../../../shared/submit';
import type { Language } from '../../../../shared/units';
import { writeAtomically } from '../atomicWrite';
import type { Signer } from '../planPackage';
import { signBytes } from '../planPackage/signer';
import { LIMITS, RETURN_FORMAT, answerSchema, zipOf } from './format';
import { checkReturnFile } from './read';

// Head office's answer to one plan package (docs/plan-package.md, "The return file"): a
// small zip of the answer as JSON and a detached Ed25519 signature over its bytes as
// written, so no canonical form of JSON is needed. It comes from outside the region file
// (e-mail, a USB stick), so it is read the way a package is: the zip before its names and
// sizes, the answer before its schema, nothing before the signature. The entries are
// stored, not deflated, so the whole file is a function of its two entries: the reader
// rebuilds it and refuses any byte the signature does not cover (a zip header's date).

export type { PlanAnswer } from '../../../../shared/submit';

export { RETURN_EXTENSION } from '../../../../shared/submit';

/** Writes head office's answer, signed with its installation key, whole or not at all. */
export function writeReturnFile(answer: PlanAnswer, signer: Signer, outPath: string): { path: string; bytes: number; sha256: string } {
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The answer is not valid: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const a = parsed.data;
  // Fields in a fixed order, so the same answer signed twice is the same file.
  const body = {
    format: RETURN_FORMAT,
    packageId: a.packageId,
    regionId: a.regionId,
    regionName: a.regionName,
    planYear: a.planYear,
    revision: a.revision,
    verdict: a.verdict,
    comment: a.comment,
    decidedAt: a.decidedAt,
    decidedBy: a.decidedBy,
    signer: { publicKey: signer.publicKey, fingerprint: signer.fingerprint },
  };
  const answerBytes = Buffer.from(`${JSON.stringify(body, null, 2)}\n`, 'utf8');
  if (answerBytes.length > LIMITS.answerBytes) throw new Error(`The answer is too large (${answerBytes.length} bytes)`);
  const zip = zipOf(answerBytes, signBytes(signer, answerBytes), a.decidedAt);
  writeAtomically(outPath, zip);
  return { path: outPath, bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') };
}

/**
 * Reads a return file and says whether it is whole and signed (with `pinnedFingerprint`:
 * by that key). Whether it answers one of the region's packages is the caller's check.
 * Refusals carry a stable reason key and its words (catalog `planReturn.reason.<key>`).
 */
export async function readReturnFile(
  path: string,
  options: { pinnedFingerprint?: string; language?: Language } = {},
): Promise<{ verdict: 'ok'; answer: PlanAnswer; fingerprint: string; publicKey: string } | { verdict: 'refused'; reason: string; message: string }> {
  const r = await checkReturnFile(path, options.pinnedFingerprint);
  if (r.verdict === 'ok') return r;
  return { verdict: 'refused', reason: r.reason, message: translate(options.language ?? 'zh-Hant', `planReturn.reason.${r.reason}`, r.params) };
}
