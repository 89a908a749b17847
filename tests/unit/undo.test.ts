import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDb } from '../../src/main/core/db/handle';
import { createRegionFile, openRegionFile, type RegionFile } from '../../src/main/core/db/regionFile';
import { deflateSync, zstdDecompressSync } from 'node:zlib';
import { editState, pack, recordEdit, redo as redoStep, undo as undoStep, unpack } from '../../src/main/core/db/undoLog';
import { regionSummary, updateProfile as updateProfileIn } from '../../src/main/core/services/region';
import { editFile, tempDir } from './helpers';

const updateProfile = (f: RegionFile, patch: Parameters<typeof updateProfileIn>[2]) => editFile(f, (db) => updateProfileIn(db, f.path, patch));
const summary = (f: RegionFile) => regionSummary(f.read, f.path);
const undo = (f: RegionFile) => undoStep(writeDb(f.sqlite))?.label ?? null;
const redo = (f: RegionFile) => redoStep(writeDb(f.sqlite))?.label ?? null;

describe('undo log', () => {
  it('keeps bulk images exactly: whole numbers as 32-bit, anything else as 64-bit, and reads images of either width', () => {
    const round = (arrays: number[][]) => unpack(pack(arrays.map((a) => Float64Array.from(a))), arrays.length, arrays[0].length).map((a) => Array.from(a));
    const whole = [[1, -2, 2_147_483_647, -2_147_483_648], [0, 5, 6, 7]];
    expect(round(whole)).toEqual(whole);
    // Compressed with zstd (its frame's magic number first), 4 bytes a value.
    const image = pack(whole.map((a) => Float64Array.from(a)));
    expect(image.readUInt32LE(0)).toBe(0xfd2fb528);
    expect(zstdDecompressSync(image).length).toBe(8 * 4);
    // Beyond 32 bits, fractions, minus zero and NaN (a leaf without a customer) keep 64 bits.
    for (const odd of [2_147_483_648, 1e13, 0.5, -0, Number.NaN]) {
      const [a, b] = round([[1, odd], [3, 4]]);
      expect(Object.is(a[1], odd)).toBe(true);
      expect(b).toEqual([3, 4]);
    }
    // Images written before: deflated, as 64-bit floats or as 32-bit integers; read the same.
    const old = Float64Array.from([7, 8.25, 9, 10]);
    const blob = deflateSync(Buffer.from(old.buffer));
    expect(unpack(blob, 2, 2).map((a) => Array.from(a))).toEqual([[7, 8.25], [9, 10]]);
    const old32 = Int32Array.from([1, -2, 3, 4]);
    expect(unpack(deflateSync(Buffer.from(old32.buffer), { level: 1 }), 2, 2).map((a) => Array.from(a))).toEqual([[1, -2], [3, 4]]);
    expect(() => unpack(deflateSync(Buffer.alloc(12)), 2, 2)).toThrow(/undo record holds 12 bytes/);
  });


  it('undoes and redoes edits, and survives closing and reopening', async () => {
    const path = join(tempDir(), 'u.rplan');
    let f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    expect(editState(f.read, null)).toMatchObject({ canUndo: false, canRedo: false });
    updateProfile(f, { managerName: '王經理' });
    updateProfile(f, { notes: '重點：空白區域招商' });
    expect(editState(f.read, null)).toMatchObject({ canUndo: true, undoLabel: 'edit.profile', canRedo: false });
    expect(undo(f)).toBe('edit.profile');
    expect(summary(f).notes).toBe('');
    expect(summary(f).managerName).toBe('王經理');
    await f.close();

    f = await openRegionFile(path);
    expect(editState(f.read, null)).toMatchObject({ canUndo: true, canRedo: true });
    expect(undo(f)).toBe('edit.profile');
    expect(summary(f).managerName).toBe('');
    expect(undo(f)).toBeNull();
    await f.close();

    f = await openRegionFile(path);
    expect(redo(f)).toBe('edit.profile');
    expect(redo(f)).toBe('edit.profile');
    expect(redo(f)).toBeNull();
    expect(summary(f)).toMatchObject({ managerName: '王經理', notes: '重點：空白區域招商' });
    await f.close();
  });

  it('drops the redo branch when a new edit is made', async () => {
    const f = await createRegionFile(join(tempDir(), 'b.rplan'), { regionName: 'r', planYear: 2027, displayUnit: 'wan' });
    updateProfile(f, { managerName: 'A' });
    updateProfile(f, { managerName: 'B' });
    undo(f);
    updateProfile(f, { managerName: 'C' });
    expect(editState(f.read, null).canRedo).toBe(false);
    undo(f);
    expect(summary(f).managerName).toBe('A');
    await f.close();
  });

  it('undoes inserts and deletes of rows, as one step each', async () => {
    const f = await createRegionFile(join(tempDir(), 'c.rplan'), { regionName: 'r', planYear: 2027, displayUnit: 'wan' });
    const insertTwo = () =>
      editFile(f, (db) => recordEdit(db, 'edit.addChannels', () => {
        f.sqlite.prepare(`INSERT INTO channel (id, code, name) VALUES (1, 'KA', 'KA賣場'), (2, 'CVS', '便利店')`).run();
        return {
          value: null,
          changes: [
            { table: 'channel', key: { id: 1 }, before: null, after: { id: 1, code: 'KA', name: 'KA賣場', sort_order: 0, active: 1 } },
            { table: 'channel', key: { id: 2 }, before: null, after: { id: 2, code: 'CVS', name: '便利店', sort_order: 0, active: 1 } },
          ],
        };
      }));
    insertTwo();
    const count = () => f.sqlite.prepare('SELECT count(*) FROM channel').pluck().get();
    expect(count()).toBe(2);
    undo(f);
    expect(count()).toBe(0);
    redo(f);
    expect(count()).toBe(2);
    // A step whose edit throws leaves neither data nor a log entry.
    expect(() =>
      editFile(f, (db) => recordEdit(db, 'edit.bad', () => {
        f.sqlite.prepare(`DELETE FROM channel WHERE id = 1`).run();
        throw new Error('rule broken');
      })),
    ).toThrow('rule broken');
    expect(count()).toBe(2);
    expect(f.sqlite.prepare('SELECT count(*) FROM undo_step').pluck().get()).toBe(1);
    await f.close();
  });
});
