import type { HandlerRegistry } from '../registry';
import { balanceTargets, currentPairs, setCells, spreadManual } from '../services/targets/edit';
import { readLocks, setLock } from '../services/targets/locks';
import { cubeForEdit, targetCache } from '../services/targets/model';
import { compareVersions, targetSummary, targetTree } from '../services/targets/read';
import { addRow, rowOptions } from '../services/targets/rows';
import { seasonalityOf, setSeasonality } from '../services/targets/season';
import { createVersion, deleteVersion, hoTarget, listVersions, madeVersion, promoteVersion, setHoTarget } from '../services/targets/versions';

/**
 * The sales targets' endpoints. Queries read the target cube (rebuilt when the file
 * changed underneath it: targetCache); commands take it with cubeForEdit, which
 * keeps it current after their commit: those that change target values update it
 * as they write, and the others change nothing it holds.
 */
export function registerTargets(r: HandlerRegistry): void {
  // The versions, the tree and the summary answer from the cube (a version not loaded is
  // read from its rows, which the cache's loader settles first): inMemory.
  r.query('targets.versions', (_, { db, file }) => listVersions(db, targetCache(file, db)), { inMemory: true });
  r.command('targets.createVersion', (input, ctx) => {
    const c = cubeForEdit(ctx);
    const made = madeVersion(ctx.db, c, createVersion(ctx.db, input, ctx.deferCopy), input.fromId);
    ctx.afterCommit(made.keep);
    return made.info;
  });
  r.command('targets.deleteVersion', ({ id }, ctx) => {
    const c = cubeForEdit(ctx);
    deleteVersion(ctx.db, id);
    c.forget(id);
    return null;
  });
  r.command('targets.promote', ({ id }, ctx) => {
    const c = cubeForEdit(ctx);
    promoteVersion(ctx.db, id);
    return listVersions(ctx.db, c);
  });
  r.query('targets.hoTarget', (_, { db }) => hoTarget(db));
  r.command('targets.setHoTarget', ({ months }, ctx) => {
    cubeForEdit(ctx);
    return setHoTarget(ctx.db, months);
  });
  r.query(
    'targets.tree',
    ({ versionId, levels, measure, parent }, { db, file }) => targetTree(db, targetCache(file, db), versionId, levels, measure, parent),
    { inMemory: true },
  );
  r.query('targets.summary', ({ versionId }, { db, file }) => targetSummary(db, targetCache(file, db), versionId), { inMemory: true });
  // A spread: the grid's edits, spread or rolled up in the cube and written set-based (services/targets/edit.ts).
  r.command('targets.setCells', (input, ctx) => setCells(ctx.db, cubeForEdit(ctx), input));
  r.command('targets.spreadManual', (input, ctx) => spreadManual(ctx.db, cubeForEdit(ctx), input));
  r.query('targets.rowOptions', (input, { db, file }) => rowOptions(db, targetCache(file, db), input));
  // A new row: its leaves inserted in the file and the cube alike (services/targets/rows.ts).
  r.command('targets.addRow', (input, ctx) => addRow(ctx.db, cubeForEdit(ctx), input));
  r.query('targets.locks', ({ versionId }, { db, file }) => readLocks(db, targetCache(file, db).refs, versionId));
  r.command('targets.setLock', (input, ctx) => setLock(ctx.db, cubeForEdit(ctx).refs, input));
  r.query('targets.seasonality', ({ versionId }, { db, file }) => seasonalityOf(db, targetCache(file, db), versionId));
  r.command('targets.setSeasonality', ({ versionId, profile }, ctx) => setSeasonality(ctx.db, cubeForEdit(ctx), versionId, profile));
  r.command('targets.balance', (input, ctx) => balanceTargets(ctx.db, cubeForEdit(ctx), input));
  r.query('targets.pairs', ({ versionId, measure }, { db, file }) => currentPairs(db, targetCache(file, db), versionId, measure));
  // From the versions' cubes (one not loaded is read from its rows, which the loader settles first): inMemory.
  r.query('targets.compare', ({ versionIds, dim, measure }, { db, file }) => compareVersions(db, targetCache(file, db), versionIds, dim, measure), {
    inMemory: true,
  });
}
