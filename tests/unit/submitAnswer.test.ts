import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationSigner, type Signer } from '../../src/main/core/io/planPackage';
import { writeReturnFile, type PlanAnswer } from '../../src/main/core/io/planReturn';
import { HEAD_OFFICE_KEY } from '../../src/main/core/services/submit/answer';
import { translate } from '../../src/shared/i18n';
import { TSX_ARGS, demoOpener, invokeOk, invokeRefused, type RegistryCtx } from './helpers';

// Head office's answer opened in 報送總部 (the endpoint submit.answer, through the
// registry): it is recorded against the submission it names, head office's key is pinned
// on the first answer, and every answer that does not fit is refused and changes nothing.

const PKG1 = '11111111-1111-4111-8111-111111111111';
const PKG2 = '22222222-2222-4222-8222-222222222222';
const hash = 'a'.repeat(64);

let chosen: string | null = null;
const open = demoOpener(() => ({ chooseReturnPath: async () => chosen }));
let work = '';
let hq: Signer;
let stranger: Signer;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'rplan-answer-'));
  hq = installationSigner(join(work, 'hq'));
  stranger = installationSigner(join(work, 'stranger'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The tiny demo with two submissions of 2027 logged (their snapshots frozen), as the submit flow leaves them. */
async function withSubmissions(): Promise<{ c: RegistryCtx; regionId: string; regionName: string }> {
  const c = await open((db) => {
    db.exec(`INSERT INTO plan_version (id, name, kind, frozen, created_at) VALUES (901, '報總部 第1版 2026-12-01', 'snapshot', 1, ''), (902, '報總部 第2版 2026-12-05', 'snapshot', 1, '')`);
    const ins = db.prepare(
      `INSERT INTO submission (plan_year, revision, version_id, created_at, package_id, file_name, bytes, sha256, signer_fingerprint, replaces)
       VALUES ((SELECT plan_year FROM region_meta), ?, ?, '2026-12-01T00:00:00Z', ?, 'a.rplanpkg', 100, ?, 'AB12', ?)`,
    );
    ins.run(1, 901, PKG1, hash, null);
    ins.run(2, 902, PKG2, hash, 1);
  });
  const meta = c.session.requireFile().sqlite.prepare('SELECT region_id, region_name, plan_year FROM region_meta').get() as { region_id: string; region_name: string; plan_year: number };
  expect(meta.plan_year).toBe(2027);
  return { c, regionId: meta.region_id, regionName: meta.region_name };
}

let n = 0;
/** A return file signed by `signer`, granted to the session as a file the user chose. */
function answerFile(c: RegistryCtx, answer: PlanAnswer, signer: Signer = hq): string {
  const path = writeReturnFile(answer, signer, join(work, `answer-${++n}.rplanret`)).path;
  c.session.grant(path);
  return path;
}

function answerOf(regionId: string, regionName: string, over: Partial<PlanAnswer> = {}): PlanAnswer {
  return {
    packageId: PKG1, regionId, regionName, planYear: 2027, revision: 1, verdict: 'returned',
    comment: '三月費用率超過上限，請調整後重報。', decidedAt: '2026-12-03T08:00:00+08:00', decidedBy: '總部市場部 王經理', ...over,
  };
}

const rows = (c: RegistryCtx) =>
  c.session.requireFile().sqlite.prepare('SELECT revision, answer_state, answer_comment, answered_at, answered_by FROM submission ORDER BY revision').all();
const pinned = (c: RegistryCtx) => c.session.requireFile().sqlite.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(HEAD_OFFICE_KEY) as string | undefined;

describe("head office's answer", () => {
  it('is recorded against its submission, pins head office\'s key, and the history shows it', async () => {
    const { c, regionId, regionName } = await withSubmissions();
    expect(pinned(c)).toBeUndefined();
    const path = answerFile(c, answerOf(regionId, regionName));
    const r = await invokeOk(c, 'submit.answer', { path });
    expect(r).toMatchObject({ outcome: 'recorded', fingerprint: hq.fingerprint, pinnedNow: true });
    expect(r.submission.answer).toEqual({ state: 'returned', comment: '三月費用率超過上限，請調整後重報。', at: '2026-12-03T08:00:00+08:00', by: '總部市場部 王經理' });
    expect(JSON.parse(pinned(c)!)).toMatchObject({ fingerprint: hq.fingerprint, publicKey: hq.publicKey });
    const history = await invokeOk(c, 'submit.history', {});
    expect(history.map((h) => [h.revision, h.answer?.state ?? null])).toEqual([[2, null], [1, 'returned']]);

    // The same file again: harmless.
    const again = await invokeOk(c, 'submit.answer', { path });
    expect(again).toMatchObject({ outcome: 'same', pinnedNow: false });
    // Head office confirms revision 2 later: recorded, signed by the same key.
    const confirm = await invokeOk(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName, { packageId: PKG2, revision: 2, verdict: 'confirmed', comment: '', decidedAt: '2026-12-06T10:00:00Z' })) });
    expect(confirm).toMatchObject({ outcome: 'recorded', pinnedNow: false });
    expect(confirm.submission.answer).toEqual({ state: 'accepted', comment: null, at: '2026-12-06T10:00:00Z', by: '總部市場部 王經理' });
    // A later answer to revision 1 replaces the earlier; an older one is refused.
    const later = await invokeOk(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName, { comment: '補充：四月也超了', decidedAt: '2026-12-04T08:00:00+08:00' })) });
    expect(later.outcome).toBe('replaced');
    const stale = await invokeRefused(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName, { comment: '舊的', decidedAt: '2026-12-02T08:00:00Z' })) });
    expect(stale).toMatchObject({ code: 'FILE_REFUSED', rule: 'planReturn.answer.stale' });
    expect(rows(c)).toEqual([
      { revision: 1, answer_state: 'returned', answer_comment: '補充：四月也超了', answered_at: '2026-12-04T08:00:00+08:00', answered_by: '總部市場部 王經理' },
      { revision: 2, answer_state: 'accepted', answer_comment: null, answered_at: '2026-12-06T10:00:00Z', answered_by: '總部市場部 王經理' },
    ]);
  });

  it('refuses another key once head office\'s is pinned, and changes nothing', async () => {
    const { c, regionId, regionName } = await withSubmissions();
    await invokeOk(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName)) });
    const before = rows(c);
    const e = await invokeRefused(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName, { revision: 2, packageId: PKG2, verdict: 'confirmed', comment: '' }), stranger) });
    expect(e).toMatchObject({ code: 'FILE_REFUSED', rule: 'planReturn.reason.keyChanged', params: { fingerprint: stranger.fingerprint, pinned: hq.fingerprint } });
    expect(translate('zh-Hant', e.rule!, e.params)).toContain(stranger.fingerprint);
    expect(rows(c)).toEqual(before);
    expect(JSON.parse(pinned(c)!).fingerprint).toBe(hq.fingerprint);
  });

  it('refuses an answer that fits none of the submissions, and a damaged file; nothing is written, no key pinned', async () => {
    const { c, regionId, regionName } = await withSubmissions();
    const refusedFor = async (over: Partial<PlanAnswer>, rule: string) => {
      const e = await invokeRefused(c, 'submit.answer', { path: answerFile(c, answerOf(regionId, regionName, over)) });
      expect(e, JSON.stringify(e)).toMatchObject({ code: 'FILE_REFUSED', rule });
      expect(translate('en', e.rule!, e.params)).not.toMatch(/\{\{|planReturn\./);
      return e;
    };
    const unknown = await refusedFor({ revision: 3 }, 'planReturn.answer.unknownRevision');
    expect(unknown.message).toBe('This region file has no submission 3; the head-office answer matches none of its submissions');
    await refusedFor({ regionId: '99999999-9999-4999-8999-999999999999', regionName: '華南大區' }, 'planReturn.answer.otherRegion');
    await refusedFor({ planYear: 2028 }, 'planReturn.answer.otherYear');
    await refusedFor({ packageId: PKG2 }, 'planReturn.answer.otherPackage');
    // A file that is not whole: the reader's reason.
    const text = join(work, 'text.rplanret');
    (await import('node:fs')).writeFileSync(text, 'not a zip');
    c.session.grant(text);
    expect(await invokeRefused(c, 'submit.answer', { path: text })).toMatchObject({ code: 'FILE_REFUSED', rule: 'planReturn.reason.notZip', path: text });
    expect(rows(c).every((r) => (r as { answer_state: unknown }).answer_state === null)).toBe(true);
    expect(pinned(c)).toBeUndefined();
  });

  it('takes only a file the user chose: through the host\'s dialog, or granted', async () => {
    const { c, regionId, regionName } = await withSubmissions();
    const path = writeReturnFile(answerOf(regionId, regionName), hq, join(work, 'chosen.rplanret')).path;
    expect(await invokeRefused(c, 'submit.answer', { path })).toMatchObject({ code: 'FORBIDDEN' });
    chosen = null;
    expect(await invokeOk(c, 'submit.chooseAnswer', {})).toBeNull();
    chosen = path;
    expect(await invokeOk(c, 'submit.chooseAnswer', {})).toEqual({ path, fileName: 'chosen.rplanret' });
    expect((await invokeOk(c, 'submit.answer', { path })).outcome).toBe('recorded');
    expect(await invokeRefused(c, 'submit.answer', { path: '', extra: 1 })).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('cli submit answer', () => {
  const CLI = join(import.meta.dirname, '../../src/main/cli/index.ts');
  const cli = (...args: string[]) => spawnSync(process.execPath, [...TSX_ARGS, CLI, ...args], { encoding: 'utf8' });

  it('records the answer (exit 0, again harmless), refuses another key or an unknown revision (exit 2, the reason on stderr)', async () => {
    const { c, regionId, regionName } = await withSubmissions();
    const regionPath = c.session.requireFile().path;
    await c.session.close();
    const good = writeReturnFile(answerOf(regionId, regionName), hq, join(work, 'cli-good.rplanret')).path;
    const ok = cli('submit', 'answer', regionPath, good, '--lang', 'en');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('cli-good.rplanret: recorded');
    expect(ok.stdout).toContain('answer:       Returned — 三月費用率超過上限，請調整後重報。');
    expect(ok.stdout).toContain(`head office:  ${hq.fingerprint} (pinned now`);
    const again = cli('submit', 'answer', regionPath, good);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('already recorded');

    const foreign = writeReturnFile(answerOf(regionId, regionName, { revision: 2, packageId: PKG2 }), stranger, join(work, 'cli-foreign.rplanret')).path;
    const refused = cli('submit', 'answer', regionPath, foreign, '--lang', 'en');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`refused (keyChanged): The head-office answer was signed by another key (fingerprint ${stranger.fingerprint}`);
    const unknown = writeReturnFile(answerOf(regionId, regionName, { revision: 7 }), hq, join(work, 'cli-unknown.rplanret')).path;
    const r7 = cli('submit', 'answer', regionPath, unknown);
    expect(r7.status).toBe(2);
    expect(r7.stderr).toContain('refused (unknownRevision): 本區域檔沒有第 7 版報送');
  }, 60_000);
});
