import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { createRegionFile, openRegionFile } from '../../src/main/core/db/regionFile';
import { TSX_ARGS, tempDir } from './helpers';

// A committed edit survives a crash: a child commits edits and acknowledges each
// after its commit; we SIGKILL it at a random moment, reopen the file, and every
// acknowledged edit must be there and the file must pass integrity_check.

const here = import.meta.dirname;

/** Deterministic "random" kill delays, so a failure can be replayed. */
function delays(n: number, seed: number, maxMs: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return 30 + (s % maxMs);
  });
}

function runAndKill(script: string, path: string, afterFirstLineMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_ARGS, join(here, 'children', script), path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), afterFirstLineMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve(out.split('\n').filter(Boolean));
    });
  });
}

describe('crash safety', () => {
  it('keeps every acknowledged edit when the process is killed at random moments', async () => {
    const path = join(tempDir(), 'crash.rplan');
    const f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    await f.close();
    let acked = 0;
    for (const delay of delays(16, 20271126, 400)) {
      const lines = await runAndKill('editLoop.ts', path, delay);
      const acks = lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
      if (acks.length > 0) acked = Math.max(acked, acks[acks.length - 1]);
      const file = await openRegionFile(path);
      const codes = new Set(file.sqlite.prepare('SELECT code FROM channel').pluck().all() as string[]);
      for (let i = 1; i <= acked; i++) expect(codes.has(`C${i}`), `acknowledged edit ${i} lost`).toBe(true);
      // The undo log was written in the same transaction: one step per row.
      expect(file.sqlite.prepare('SELECT count(*) FROM undo_step').pluck().get()).toBe(codes.size);
      expect(file.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      await file.close();
    }
    expect(acked).toBeGreaterThan(16);
  });

  it('leaves the old schema or the new one, never a mix, when killed during a migration', async () => {
    const outcomes = new Set<number>();
    for (const delay of delays(6, 7, 600)) {
      const dir = tempDir();
      const path = join(dir, 'old.rplan');
      const f = await createRegionFile(path, { regionName: 'r', planYear: 2027, displayUnit: 'wan' }, { migrations: MIGRATIONS.slice(0, 3) });
      await f.close();
      await runAndKill('slowMigrate.ts', path, delay);
      const raw = new Database(path);
      const version = raw.pragma('user_version', { simple: true }) as number;
      const tables = raw.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      if (version === 3) {
        expect(tables).not.toContain('sales_actual');
        expect(tables).not.toContain('big');
      } else {
        expect(version).toBe(MIGRATIONS.length + 1);
        expect(tables).toEqual(expect.arrayContaining(['sales_actual', 'big']));
        expect(raw.prepare('SELECT count(*) FROM big').pluck().get()).toBe(300_000);
      }
      raw.close();
      outcomes.add(version);
      // No half-written backup that looks whole.
      expect(readdirSync(dir).filter((n) => n.endsWith('.rplan') && n.includes('backup')).length).toBeLessThanOrEqual(1);
    }
    // The kill times span the migration, so at least the "old schema" outcome is seen.
    expect(outcomes.has(3)).toBe(true);
  });
});
