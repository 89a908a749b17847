import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationSigner, type Signer } from '../../src/main/core/io/planPackage';
import { signBytes } from '../../src/main/core/io/planPackage/signer';
import { RETURN_EXTENSION, readReturnFile, writeReturnFile, type PlanAnswer } from '../../src/main/core/io/planReturn';
import { sha256, tempDir } from './helpers';

// Head office's return file (docs/plan-package.md, "The return file"): what is written
// reads back whole; every tampered or foreign variant is refused with its reason.

const answer: PlanAnswer = {
  packageId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  regionId: '0b7e1f1a-2c3d-4e5f-9a8b-7c6d5e4f3a2b',
  regionName: '華東大區',
  planYear: 2027,
  revision: 2,
  verdict: 'returned',
  comment: '三月的費用率超過上限，請調整後重新報送。',
  decidedAt: '2026-12-07T09:30:00.000Z',
  decidedBy: '總部市場部 王經理',
};

let hq: Signer;
let other: Signer;
let good = '';
let work = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rplan-ret-'));
  hq = installationSigner(join(work, 'hq'));
  other = installationSigner(join(work, 'other'));
  good = writeReturnFile(answer, hq, join(work, `answer${RETURN_EXTENSION}`)).path;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Read = Awaited<ReturnType<typeof readReturnFile>>;

function refused(r: Read, reason: string): void {
  expect(r.verdict, JSON.stringify(r)).toBe('refused');
  if (r.verdict !== 'refused') return;
  expect(r.reason, r.message).toBe(reason);
  expect(r.message.startsWith('planReturn.')).toBe(false);
}

