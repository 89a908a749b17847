import { AppError } from '../../../shared/errors';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { balanceTargets, currentPairs, setCells, spreadManual } from '../services/targets/edit';
import { readLocks, setLock } from '../services/targets/locks';
import { targetCache, type TargetCache } from '../services/targets/model';
import { compareVersions, targetSummary, targetTree } from '../services/targets/read';
import { seasonalityOf, setSeasonality } from '../services/targets/season';
import {
  assertEditable, createVersion, deleteVersion, hoTarget, listVersions, promoteVersion, setHoTarget,
} from '../services/targets/versions';

/**
 * The targets channels. The cube is valid for the session's generation; a change
 * made here updates it in place, so after touch() the cache is re-stamped rather
 * than rebuilt. Anything else that commits (master data, imports, undo) bumps the
 * generation and the next call rebuilds it.
 */
export function registerTargets(r: HandlerRegistry, session: Session): void {
  const cache = (): TargetCache => {
    return targetCache(session.requireFile(), session.generation);
  };
  /** After a change the cache already reflects: commit it and keep the cache current. */
  const touched = (c: TargetCache): void => {
    session.touch();
    c.generation = session.generation;
  };
  const sqlite = () => session.requireFile().sqlite;

  r.register('targets.versions', () => listVersions(sqlite(), cache()));
  r.register('targets.createVersion', (input) => {
    const c = cache();
    const id = createVersion(sqlite(), input);
    touched(c);
    const info = listVersions(sqlite(), c).find((v) => v.id === id);
    if (!info) throw new AppError('INTERNAL', 'the new version is missing');
    return info;
  });
  r.register('targets.deleteVersion', ({ id }) => {
    const c = cache();
    deleteVersion(sqlite(), id);
    c.forget(id);
    touched(c);
    return null;
  });
  r.register('targets.promote', ({ id }) => {
    const c = cache();
    promoteVersion(sqlite(), id);
    touched(c);
    return listVersions(sqlite(), c);
  });
  r.register('targets.hoTarget', () => hoTarget(sqlite()));
  r.register('targets.setHoTarget', ({ months }) => {
    const c = cache();
    const result = setHoTarget(sqlite(), months);
    touched(c);
    return result;
  });
  r.register('targets.tree', ({ versionId, levels, measure, parent }) => targetTree(sqlite(), cache(), versionId, levels, measure, parent));
  r.register('targets.summary', ({ versionId }) => targetSummary(sqlite(), cache(), versionId));
  r.register('targets.setCells', (input) => {
    const c = cache();
    const outcome = setCells(session.requireFile(), c, input);
    if (outcome.changed > 0) touched(c);
    return outcome;
  });
  r.register('targets.spreadManual', (input) => {
    const c = cache();
    const outcome = spreadManual(session.requireFile(), c, input);
    if (outcome.changed > 0) touched(c);
    return outcome;
  });
  r.register('targets.locks', ({ versionId }) => readLocks(sqlite(), cache().refs, versionId));
  r.register('targets.setLock', ({ versionId, scope, month, locked }) => {
    const c = cache();
    assertEditable(sqlite(), versionId);
    setLock(sqlite(), versionId, scope, month, locked);
    touched(c);
    return readLocks(sqlite(), c.refs, versionId);
  });
  r.register('targets.seasonality', ({ versionId }) => seasonalityOf(sqlite(), cache(), versionId));
  r.register('targets.setSeasonality', ({ versionId, profile }) => {
    const c = cache();
    const result = setSeasonality(sqlite(), c, versionId, profile);
    touched(c);
    return result;
  });
  r.register('targets.balance', (input) => {
    const c = cache();
    const result = balanceTargets(session.requireFile(), c, input);
    if (result.changed > 0) touched(c);
    return result;
  });
  r.register('targets.pairs', ({ versionId, measure }) => currentPairs(session.requireFile(), cache(), versionId, measure));
  r.register('targets.compare', ({ versionIds, dim, measure }) => {
    const c = cache();
    const all = listVersions(sqlite(), c);
    const chosen = versionIds.map((id) => {
      const v = all.find((x) => x.id === id);
      if (!v) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
      return v;
    });
    return compareVersions(sqlite(), c, chosen, dim, measure);
  });
}
