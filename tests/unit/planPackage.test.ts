import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installationSigner, verifyPlanPackage, writePlanPackage, type Signer, type WrittenPackage } from '../../src/main/core/io/planPackage';
import { signBytes } from '../../src/main/core/io/planPackage/signer';
import { translate } from '../../src/shared/i18n';
import type { PackageManifest, VerifyResult } from '../../src/shared/submit';
import { invokeOk, openWithHandlers, tempDir, tinyDemoTemplate, type RegistryCtx } from './helpers';

// The plan package of the tiny demo's snapshot, opened the way head office will
// (docs/plan-package.md): the package as written verifies; every tampered variant is
// refused with its reason.

const template = tinyDemoTemplate();
const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
let work = '';
let pkg: WrittenPackage;
let signer: Signer;
let expected: { planCents: number; volume: number; budget: number[]; snapshotCells: number; workingCells: number };
/** Rows per table with a version_id, of the working plan and of its snapshot. */
let perVersion: { table: string; working: number; snapshot: number }[] = [];
let noteActions = { working: 0, snapshot: 0 };

/** Gives the working plan targets, an expense budget, a promotion, a team, a training session; snapshots it; writes its package. */
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rplan-pkg-'));
  const path = join(work, 'region.rplan');
  copyFileSync(template.path, path);
  const c: RegistryCtx = await openWithHandlers(path);
  try {
    const workingId = (await invokeOk(c, 'targets.versions', {}))[0].id;
    const ho = await invokeOk(c, 'targets.hoTarget', {});
    await invokeOk(c, 'targets.setCells', {
      versionId: workingId, levels: ['province'], measure: 'amount', method: 'lastYear',
      edits: [{ path: [], period: 'year', value: sum(ho.map((m) => m.amountCents)) }], label: 'edit',
    });
    await invokeOk(c, 'expenses.topDown', { mode: 'ratio', ratio: 0.08, phase: 'sales' });
    const items = await invokeOk(c, 'expenses.items', {});
    const leaf = items.find((i) => i.leaf && i.kind === 'promotion') ?? items.find((i) => i.leaf)!;
    await invokeOk(c, 'promotions.create', { name: '春節堆頭', type: 'display', startDate: '2027-01-10', endDate: '2027-02-20', budget: [{ itemId: leaf.id, amountCents: 30_000_000 }] });
    await invokeOk(c, 'team.seedFromMaster', {});
    await invokeOk(c, 'team.training.apply', { rows: [{ topic: '新品上市培訓', audience: '業務代表', month: 3, costCents: 2_000_000 }], label: 'append' });
    const budget = (await invokeOk(c, 'expenses.budget', {})).total.budget;
    const snap = await invokeOk(c, 'targets.createVersion', { kind: 'snapshot', fromId: workingId, name: '報總部 第1版 2026-12-07' });
    const versions = await invokeOk(c, 'targets.versions', {});
    // The snapshot's cells are copied just after its commit (db/versionCopy.ts); the counts below read the file directly.
    c.session.requireFile().settle();
    expected = {
      planCents: snap.amountCents, volume: snap.volume, budget,
      snapshotCells: snap.cellCount, workingCells: versions.find((v) => v.id === workingId)!.cellCount,
    };
    const sqlite = c.session.requireFile().sqlite;
    const tables = sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const counts = (t: string, v: number) => sqlite.prepare(`SELECT count(*) FROM ${t} WHERE version_id = ?`).pluck().get(v) as number;
    perVersion = tables
      .filter((t) => (sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]).includes('version_id'))
      .map((t) => ({ table: t, working: counts(t, workingId), snapshot: counts(t, snap.id) }));
    const links = (v: number) => sqlite.prepare('SELECT count(*) FROM variance_note_action l JOIN variance_note n ON n.id = l.note_id WHERE n.version_id = ?').pluck().get(v) as number;
    noteActions = { working: links(workingId), snapshot: links(snap.id) };
    signer = installationSigner(join(work, 'state'));
    pkg = await writePlanPackage({
      file: c.session.requireFile(), versionId: snap.id, revision: 1, replaces: null, outPath: join(work, 'plan.rplanpkg'),
      signer, appVersion: '0.0.0-test', createdAt: '2026-12-07T00:00:00.000Z',
    });
  } finally {
    await c.session.close();
  }
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The package's entries, changed by `edit`, zipped again into a new file; `resign` recomputes the hashes and signs the manifest again. */
async function repack(
  edit: (files: Map<string, Buffer>, manifest: PackageManifest) => void | Promise<void>,
  options: { resign?: Signer; name?: string } = {},
): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(pkg.path));
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) files.set(name, await zip.files[name].async('nodebuffer'));
  const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as PackageManifest;
  await edit(files, manifest);
  if (options.resign) {
    for (const name of Object.keys(manifest.files)) {
      const data = files.get(name);
      if (data) manifest.files[name] = { sha256: sha(data), bytes: data.length };
    }
    manifest.signer = { publicKey: options.resign.publicKey, fingerprint: options.resign.fingerprint };
    const bytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
    files.set('manifest.json', bytes);
    files.set('signature.ed25519', signBytes(options.resign, bytes));
  }
  const out = new JSZip();
  for (const [name, data] of files) out.file(name, data, { createFolders: false });
  const path = join(tempDir(), options.name ?? 'tampered.rplanpkg');
  writeFileSync(path, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return path;
}