/** The return file's entries, edited, zipped again; `resign` signs the answer anew with that key. */
async function repack(edit: (files: Map<string, Buffer>, body: Record<string, unknown>) => void, resign?: Signer): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(good));
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) files.set(name, await zip.files[name].async('nodebuffer'));
  const body = JSON.parse(files.get('answer.json')!.toString('utf8')) as Record<string, unknown>;
  edit(files, body);
  if (resign) {
    body.signer = { publicKey: resign.publicKey, fingerprint: resign.fingerprint };
    const bytes = Buffer.from(JSON.stringify(body, null, 2) + '\n');
    files.set('answer.json', bytes);
    files.set('signature.ed25519', signBytes(resign, bytes));
  }
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data, { createFolders: false });
  const path = join(tempDir(), `tampered${RETURN_EXTENSION}`);
  writeFileSync(path, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

describe('the return file', () => {
  it('reads back as written: the answer, the signer\'s key and fingerprint', async () => {
    const r = await readReturnFile(good);
    expect(r.verdict).toBe('ok');
    if (r.verdict !== 'ok') return;
    expect(r.answer).toEqual(answer);
    expect(r.fingerprint).toBe(hq.fingerprint);
    expect(r.publicKey).toBe(hq.publicKey);
    expect((await readReturnFile(good, { pinnedFingerprint: hq.fingerprint.toLowerCase().replace(/-/g, ' ') })).verdict).toBe('ok');
  });

  it('is small, and the same answer signed twice is the same file', () => {
    const out = join(tempDir(), `again${RETURN_EXTENSION}`);
    const w = writeReturnFile(answer, hq, out);
    expect(w.bytes).toBeLessThan(2048);
    expect(w.sha256).toBe(sha256(good));
    expect(w.sha256).toBe(sha256(out));
  });

  it('a confirmation may come without a comment; a return may not', async () => {
    const confirmed = writeReturnFile({ ...answer, verdict: 'confirmed', comment: '' }, hq, join(tempDir(), 'c.rplanret'));
    const r = await readReturnFile(confirmed.path);
    expect(r.verdict === 'ok' && r.answer.verdict).toBe('confirmed');
    expect(() => writeReturnFile({ ...answer, comment: '  ' }, hq, join(tempDir(), 'x.rplanret'))).toThrow(/comment/);
    refused(await readReturnFile(await repack((_f, b) => void (b.comment = ''), hq)), 'badAnswer');
  });

  it('refuses a changed byte', async () => {
    const changed = await repack((files, b) => {
      b.comment = '已確認';
      files.set('answer.json', Buffer.from(JSON.stringify(b, null, 2) + '\n'));
    });
    refused(await readReturnFile(changed), 'badSignature');
    // Every single byte of the file flipped in turn: refused, whichever check notices first.
    const bytes = readFileSync(good);
    const path = join(tempDir(), 'flipped.rplanret');
    const reasons = new Set<string>();
    for (let at = 0; at < bytes.length; at++) {
      const flipped = Buffer.from(bytes);
      flipped[at] ^= 0x01;
      writeFileSync(path, flipped);
      const r = await readReturnFile(path);
      expect(r.verdict, `byte ${at}`).toBe('refused');
      if (r.verdict === 'refused') reasons.add(r.reason);
    }
    expect([...reasons]).toEqual(expect.arrayContaining(['badSignature', 'altered']));
    // A date in a zip header is not signed, but it is part of the file: changed, refused.
    const redated = Buffer.from(bytes);
    redated.writeUInt16LE(0, 10);
    writeFileSync(path, redated);
    refused(await readReturnFile(path), 'altered');
  });

  it('refuses a wrong signature', async () => {
    refused(await readReturnFile(await repack((files) => void files.set('signature.ed25519', signBytes(other, files.get('answer.json')!)))), 'badSignature');
    refused(await readReturnFile(await repack((files) => void files.set('signature.ed25519', Buffer.alloc(64)))), 'badSignature');
    refused(await readReturnFile(await repack((files) => void files.set('signature.ed25519', Buffer.alloc(65)))), 'tooLarge');
    const lying = await repack((files, b) => {
      b.signer = { publicKey: hq.publicKey, fingerprint: other.fingerprint };
      const bytes = Buffer.from(JSON.stringify(b, null, 2) + '\n');
      files.set('answer.json', bytes);
      files.set('signature.ed25519', signBytes(hq, bytes));
    });
    refused(await readReturnFile(lying), 'badAnswer');
  });

  it('refuses an unknown field, a missing one, another format', async () => {
    refused(await readReturnFile(await repack((_f, b) => void (b.extra = 1), hq)), 'badAnswer');
    refused(await readReturnFile(await repack((_f, b) => void delete b.revision, hq)), 'badAnswer');
    refused(await readReturnFile(await repack((_f, b) => void (b.verdict = 'accepted'), hq)), 'badAnswer');
    refused(await readReturnFile(await repack((_f, b) => void (b.format = 2), hq)), 'unknownFormat');
    refused(await readReturnFile(await repack((files) => void files.set('answer.json', Buffer.from([0xff, 0xfe])))), 'badAnswer');
  });

  it('refuses an oversized file or entry', async () => {
    refused(await readReturnFile(await repack((files) => void files.set('answer.json', Buffer.alloc(40 * 1024, 0x20)))), 'tooLarge');
    const big = join(tempDir(), 'big.rplanret');
    writeFileSync(big, Buffer.concat([readFileSync(good), randomBytes(70 * 1024)]));
    refused(await readReturnFile(big), 'tooLarge');
    expect(() => writeReturnFile({ ...answer, comment: '長'.repeat(4001) }, hq, join(tempDir(), 'y.rplanret'))).toThrow(/comment/);
  });

  it('refuses another key when head office\'s key is pinned', async () => {
    const foreign = writeReturnFile(answer, other, join(tempDir(), 'other.rplanret')).path;
    expect((await readReturnFile(foreign)).verdict).toBe('ok');
    const r = await readReturnFile(foreign, { pinnedFingerprint: hq.fingerprint, language: 'en' });
    refused(r, 'keyChanged');
    expect(r.verdict === 'refused' && r.message).toContain(other.fingerprint);
    expect(r.verdict === 'refused' && r.message).toContain('another key');
  });

  it('refuses what is not a return file', async () => {
    refused(await readReturnFile(join(tempDir(), 'none.rplanret')), 'notFound');
    const text = join(tempDir(), 'text.rplanret');
    writeFileSync(text, 'hello');
    refused(await readReturnFile(text), 'notZip');
    refused(await readReturnFile(await repack((files) => void files.delete('answer.json'))), 'notReturnFile');
    refused(await readReturnFile(await repack((files) => void files.delete('signature.ed25519'))), 'missingFile');
    refused(await readReturnFile(await repack((files) => void files.set('notes.txt', Buffer.from('hi')))), 'extraFile');
    refused(await readReturnFile(await repack((files) => void files.set('../x', Buffer.from('hi')))), 'unsafePath');
  });

  it('words every refusal in the three languages', async () => {
    const path = await repack((files) => void files.set('signature.ed25519', Buffer.alloc(64)));
    const words = await Promise.all((['zh-Hant', 'zh-Hans', 'en'] as const).map((language) => readReturnFile(path, { language })));
    const messages = words.map((r) => (r.verdict === 'refused' ? r.message : ''));
    expect(new Set(messages).size).toBe(3);
    expect(messages[0]).toContain('簽名');
    expect(messages[1]).toContain('签名');
  });
});
