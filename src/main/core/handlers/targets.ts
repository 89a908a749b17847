import { AppError } from '../../../shared/errors';
import type { HandlerRegistry } from '../registry';
import { balanceTargets, currentPairs, setCells, spreadManual } from '../services/targets/edit';
import { readLocks, setLock } from '../services/targets/locks';
import { cubeForEdit, targetCache } from '../services/targets/model';
import { compareVersions, targetSummary, targetTree } from '../services/targets/read';
import { seasonalityOf, setSeasonality } from '../services/targets/season';
import {
  assertEditable, createVersion, deleteVersion, hoTarget, listVersions, promoteVersion, setHoTarget,
} from '../services/targets/versions';

/**
 * The sales targets' endpoints. Queries read the target cube (rebuilt when the file
 * changed underneath it); commands that change target values update the cube as they
 * write (cubeForEdit), so it stays current after their commit.
 */
export function registerTargets(r: HandlerRegistry): void {
  r.query('targets.versions', (_, { db, file }) => listVersions(db.sqlite, targetCache(file, db)));
  r.command('targets.createVersion', (input, ctx) => {
    const c = cubeForEdit(ctx);
    const id = createVersion(ctx.db.sqlite, input);
    const info = listVersions(ctx.db.sqlite, c).find((v) => v.id === id);
    if (!info) throw new AppError('INTERNAL', 'the new version is missing');
    return info;
  });
  r.command('targets.deleteVersion', ({ id }, ctx) => {
    const c = cubeForEdit(ctx);
    deleteVersion(ctx.db.sqlite, id);
    c.forget(id);
    return null;
  });
  r.command('targets.promote', ({ id }, ctx) => {
    const c = cubeForEdit(ctx);
    promoteVersion(ctx.db, id);
    return listVersions(ctx.db.sqlite, c);
  });
  r.query('targets.hoTarget', (_, { db }) => hoTarget(db.sqlite));
  r.command('targets.setHoTarget', ({ months }, ctx) => {
    cubeForEdit(ctx);
    return setHoTarget(ctx.db, months);
  });
  r.query('targets.tree', ({ versionId, levels, measure, parent }, { db, file }) =>
    targetTree(db.sqlite, targetCache(file, db), versionId, levels, measure, parent),
  );
  r.query('targets.summary', ({ versionId }, { db, file }) => targetSummary(db.sqlite, targetCache(file, db), versionId));
  r.command('targets.setCells', (input, ctx) => setCells(ctx.db, cubeForEdit(ctx), input));
  r.command('targets.spreadManual', (input, ctx) => spreadManual(ctx.db, cubeForEdit(ctx), input));
  r.query('targets.locks', ({ versionId }, { db, file }) => readLocks(db.sqlite, targetCache(file, db).refs, versionId));
  r.command('targets.setLock', ({ versionId, scope, month, locked }, ctx) => {
    const c = cubeForEdit(ctx);
    assertEditable(ctx.db.sqlite, versionId);
    setLock(ctx.db.sqlite, versionId, scope, month, locked);
    return readLocks(ctx.db.sqlite, c.refs, versionId);
  });
  r.query('targets.seasonality', ({ versionId }, { db, file }) => seasonalityOf(db.sqlite, targetCache(file, db), versionId));
  r.command('targets.setSeasonality', ({ versionId, profile }, ctx) => setSeasonality(ctx.db.sqlite, cubeForEdit(ctx), versionId, profile));
  r.command('targets.balance', (input, ctx) => balanceTargets(ctx.db, cubeForEdit(ctx), input));
  r.query('targets.pairs', ({ versionId, measure }, { db, file }) => currentPairs(db, targetCache(file, db), versionId, measure));
  r.query('targets.compare', ({ versionIds, dim, measure }, { db, file }) => {
    const c = targetCache(file, db);
    const all = listVersions(db.sqlite, c);
    const chosen = versionIds.map((id) => {
      const v = all.find((x) => x.id === id);
      if (!v) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
      return v;
    });
    return compareVersions(db.sqlite, c, chosen, dim, measure);
  });
}
