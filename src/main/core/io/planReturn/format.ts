import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { zipPacked } from '../planPackage/zipWrite';

// The return file's format (docs/plan-package.md, "The return file"), in one place for
// the writer and the reader.

export const RETURN_FORMAT = 1;
export const ANSWER = 'answer.json';
export const SIGNATURE = 'signature.ed25519';
/** The whole file, the answer entry and the signature entry, in bytes: an answer is a few hundred. */
export const LIMITS = { fileBytes: 64 * 1024, answerBytes: 32 * 1024, signatureBytes: 64 };

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

export const answerSchema = z.object(answerFields).strict().refine(commentWhenReturned, commentRule);

/** answer.json: the answer's fields, the format and the signer's key, nothing else. */
export const fileSchema = z
  .object({
    format: z.literal(RETURN_FORMAT),
    ...answerFields,
    signer: z.object({ publicKey: z.string().min(1).max(200), fingerprint: z.string().min(1).max(100) }).strict(),
  })
  .strict()
  .refine(commentWhenReturned, commentRule);

/** The file's bytes: the two entries stored, in this order, dated when head office decided. */
export function zipOf(answerBytes: Buffer, signature: Buffer, decidedAt: string): Buffer {
  const entry = (name: string, data: Buffer) => ({ name, size: data.length, crc: crc32(data), packed: data, method: 0 as const });
  return zipPacked([entry(ANSWER, answerBytes), entry(SIGNATURE, signature)], new Date(decidedAt));
}
