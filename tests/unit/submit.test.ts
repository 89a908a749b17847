import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, PackageManifest } from '../../src/shared/submit';
import { AppError } from '../../src/shared/errors';
import { runEdit } from '../../src/main/core/db/command';
import type { SheetTable } from '../../src/main/core/io/planWorkbook';
import { recordHeadOfficeAnswer } from '../../src/main/core/services/submit/answer';
import { submit, type SubmitWriters } from '../../src/main/core/services/submit/submit';
import { CHAPTER_PARTS } from '../../src/main/core/repos/submissions';
import { demoOpener, editFile, invokeOk, tempDir, type RegistryCtx } from './helpers';

// Submitting the plan on the tiny demo region, with writers of our own standing in for
// the plan package and the workbook: what the log records, how revisions count, what
// changed between two submissions, and that a failure half-way leaves no file and no row.

const open = demoOpener();

const cleanCheck = (errors = 0): SubmitWriters['check'] => (_db, _cube, input) =>
  ({
    versionId: input.versionId ?? 0,
    findings: Array.from({ length: errors }, (_, i) => ({
      severity: 'error' as const,
      rule: 'hoGapYear',
      params: {},
      message: `gap ${i + 1}`,
      place: { area: 'targets' as const },
    })),
    errors,
    warnings: 0,
    tolerance: 0.01,
    cap: null,
  }) satisfies CheckResult;

interface Fake {
  writers: SubmitWriters;
  workbooks: { versionId: number; changes: SheetTable | null; fingerprint: string; revision: number }[];
  packages: { versionId: number; revision: number; replaces: number | null }[];
}

function fakeWriters(options: { errors?: number; failWorkbook?: boolean } = {}): Fake {
  const fake: Fake = { workbooks: [], packages: [], writers: undefined as unknown as SubmitWriters };
  fake.writers = {
    check: cleanCheck(options.errors ?? 0),
    signer: () => ({ privateKeyPem: '', publicKey: 'KEY', fingerprint: 'AB12-CD34' }),
    writePackage: async (input) => {
      const bytes = Buffer.from(`package of version ${input.versionId}, revision ${input.revision}`);
      writeFileSync(input.outPath, bytes);
      fake.packages.push({ versionId: input.versionId, revision: input.revision, replaces: input.replaces });
      return {
        path: input.outPath,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        manifest: { packageId: randomUUID() } as PackageManifest,
      };
    },
    writeWorkbook: async (_db, _cube, input) => {
      if (options.failWorkbook) {
        writeFileSync(input.outPath, 'half a workbook');
        throw new AppError('INTERNAL', 'disk full');
      }
      writeFileSync(input.outPath, 'workbook');
      fake.workbooks.push({ versionId: input.versionId, changes: input.changes, fingerprint: input.fingerprint, revision: input.revision });
      return { path: input.outPath, sheets: ['cover'], bytes: 8 };
    },
  };
  return fake;
}

function run(c: RegistryCtx, fake: Fake, outDir: string, extra: { now?: Date; choose?: (name: string) => string | null } = {}) {
  const file = c.session.requireFile();
  mkdirSync(outDir, { recursive: true });
  return submit(
    file,
    (fn) => runEdit(file, ['targets', 'chapters', 'expenses', 'promotions', 'team', 'submissions'], fn, { strict: true }).value,
    {
      language: 'zh-Hant',
      choosePath: async (name) => (extra.choose ? extra.choose(name) : join(outDir, name)),
      stateDir: join(outDir, 'state'),
      appVersion: 'test',
      now: extra.now ?? new Date(2026, 11, 7, 9, 30),
    },
    fake.writers,
  );
}

const one = <T>(c: RegistryCtx, sql: string, ...params: unknown[]): T =>
  c.session.requireFile().sqlite.prepare(sql).pluck().get(...params) as T;

async function workingId(c: RegistryCtx): Promise<number> {
  return (await invokeOk(c, 'targets.versions', {})).find((v) => v.kind === 'working')!.id;
}