/** Edits the SQLite copy inside a package with plain SQL. */
function editCopy(files: Map<string, Buffer>, sql: (db: Database.Database) => void): void {
  const path = join(tempDir(), 'copy.sqlite');
  writeFileSync(path, files.get('plan.sqlite')!);
  const db = new Database(path);
  try {
    sql(db);
  } finally {
    db.close();
  }
  files.set('plan.sqlite', readFileSync(path));
}

function refused(r: VerifyResult, reason: string): void {
  expect(r.verdict, r.message).toBe('refused');
  expect(r.reason, r.message).toBe(reason);
  expect(r.message.startsWith('planPackage.')).toBe(false);
  expect(r.manifest).toBeNull();
}

describe('a snapshot', () => {
  it('holds every chapter of its source: targets, expense budget with its splits, promotions, team, actions, the chapters', () => {
    expect(perVersion.length).toBeGreaterThan(10);
    for (const t of ['expense_budget', 'promotion', 'headcount_plan', 'training_session', 'action_item']) {
      expect(perVersion.find((p) => p.table === t)?.working, t).toBeGreaterThan(0);
    }
    // The undo log names versions too, but it is not a chapter: a snapshot has none.
    expect(perVersion.filter((p) => p.table !== 'undo_step' && p.working !== p.snapshot)).toEqual([]);
    expect(noteActions.snapshot).toBe(noteActions.working);
  });
});

