import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { SCHEMA_VERSION } from '../db/migrations';
import { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import type { EditState } from '../../../shared/contract';
import { safeFileName } from '../../../shared/fileNames';
import type { CommandCtx } from '../db/command';
import { areasOfEffects, editState, redo, undo } from '../db/undoLog';
import { monthlyTotals, regionOverview, setDisplayUnit, updateProfile } from '../services/region';
import { cubeStamp, followStep, warmTargetCache } from '../services/targets/model';
import { findJob, trackJob, untrackJob } from '../jobs/registry';
import type { DemoSize } from '../jobs/types';
import { registerActuals } from './actuals';
import { registerAnalysis } from './analysis';
import { registerAnalysisCustomers } from './analysisCustomers';
import { registerAnalysisExpenses } from './analysisExpenses';
import { registerAnalysisPrices } from './analysisPrices';
import { registerAnalysisTerminals } from './analysisTerminals';
import { registerIo } from './io';
import { registerMasterData } from './masterData';
import { registerTargets } from './targets';
import { registerExpenses } from './expenses';
import { registerPromotions } from './promotions';
import { registerTeam } from './team';
import { registerPlanChannel } from './planChannel';
import { registerPlanWritten } from './planWritten';
import { registerPlanTerminal } from './planTerminal';
import { registerPlanProduct } from './planProduct';
import { registerPlanVariance } from './planVariance';
import { registerDeck } from './deck';
import { registerPresent } from './present';
import { registerSubmitCheck } from './submitCheck';
import { registerSubmit } from './submit';
import { registerHq } from './hq';
import { refreshDerived } from '../repos/actualsTables';
import { followSkuCosts } from '../repos/salesGrossProfit';

/** The bundled demo region: the typical East China region, generated on first use. */
export const DEMO: { regionName: string; planYear: number; size: DemoSize; seed: number } = {
  regionName: '華東大區',
  planYear: 2027,
  size: 'typical',
  seed: 2027,
};

export function demoPath(stateDir: string, size: DemoSize = DEMO.size): string {
  const suffix = size === DEMO.size ? 'demo' : `demo-${size}`;
  return join(stateDir, 'demo', `${DEMO.regionName}-${DEMO.planYear}-${suffix}.rplan`);
}

/**
 * Builds the registry that every transport serves. Strict (the default) refuses a
 * command whose undo step changes an area it does not declare; the installed app
 * turns that off and reports the area as changed instead.
 */
export function createHandlers(session: Session, options: { strictAreas?: boolean } = {}): HandlerRegistry {
  const r = new HandlerRegistry({ file: () => session.file, strictAreas: options.strictAreas ?? true });
  const host = session.host;
  // The target cube is the slowest answer to build on a large region: start it as the
  // file opens, between other work, so that 銷售目標 finds it ready.
  session.onOpened((file) => warmTargetCache(file));

  r.query('app.info', () => ({
    version: host.version,
    transport: host.transport,
    nativeDialogs: host.nativeDialogs,
    platform: process.platform,
    schemaVersion: SCHEMA_VERSION,
    language: session.state.language,
  }));
  r.asyncCommand('app.setLanguage', async ({ language }) => {
    session.state.language = language;
    host.languageChanged?.(language);
    return null;
  });

  r.asyncCommand('file.create', async ({ regionName, planYear, displayUnit, path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseSavePath(`${safeFileName(regionName, 'region')}-${planYear}.rplan`);
    if (chosen === null) return null;
    return session.create(chosen, { regionName, planYear, displayUnit });
  });
  r.asyncCommand('file.open', async ({ path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseOpenPath();
    if (chosen === null) return null;
    session.grant(chosen);
    return session.open(chosen);
  });
  r.asyncCommand('file.openDemo', async () => {
    const size = host.demoSize ?? DEMO.size;
    const path = demoPath(host.stateDir, size);
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      const job = host.runJob(
        { kind: 'demo', size, seed: DEMO.seed, regionName: DEMO.regionName, planYear: DEMO.planYear, out: path },
        (done, total) => host.emit({ type: 'progress', jobId: job.id, label: 'job.demo', done, total }),
      );
      trackJob(job);
      host.emit({ type: 'progress', jobId: job.id, label: 'job.demo', done: 0, total: 1 });
      try {
        await job.done;
      } finally {
        untrackJob(job.id);
        host.emit({ type: 'progress', jobId: job.id, label: 'job.demo', done: 1, total: 1 });
      }
    }
    session.grant(path);
    return session.open(path);
  });
  r.asyncCommand('file.close', async () => {
    await session.close();
    return null;
  });
  r.query('file.current', () => session.summary());
  r.query('file.recent', () => session.state.recent());
  r.asyncCommand('file.forgetRecent', async ({ path }) => {
    session.state.forgetRecent(path);
    return session.state.recent();
  });
  r.query('file.browse', () => host.browse());

  r.query('region.overview', (_, { db, file }) => regionOverview(db, file.path));
  r.command('region.updateProfile', (patch, { db, file }) => updateProfile(db, file.path, patch));
  r.command('region.setDisplayUnit', ({ unit }, { db, file }) => setDisplayUnit(db, file.path, unit));
  r.query('region.monthlyTotals', ({ year }, { db }) => monthlyTotals(db, year));

  r.query('edit.state', (_, { db, file }) => editState(db, file.changes.savedAt));
  // An undo or redo changes whatever its step changed; the target cube follows a step
  // that only moved target values instead of being rebuilt from the file. So the plan's
  // cells are written after the commit (db/deferredRows.ts), as an edit's are; other
  // tables' rows at once, since the rules below read them.
  const step = (which: typeof undo) => (_: unknown, ctx: CommandCtx): EditState => {
    const before = cubeStamp(ctx.file);
    const done = which(ctx.db, { later: ['target_fact'] });
    if (done !== null) {
      ctx.touch(...areasOfEffects(done.effects));
      // Rules the log's row images do not hold: sales lines that follow a SKU's cost follow
      // it back, and the monthly sales summaries are recomputed for the lines' months.
      const keys = done.effects.rowKeys;
      if (followSkuCosts(ctx.db, (keys.sku ?? []).map((k) => Number(k.id))) > 0) ctx.touch('actuals');
      if (keys.sales_actual) refreshDerived(ctx.db, 'sales', keys.sales_actual.map((k) => Number(k.period)));
      ctx.afterCommit(() => followStep(ctx.file, before, done.effects));
    }
    // A step undone or redone is committed with this command: it is the last save.
    return editState(ctx.db, done !== null ? new Date().toISOString() : ctx.file.changes.savedAt);
  };
  r.command('edit.undo', step(undo));
  r.command('edit.redo', step(redo));

  r.asyncCommand('job.cancel', async ({ jobId }) => {
    const job = findJob(jobId);
    if (!job) throw new AppError('NOT_FOUND', `no running job ${jobId}`);
    job.cancel();
    return null;
  });

  registerIo(r, session);
  registerMasterData(r);
  registerTargets(r);
  registerExpenses(r);
  registerPromotions(r);
  registerTeam(r);
  registerPlanChannel(r);
  registerPlanWritten(r);
  registerPlanTerminal(r);
  registerPlanVariance(r);
  registerActuals(r, session);
  registerAnalysis(r);
  registerAnalysisCustomers(r);
  registerAnalysisTerminals(r);
  registerAnalysisPrices(r);
  registerAnalysisExpenses(r);
  registerPlanProduct(r);
  registerDeck(r, session);
  registerPresent(r, host);
  registerSubmitCheck(r, session);
  registerSubmit(r, session);
  registerHq(r, session);
  r.assertComplete();
  return r;
}