describe('submitting the plan', () => {
  it('takes a frozen snapshot 報總部 第1版, writes the package and the workbook side by side and logs them', async () => {
    const c = await open();
    const fake = fakeWriters();
    const out = join(tempDir(), 'out');
    const result = (await run(c, fake, out))!;
    expect(result.submission).toMatchObject({ revision: 1, replaces: null, snapshotName: '報總部 第1版 2026-12-07', signerFingerprint: 'AB12-CD34', answer: null });
    expect(result.packagePath).toBe(join(out, '華東大區 2027 第1版.rplanpkg'));
    expect(result.workbookPath).toBe(join(out, '華東大區 2027 第1版.xlsx'));
    expect(existsSync(result.packagePath) && existsSync(result.workbookPath)).toBe(true);
    expect(result.submission.sha256).toBe(createHash('sha256').update(`package of version ${result.submission.versionId}, revision 1`).digest('hex'));
    // The snapshot is frozen, made from the working plan, and both writers were given it.
    const versions = await invokeOk(c, 'targets.versions', {});
    const snap = versions.find((v) => v.id === result.submission.versionId)!;
    const working = versions.find((v) => v.kind === 'working')!;
    expect(snap).toMatchObject({ kind: 'snapshot', frozen: true, basedOnId: working.id, amountCents: working.amountCents });
    expect(fake.packages).toEqual([{ versionId: snap.id, revision: 1, replaces: null }]);
    expect(fake.workbooks).toEqual([{ versionId: snap.id, changes: null, fingerprint: 'AB12-CD34', revision: 1 }]);
    const history = await invokeOk(c, 'submit.history', {});
    expect(history).toEqual([result.submission]);
  });

  it('refuses while the check lists errors: no snapshot, no file, no row', async () => {
    const c = await open();
    const out = join(tempDir(), 'out');
    const versionsBefore = (await invokeOk(c, 'targets.versions', {})).length;
    const e = await run(c, fakeWriters({ errors: 2 }), out).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('CONFLICT');
    expect((e as AppError).details).toMatchObject({ rule: 'submit.error.checkFailed', params: { errors: 2 } });
    expect((e as AppError).details.issues?.map((i) => i.message)).toEqual(['gap 1', 'gap 2']);
    expect((await invokeOk(c, 'targets.versions', {})).length).toBe(versionsBefore);
    expect(readdirSync(out)).toEqual([]);
    expect(await invokeOk(c, 'submit.history', {})).toEqual([]);
  });

  it('a resubmission after head office returned one is the next revision, names it, and carries the changes sheet', async () => {
    const c = await open();
    const out = join(tempDir(), 'out');
    const fake = fakeWriters();
    const working = await workingId(c);
    const plan = (value: number, method: 'lastYear' | 'current') =>
      invokeOk(c, 'targets.setCells', { versionId: working, levels: ['province'], measure: 'amount', method, label: 'spread', edits: [{ path: [], period: 'year', value }] });
    await plan(5_000_000_00, 'lastYear');
    const first = (await run(c, fake, out))!;
    const regionId = one<string>(c, 'SELECT region_id FROM region_meta');
    editFile(c.session.requireFile(), (db) =>
      recordHeadOfficeAnswer(
        db,
        { packageId: first.submission.packageId, regionId, regionName: '華東大區', planYear: 2027, revision: 1, verdict: 'returned', comment: '費用率過高', decidedAt: '2026-12-08T02:00:00Z', decidedBy: '總部市場部' },
        { fingerprint: 'AAAA-BBBB-CCCC-DDDD-EEEE', publicKey: 'key' },
      ),
    );
    // The manager lowers the plan by 1,000,000 元 for the year.
    const before = first.submission;
    const yearCents = one<number>(c, 'SELECT sum(amount_cents) FROM target_fact WHERE version_id = ?', working);
    expect(yearCents).toBe(5_000_000_00);
    await plan(4_000_000_00, 'current');
    const second = (await run(c, fake, out, { now: new Date(2026, 11, 9, 10, 0) }))!;
    expect(second.submission).toMatchObject({ revision: 2, replaces: 1, snapshotName: '報總部 第2版 2026-12-09' });
    const history = await invokeOk(c, 'submit.history', {});
    expect(history.map((h) => [h.revision, h.replaces, h.answer?.state ?? null])).toEqual([[2, 1, null], [1, null, 'returned']]);
    expect(history[1].answer).toEqual({ state: 'returned', comment: '費用率過高', at: '2026-12-08T02:00:00Z', by: '總部市場部' });
    // The workbook of the second got the changes since the first, with the targets' total row.
    const sheet = fake.workbooks[1].changes!;
    expect(sheet.name).toBe('自上次報送的變化');
    const total = sheet.rows.find((r) => r[0] === '銷售目標' && r[1] === '合計')!;
    expect(total[4]).toBe(-1_000_000);
    expect(total[2]).toBe(yearCents / 100);
    // The app's view of the same changes, by province and by month, agree with each other and with the files.
    const byProvince = (await invokeOk(c, 'submit.changes', { by: 'province' }))!;
    expect(byProvince.from).toMatchObject({ revision: 1, versionId: before.versionId });
    expect(byProvince.to).toMatchObject({ revision: 2, versionId: second.submission.versionId });
    expect(byProvince.targetTotal.amountAfter - byProvince.targetTotal.amountBefore).toBe(-1_000_000_00);
    expect(byProvince.targetTotal.amountBefore).toBe(yearCents);
    const byMonth = (await invokeOk(c, 'submit.changes', { by: 'month' }))!;
    expect(byMonth.targets.map((r) => r.key)).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    expect(byMonth.targetTotal).toEqual(byProvince.targetTotal);
    const sum = (rows: { amountAfter: number }[]) => rows.reduce((s, r) => s + r.amountAfter, 0);
    expect(sum(byMonth.targets)).toBe(sum(byProvince.targets));
    expect(byProvince.targets.every((r) => r.label.length > 0)).toBe(true);
    // The expense budget by item and each chapter's rows in both snapshots, counted as the file holds them.
    const items = await invokeOk(c, 'expenses.items', {});
    expect(byProvince.expenses.map((e) => e.itemId)).toEqual(items.map((i) => i.id));
    expect(byProvince.chapters.map((p) => p.part)).toEqual(CHAPTER_PARTS.map((p) => p.part));
    for (const p of byProvince.chapters) {
      const table = CHAPTER_PARTS.find((x) => x.part === p.part)!.table;
      expect(p.countBefore, p.part).toBe(one<number>(c, `SELECT count(*) FROM ${table} WHERE version_id = ?`, before.versionId));
      expect(p.countAfter, p.part).toBe(one<number>(c, `SELECT count(*) FROM ${table} WHERE version_id = ?`, second.submission.versionId));
    }
  });

  it('with one submission, the changes are the working plan\'s against it; an unknown revision is refused', async () => {
    const c = await open();
    expect(await invokeOk(c, 'submit.changes', { by: 'channel' })).toBeNull();
    const first = (await run(c, fakeWriters(), join(tempDir(), 'out')))!;
    const changes = (await invokeOk(c, 'submit.changes', { by: 'channel' }))!;
    expect(changes.from.revision).toBe(1);
    expect(changes.to).toMatchObject({ revision: null, versionId: await workingId(c) });
    expect(changes.targetTotal.amountAfter).toBe(changes.targetTotal.amountBefore);
    expect(first.submission.revision).toBe(1);
    const res = await c.r.invoke('submit.changes', { by: 'city', fromRevision: 7 });
    expect(res.ok ? null : res.error).toMatchObject({ code: 'NOT_FOUND', rule: 'submit.error.noRevision' });
  });

  it('all or nothing: a workbook that fails removes the package, logs nothing, and the revision is not taken', async () => {
    const c = await open();
    const out = join(tempDir(), 'out');
    await expect(run(c, fakeWriters({ failWorkbook: true }), out)).rejects.toThrow(/disk full/);
    expect(readdirSync(out)).toEqual([]);
    expect(await invokeOk(c, 'submit.history', {})).toEqual([]);
    // The snapshot stays (frozen for ever); the retry is still revision 1, with a snapshot of its own.
    const retry = (await run(c, fakeWriters(), out))!;
    expect(retry.submission).toMatchObject({ revision: 1, snapshotName: '報總部 第1版 2026-12-07 (2)' });
    expect(readdirSync(out).sort()).toEqual(['華東大區 2027 第1版.rplanpkg', '華東大區 2027 第1版.xlsx']);
  });

  it('a cancelled choice of place does nothing; a file already there is refused before the snapshot', async () => {
    const c = await open();
    const out = join(tempDir(), 'out');
    const versions = (await invokeOk(c, 'targets.versions', {})).length;
    expect(await run(c, fakeWriters(), out, { choose: () => null })).toBeNull();
    writeFileSync(join(out, '華東大區 2027 第1版.xlsx'), 'someone else\'s');
    await expect(run(c, fakeWriters(), out)).rejects.toMatchObject({ code: 'FILE_EXISTS' });
    expect((await invokeOk(c, 'targets.versions', {})).length).toBe(versions);
    expect(readdirSync(out)).toEqual(['華東大區 2027 第1版.xlsx']);
  });
});
