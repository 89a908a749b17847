import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { translate } from '../../../../shared/i18n';
import type { Language } from '../../../../shared/units';
import { writeAtomically } from '../atomicWrite';
import type { Signer } from '../planPackage';
import { ZipRefusal, checkedEntries, unpack } from '../planPackage/safeZip';
import { fingerprintOf, normalizeFingerprint, signBytes, signatureValid } from '../planPackage/signer';
import { zipPacked } from '../planPackage/zipWrite';

// Head office's answer to one plan package (docs/plan-package.md, "The return file"): a
// small zip of the answer as JSON and a detached Ed25519 signature over its bytes as
// written, so no canonical form of JSON is needed. It comes from outside the region file
// (e-mail, a USB stick), so it is read the way a package is: the zip before its names and
// sizes, the answer before its schema, nothing before the signature. The entries are
// stored, not deflated, so the whole file is a function of its two entries: the reader
// rebuilds it and refuses any byte the signature does not cover (a zip header's date).

/** Head office's answer to one package of one region. */
export interface PlanAnswer {
  packageId: string;
  regionId: string;
  regionName: string;
  planYear: number;
  revision: number;
  verdict: 'returned' | 'confirmed';
  comment: string;
  /** ISO 8601. */
  decidedAt: string;
  decidedBy: string;
}

export const RETURN_EXTENSION = '.rplanret';

const RETURN_FORMAT = 1;
const ANSWER = 'answer.json';
const SIGNATURE = 'signature.ed25519';
/** The whole file, the answer entry and the signature entry, in bytes: an answer is a few hundred. */
const LIMITS = { fileBytes: 64 * 1024, answerBytes: 32 * 1024, signatureBytes: 64 };

const answerFields = {
  packageId: z.uuid(),
  regionId: z.string().min(1).max(100),
  regionName: z.string().min(1).max(100),
  planYear: z.number().int().min(2000).max(2100),
  revision: z.number().int().positive(),
  verdict: z.enum(['returned', 'confirmed']),
  comment: z.string().max(4000),
  decidedAt: z.iso.datetime({ offset: true }),
  decidedBy: z.string().min(1).max(100),
};

/** A return says why: a package sent back without a comment leaves the region guessing. */
const commentWhenReturned = (a: { verdict: string; comment: string }) => a.verdict !== 'returned' || a.comment.trim() !== '';
const commentRule = { message: 'a returned package needs a comment', path: ['comment'] };

const answerSchema = z.object(answerFields).strict().refine(commentWhenReturned, commentRule);

const fileSchema = z
  .object({
    format: z.literal(RETURN_FORMAT),
    ...answerFields,
    signer: z.object({ publicKey: z.string().min(1).max(200), fingerprint: z.string().min(1).max(100) }).strict(),
  })
  .strict()
  .refine(commentWhenReturned, commentRule);

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
  const signature = signBytes(signer, answerBytes);
  const zip = zipOf(answerBytes, signature, a.decidedAt);
  writeAtomically(outPath, zip);
  return { path: outPath, bytes: zip.length, sha256: createHash('sha256').update(zip).digest('hex') };
}

/** The file's bytes: the two entries stored, in this order, dated when head office decided. */
function zipOf(answerBytes: Buffer, signature: Buffer, decidedAt: string): Buffer {
  const entry = (name: string, data: Buffer) => ({ name, size: data.length, crc: crc32(data), packed: data, method: 0 as const });
  return zipPacked([entry(ANSWER, answerBytes), entry(SIGNATURE, signature)], new Date(decidedAt));
}

class Refused extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

const refuse = (reason: string, params: Record<string, string | number> = {}): never => {
  throw new Refused(reason, params);
};

/**
 * Reads a return file and says whether it is whole and signed (with `pinnedFingerprint`:
 * by that key). Whether it answers one of the region's packages is the caller's check.
 * Refusals carry a stable reason key and its words (catalog `planReturn.reason.<key>`).
 */
export async function readReturnFile(
  path: string,
  options: { pinnedFingerprint?: string; language?: Language } = {},
): Promise<{ verdict: 'ok'; answer: PlanAnswer; fingerprint: string; publicKey: string } | { verdict: 'refused'; reason: string; message: string }> {
  const language = options.language ?? 'zh-Hant';
  try {
    return { verdict: 'ok', ...(await check(path, options.pinnedFingerprint)) };
  } catch (e) {
    const r = e instanceof Refused || e instanceof ZipRefusal ? e : null;
    if (!r) throw e;
    return { verdict: 'refused', reason: r.reason, message: translate(language, `planReturn.reason.${r.reason}`, r.params) };
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
