import { readdirSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { BatchInfo } from '../../src/shared/actuals';
import type { AppEvent, RegionSummary } from '../../src/shared/contract';
import { createHandlers } from '../../src/main/core/handlers';
import { runJobHere } from '../../src/main/core/jobs/run';
import type { JobRunner } from '../../src/main/core/jobs/types';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../src/main/core/db/migrations';
import { openRegionFile } from '../../src/main/core/db/regionFile';
import { Session } from '../../src/main/core/session';
import { sha256, sidecarsOf, testHost, tinyDemoTemplate } from './helpers';
import { breakIndex, flipIndexLeaf } from './damage';

// No write reaches a file that has not passed PRAGMA integrity_check. A large file is
// shown at once and checked on a worker; until the check passes every command that
// writes is refused with READ_ONLY; a file that fails is closed, untouched.

const template = tinyDemoTemplate();

/** A job runner whose jobs wait until the test lets them run: the read-only window, held open. */
function heldRunner(): { runJob: JobRunner; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    runJob: (spec, onProgress) => ({ id: 'held', cancel: () => undefined, done: gate.then(() => runJobHere(spec, onProgress, () => false)) }),
    release,
  };
}

/** A session that opens every file as a large one: shown first, checked in the background. */
function backgroundSession(path: string) {
  const held = heldRunner();
  const events: AppEvent[] = [];
  const session = new Session(testHost(join(dirname(path), 'state'), { runJob: held.runJob, emit: (e) => events.push(e) }), { fullCheckUpToBytes: 0 });
  session.grant(path);
  return { session, r: createHandlers(session), events, release: held.release };
}

describe('the full integrity check', () => {
  it('a damaged file that passes quick_check is shown read-only, then closed untouched when the full check fails', async () => {
    const path = template.copy();
    breakIndex(path);
    const before = sha256(path);
    const { session, r, events, release } = backgroundSession(path);

    const opened = await r.invoke('file.open', { path });
    expect(opened).toMatchObject({ ok: true, value: { checking: true } });
    const edit = await r.invoke('region.updateProfile', { managerName: '李經理' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'READ_ONLY', path } });

    release();
    await session.checked();
    expect(session.file).toBeNull();
    const checked = events.find((e) => e.type === 'file-checked');
    expect(checked).toMatchObject({ path, error: { code: 'FILE_REFUSED', reason: 'corrupt' } });
    expect(checked?.type === 'file-checked' && checked.error?.message).toMatch(/row \d+ missing from index sales_actual_customer/);
    expect(events).toContainEqual({ type: 'file-changed', summary: null });
    expect(sha256(path)).toBe(before);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('a healthy file takes no write while it is checked, and takes writes without reopening once the check passes', async () => {
    const path = template.copy();
    const { session, r, events, release } = backgroundSession(path);
    await r.invoke('file.open', { path });
    const batches = await r.invoke('actuals.batches', {});
    const batch = (batches.ok ? (batches.value as BatchInfo[]) : [])[0];
    expect(batch).toBeDefined();
    // An edit command and a job that writes on its own connection are both refused.
    expect(await r.invoke('region.updateProfile', { managerName: '李經理' })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(await r.invoke('actuals.removeBatch', { id: batch.id })).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(await r.invoke('edit.undo', {})).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });

    release();
    await session.checked();
    expect(events).toContainEqual({ type: 'file-checked', path, error: null });
    expect(await r.invoke('region.updateProfile', { managerName: '李經理' })).toMatchObject({ ok: true });
    const current = await r.invoke('file.current', {});
    expect(current.ok && (current.value as RegionSummary)).toMatchObject({ managerName: '李經理', checking: false });
    await session.close();
  });

  it('a file this installation closed cleanly after its check opens writable at once; changed since in any way, it is checked again', async () => {
    const path = template.copy();
    const jobs: string[] = [];
    const events: AppEvent[] = [];
    const session = new Session(
      testHost(join(dirname(path), 'state-clean'), {
        runJob: (spec, onProgress) => (jobs.push(spec.kind), { id: 'now', cancel: () => undefined, done: runJobHere(spec, onProgress, () => false) }),
        emit: (e) => events.push(e),
      }),
      { fullCheckUpToBytes: 0 },
    );
    session.grant(path);
    const r = createHandlers(session);
    const open = async () => {
      const opened = await r.invoke('file.open', { path });
      if (!opened.ok) throw new Error(opened.error.message);
      return opened.value as RegionSummary;
    };

    // Never closed by this installation: checked in the background first.
    expect(await open()).toMatchObject({ checking: true });
    await session.checked();
    expect(jobs).toEqual(['integrityCheck']);
    await session.close();

    // Unchanged since it was closed cleanly: writable at once, no check.
    expect(await open()).toMatchObject({ checking: false });
    expect(await r.invoke('region.updateProfile', { managerName: '李經理' })).toMatchObject({ ok: true });
    expect(jobs).toEqual(['integrityCheck']);
    await session.close();

    // Written by another program through SQLite: checked again before any write.
    const other = new Database(path);
    other.prepare(`UPDATE region_meta SET notes = '別的程式寫的' WHERE id = 1`).run();
    other.close();
    // (Opened unverified, it is read-only until the check passes: the tests above.)
    expect(await open()).toMatchObject({ checking: true });
    await session.checked();
    expect(jobs).toEqual(['integrityCheck', 'integrityCheck']);
    await session.close();

    // Damaged on disk with its modification time put back: still seen as changed, checked, and refused.
    const { mtime, atime } = statSync(path);
    flipIndexLeaf(path);
    utimesSync(path, atime, mtime);
    const before = sha256(path);
    expect(await open()).toMatchObject({ checking: true });
    await session.checked();
    expect(jobs).toHaveLength(3);
    expect(session.file).toBeNull();
    expect(events.filter((e) => e.type === 'file-checked').at(-1)).toMatchObject({ path, error: { code: 'FILE_REFUSED', reason: 'corrupt' } });
    expect(sha256(path)).toBe(before);
  });

  it('a small file is checked in full before it opens: a damaged one is refused at once', async () => {
    const path = template.copy();
    breakIndex(path);
    const before = sha256(path);
    await expect(openRegionFile(path)).rejects.toMatchObject({ code: 'FILE_REFUSED', details: { reason: 'corrupt' } });
    expect(sha256(path)).toBe(before);
    expect(sidecarsOf(path)).toEqual([]);
  });
});

