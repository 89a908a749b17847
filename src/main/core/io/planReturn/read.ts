import { existsSync, readFileSync, statSync } from 'node:fs';
import { ZipRefusal, checkedEntries, unpack } from '../planPackage/safeZip';
import { fingerprintOf, normalizeFingerprint, signatureValid } from '../planPackage/signer';
import { ANSWER, LIMITS, RETURN_FORMAT, SIGNATURE, fileSchema, zipOf } from './format';
import type { PlanAnswer } from '../../../../shared/submit';
import { Refused, refuse } from '../planPackage/refusal';

// Reading a return file that came from elsewhere, check by check (docs/plan-package.md,
// "The return file"): the first that fails is the answer, as a reason key and the values
// its words name, so each caller words it in its own language.

export type ReturnCheck =
  | { verdict: 'ok'; answer: PlanAnswer; fingerprint: string; publicKey: string }
  | { verdict: 'refused'; reason: string; params: Record<string, string | number> };


/** Checks a return file (with `pinned`: signed by that key). */
export async function checkReturnFile(path: string, pinned: string | undefined): Promise<ReturnCheck> {
  try {
    return { verdict: 'ok', ...(await check(path, pinned)) };
  } catch (e) {
    const r = e instanceof Refused || e instanceof ZipRefusal ? e : null;
    if (!r) throw e;
    return { verdict: 'refused', reason: r.reason, params: r.params };
  }
}

async function check(path: string, pinned: string | undefined): Promise<{ answer: PlanAnswer; fingerprint: string; publicKey: string }> {
  if (!existsSync(path) || !statSync(path).isFile()) refuse('notFound');
  if (statSync(path).size > LIMITS.fileBytes) refuse('tooLarge');
  const buf = readFileSync(path);
  if (buf.length > LIMITS.fileBytes) refuse('tooLarge');
  const entries = checkedEntries(buf);
  const byName = new Map(entries.map((e) => [e.name, e]));
  if (!byName.has(ANSWER)) refuse('notReturnFile');
  if (!byName.has(SIGNATURE)) refuse('missingFile', { name: SIGNATURE });
  for (const e of entries) if (e.name !== ANSWER && e.name !== SIGNATURE) refuse('extraFile', { name: e.name });

  const read = async (name: string, limit: number) => {
    const parts: Buffer[] = [];
    const entry = byName.get(name)!;
    if (entry.declared > limit) refuse('tooLarge');
    await unpack(buf, entry, (c) => parts.push(Buffer.from(c)), limit);
    return Buffer.concat(parts);
  };
  const answerBytes = await read(ANSWER, LIMITS.answerBytes);
  const signature = await read(SIGNATURE, LIMITS.signatureBytes);

  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answerBytes));
  } catch (e) {
    return refuse('badAnswer', { detail: (e as Error).message });
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format !== RETURN_FORMAT) refuse('unknownFormat', { format });
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse('badAnswer', { detail: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  const { signer, packageId, regionId, regionName, planYear, revision, verdict, comment, decidedAt, decidedBy } = parsed.data;
  const answer: PlanAnswer = { packageId, regionId, regionName, planYear, revision, verdict, comment, decidedAt, decidedBy };

  const fingerprint = fingerprintOf(signer.publicKey);
  if (normalizeFingerprint(signer.fingerprint) !== fingerprint) refuse('badAnswer', { detail: "signer.fingerprint is not the public key's" });
  if (!signatureValid(signer.publicKey, answerBytes, signature)) refuse('badSignature');
  if (pinned !== undefined && normalizeFingerprint(pinned) !== fingerprint) refuse('keyChanged', { fingerprint, pinned: normalizeFingerprint(pinned) });
  if (!zipOf(answerBytes, signature, answer.decidedAt).equals(buf)) refuse('altered');
  return { answer, fingerprint, publicKey: signer.publicKey };
}