describe('the plan package', () => {
  it('verifies as written: the manifest says what the snapshot holds, and the copy holds only that', async () => {
    const r = await verifyPlanPackage(pkg.path, { pinnedFingerprint: signer.fingerprint });
    expect(r.verdict, r.message).toBe('ok');
    expect(r.fingerprint).toBe(signer.fingerprint);
    expect(r.message).toBe(translate('zh-Hant', 'planPackage.ok', { region: '華東大區', year: 2027, revision: 1, fingerprint: signer.fingerprint }));
    const m = r.manifest!;
    expect(m).toEqual(pkg.manifest);
    expect(m.region.name).toBe('華東大區');
    expect(m.planYear).toBe(2027);
    expect(m.snapshot.name).toBe('報總部 第1版 2026-12-07');
    expect(Object.keys(m.files)).toEqual(['plan.sqlite']);
    expect(pkg.sha256).toBe(sha(readFileSync(pkg.path)));
    expect(pkg.bytes).toBe(statSync(pkg.path).size);
    // Control totals: the snapshot's plan, the working plan's budget by month (promotions included), months then the year.
    const plan = m.controlTotals.plan;
    expect(plan.map((p) => p.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0]);
    expect(plan[12].amountCents).toBe(expected.planCents);
    expect(plan[12].amountCents).toBeGreaterThan(0);
    expect(plan[12].volume).toBe(expected.volume);
    expect(sum(plan.slice(0, 12).map((p) => p.grossProfitCents))).toBe(plan[12].grossProfitCents);
    expect(plan[12].grossProfitCents).toBeGreaterThan(0);
    expect(plan[12].grossProfitCents).toBeLessThan(plan[12].amountCents);
    expect(m.controlTotals.expenseBudget.slice(0, 12).map((e) => e.amountCents)).toEqual(expected.budget);
    expect(m.controlTotals.expenseBudget[12].amountCents).toBe(sum(expected.budget));
    expect(sum(expected.budget)).toBeGreaterThan(0);
    // One version, its chapters, no raw actual lines and no undo log.
    expect(m.rowCounts.plan_version).toBe(1);
    expect(m.rowCounts.target_fact).toBe(expected.snapshotCells);
    expect(expected.workingCells).toBe(expected.snapshotCells);
    expect(m.rowCounts.promotion).toBe(1);
    expect(m.rowCounts.training_session).toBe(1);
    expect(m.rowCounts.headcount_plan).toBeGreaterThan(0);
    expect(m.rowCounts.action_item).toBeGreaterThan(0);
    expect(m.rowCounts.plan_narrative).toBeGreaterThan(0);
    expect(m.rowCounts.sales_month_customer).toBeGreaterThan(0);
    for (const t of ['sales_actual', 'undo_step', 'undo_change', 'customer_visit', 'store_audit', 'expense_actual']) expect(m.rowCounts[t], t).toBe(0);
  });

  it('keeps the key in the state folder, readable by its owner only, and the same on the next use', () => {
    const dir = join(work, 'state');
    const again = installationSigner(dir);
    expect(again).toEqual(signer);
    expect(statSync(join(dir, 'plan-package-key.pem')).mode & 0o777).toBe(0o600);
    expect(signer.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(installationSigner(join(tempDir(), 'other')).fingerprint).not.toBe(signer.fingerprint);
  });

  it('refuses a changed byte of the copy (its hash), and a changed byte of the file itself', async () => {
    const changed = await repack((files) => {
      const data = Buffer.from(files.get('plan.sqlite')!);
      data[data.length - 100] ^= 0xff;
      files.set('plan.sqlite', data);
    });
    refused(await verifyPlanPackage(changed), 'hashMismatch');
    const raw = readFileSync(pkg.path);
    raw[Math.floor(raw.length / 2)] ^= 0x01;
    const path = join(tempDir(), 'flipped.rplanpkg');
    writeFileSync(path, raw);
    const r = await verifyPlanPackage(path);
    expect(r.verdict).toBe('refused');
    // Where the flipped bit lands decides which check sees it first; each refuses.
    expect(['hashMismatch', 'notZip', 'zipBomb']).toContain(r.reason);
  });

  it('refuses a removed file and an added one', async () => {
    refused(await verifyPlanPackage(await repack((files) => void files.delete('plan.sqlite'))), 'missingFile');
    refused(await verifyPlanPackage(await repack((files) => void files.delete('signature.ed25519'))), 'missingFile');
    refused(await verifyPlanPackage(await repack((files) => void files.set('notes.txt', Buffer.from('hi')))), 'extraFile');
  });

  it('refuses a wrong signature, and a manifest changed after signing', async () => {
    const other = installationSigner(join(tempDir(), 'other'));
    refused(await verifyPlanPackage(await repack((files) => void files.set('signature.ed25519', signBytes(other, files.get('manifest.json')!)))), 'badSignature');
    const edited = await repack((files, m) => {
      m.revision = 2;
      files.set('manifest.json', Buffer.from(JSON.stringify(m, null, 2) + '\n'));
    });
    refused(await verifyPlanPackage(edited), 'badSignature');
  });

  it('takes a package signed by another key, unless the region\'s key is pinned', async () => {
    const other = installationSigner(join(tempDir(), 'other'));
    const path = await repack(() => undefined, { resign: other });
    const free = await verifyPlanPackage(path);
    expect(free.verdict, free.message).toBe('ok');
    expect(free.fingerprint).toBe(other.fingerprint);
    const pinned = await verifyPlanPackage(path, { pinnedFingerprint: signer.fingerprint.toLowerCase().replace(/-/g, ' '), language: 'en' });
    refused(pinned, 'keyChanged');
    expect(pinned.message).toContain(other.fingerprint);
    expect(pinned.message).toContain(signer.fingerprint);
  });

  it('refuses unsafe zip entries: ../x, an absolute path, a link, a zip bomb; and a file that is not a zip', async () => {
    // The name is patched in the zip's bytes: a zip library will not write such a name.
    const dotted = await repack((files) => void files.set('zz/x', Buffer.from('x')));
    const bytes = readFileSync(dotted);
    const patched = Buffer.from(bytes.toString('latin1').replaceAll('zz/x', '../x'), 'latin1');
    writeFileSync(dotted, patched);
    const dottedResult = await verifyPlanPackage(dotted, { language: 'en' });
    refused(dottedResult, 'unsafePath');
    expect(dottedResult.message).toContain('"../x"');
    const absolute = await repack((files) => void files.set('zzzzzz', Buffer.from('x')));
    writeFileSync(absolute, Buffer.from(readFileSync(absolute).toString('latin1').replaceAll('zzzzzz', '/etc/x'), 'latin1'));
    const absoluteResult = await verifyPlanPackage(absolute, { language: 'en' });
    refused(absoluteResult, 'unsafePath');
    expect(absoluteResult.message).toContain('"/etc/x"');

    const zip = await JSZip.loadAsync(readFileSync(pkg.path));
    zip.file('plan.sqlite', '/etc/passwd', { unixPermissions: 0o120777 });
    const link = join(tempDir(), 'link.rplanpkg');
    writeFileSync(link, await zip.generateAsync({ type: 'nodebuffer', platform: 'UNIX' }));
    refused(await verifyPlanPackage(link), 'link');

    refused(await verifyPlanPackage(await repack((files) => void files.set('plan.sqlite', Buffer.alloc(50 * 1024 * 1024)))), 'zipBomb');
    // An entry that declares fewer bytes than it unpacks to: stopped as it is inflated.
    const lying = await repack((files) => void files.set('plan.sqlite', randomBytes(300_000)));
    const buf = readFileSync(lying);
    for (let p = buf.length - 22; p >= 0; p--) {
      if (buf.readUInt32LE(p) !== 0x02014b50 || buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)) !== 'plan.sqlite') continue;
      buf.writeUInt32LE(1000, p + 24);
      buf.writeUInt32LE(1000, buf.readUInt32LE(p + 42) + 22);
      break;
    }
    writeFileSync(lying, buf);
    refused(await verifyPlanPackage(lying), 'zipBomb');
    const text = join(tempDir(), 'not.rplanpkg');
    writeFileSync(text, 'not a zip at all');
    refused(await verifyPlanPackage(text), 'notZip');
  });

  it('refuses a manifest that is not the format, even when signed', async () => {
    const resign = signer;
    const badJson = await repack((files) => {
      files.set('manifest.json', Buffer.from('{"format": 1,'));
      files.set('signature.ed25519', signBytes(signer, files.get('manifest.json')!));
    });
    refused(await verifyPlanPackage(badJson), 'badManifest');
    refused(await verifyPlanPackage(await repack((_f, m) => void delete (m as Partial<PackageManifest>).controlTotals, { resign })), 'badManifest');
    refused(await verifyPlanPackage(await repack((_f, m) => void ((m as { extra?: number }).extra = 1), { resign })), 'badManifest');
    refused(await verifyPlanPackage(await repack((_f, m) => void (m.format = 99), { resign })), 'unknownFormat');
  });

  it('refuses control totals or row counts that are not the copy\'s, and a copy of another application or schema', async () => {
    const resign = signer;
    refused(await verifyPlanPackage(await repack((_f, m) => void (m.controlTotals.plan[2].amountCents += 1), { resign })), 'totalsMismatch');
    refused(await verifyPlanPackage(await repack((_f, m) => void (m.controlTotals.expenseBudget[12].amountCents -= 1), { resign })), 'totalsMismatch');
    refused(await verifyPlanPackage(await repack((_f, m) => void (m.rowCounts.target_fact += 1), { resign })), 'rowCountMismatch');
    // A figure changed in the copy (past its snapshot trigger), the hash made to match, signed again.
    const figure = await repack((files) => editCopy(files, (db) => db.exec(`DROP TRIGGER target_fact_frozen_update;
      UPDATE target_fact SET amount_cents = amount_cents + 100 WHERE rowid = (SELECT min(rowid) FROM target_fact)`)), { resign });
    refused(await verifyPlanPackage(figure), 'totalsMismatch');
    refused(await verifyPlanPackage(await repack((files) => editCopy(files, (db) => db.pragma('application_id = 1234')), { resign })), 'foreignApp');
    refused(await verifyPlanPackage(await repack((files) => editCopy(files, (db) => db.pragma('user_version = 999')), { resign })), 'unknownSchema');
    const damaged = await repack((files) => {
      const data = Buffer.from(files.get('plan.sqlite')!);
      // Page 2 onwards: a b-tree page's header scribbled over.
      data.fill(0xab, 4096, 4096 + 64);
      files.set('plan.sqlite', data);
    }, { resign });
    refused(await verifyPlanPackage(damaged), 'corruptCopy');
    // The copy's target rows travel without their unique index: a cell held twice (counts
    // and totals made to agree) is refused by the receiver's own check.
    const twice = await repack(async (files, m) => {
      editCopy(files, (db) => db.exec(`DROP TRIGGER target_fact_frozen_insert;
        INSERT INTO target_fact (version_id, city_id, channel_id, customer_id, sku_id, month, amount_cents, volume)
          SELECT version_id, city_id, channel_id, customer_id, sku_id, month, 0, 0 FROM target_fact WHERE rowid = (SELECT min(rowid) FROM target_fact)`));
      m.rowCounts.target_fact += 1;
    }, { resign });
    const r = await verifyPlanPackage(twice);
    refused(r, 'corruptCopy');
    expect(r.message).toContain('target_fact: 2 rows');
  });

  it('carries the region file\'s tables and triggers, every index but the target rows\', and no free page', async () => {
    const zip = await JSZip.loadAsync(readFileSync(pkg.path));
    const path = join(tempDir(), 'inspect.sqlite');
    writeFileSync(path, await zip.files['plan.sqlite'].async('nodebuffer'));
    const db = new Database(path, { readonly: true });
    try {
      const names = (type: string) => db.prepare(`SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(type);
      const source = new Database(join(work, 'region.rplan'), { readonly: true });
      try {
        const sourceNames = (type: string) => source.prepare(`SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all(type);
        expect(names('table')).toEqual(sourceNames('table'));
        expect(names('trigger')).toEqual(sourceNames('trigger'));
        const targetIndexes = source.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'target_fact' AND sql IS NOT NULL`).pluck().all();
        expect(targetIndexes.length).toBeGreaterThan(0);
        expect(names('index')).toEqual((sourceNames('index') as string[]).filter((n) => !targetIndexes.includes(n)));
        expect(db.pragma('page_size', { simple: true })).toBe(source.pragma('page_size', { simple: true }));
      } finally {
        source.close();
      }
      expect(db.pragma('freelist_count', { simple: true })).toBe(0);
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      db.close();
    }
  });
});