describe('migrating an older file', () => {
  const next: Migration = { version: SCHEMA_VERSION + 1, name: 'a later one', up: async () => undefined };
  const backups = (path: string) => readdirSync(dirname(path)).filter((n) => n.includes('backup'));

  it('checks it in full first, however large: a migration is a write', async () => {
    const path = template.copy();
    breakIndex(path);
    const before = sha256(path);
    await expect(openRegionFile(path, { migrations: [...MIGRATIONS, next], fullCheckUpToBytes: 0 })).rejects.toMatchObject({
      code: 'FILE_REFUSED',
      details: { reason: 'corrupt' },
    });
    expect(sha256(path)).toBe(before);
    expect(backups(path)).toEqual([]);
  });

  it('refuses a file whose version number is older than its tables as inconsistent, and leaves no backup', async () => {
    const path = template.copy();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.close();
    const before = sha256(path);
    for (let i = 0; i < 2; i++) {
      await expect(openRegionFile(path)).rejects.toMatchObject({ code: 'FILE_REFUSED', details: { reason: 'inconsistent_schema' } });
    }
    expect(sha256(path)).toBe(before);
    expect(backups(path)).toEqual([]);
    expect(sidecarsOf(path)).toEqual([]);
  });

  it('removes the backup it made when the migration fails', async () => {
    const path = template.copy();
    const before = sha256(path);
    // Fails on data only the real file holds (the schema check runs the list on an empty schema first).
    const failing: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'fails on the data',
      up: async (db) => {
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM region_meta`.execute(db);
        if (rows[0].n > 0) throw new Error('disk full');
      },
    };
    let told: string | null = null;
    await expect(openRegionFile(path, { migrations: [...MIGRATIONS, failing], onBackup: (p) => (told = p) })).rejects.toThrow(/disk full/);
    expect(told).not.toBeNull();
    expect(backups(path)).toEqual([]);
    expect(sha256(path)).toBe(before);
  });
});
