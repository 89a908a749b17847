import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { SCHEMA_VERSION } from '../db/migrations';
import { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { monthlyTotals, regionOverview, setDisplayUnit, updateProfile } from '../services/region';
import { editState, lastStepEffects, redo, undo } from '../services/undo';
import { followStep } from '../services/targets/model';
import { findJob, trackJob, untrackJob } from '../jobs/registry';
import type { DemoSize } from '../demo/generate';
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

function safeFileName(name: string): string {
  // Characters no file system accepts in a name, and control characters.
  const cleaned = Array.from(name, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || 'region';
}

/** Builds the registry that every transport serves. */
export function createHandlers(session: Session): HandlerRegistry {
  const r = new HandlerRegistry();
  const host = session.host;

  r.register('app.info', () => ({
    version: host.version,
    transport: host.transport,
    nativeDialogs: host.nativeDialogs,
    platform: process.platform,
    schemaVersion: SCHEMA_VERSION,
    language: session.state.language,
  }));
  r.register('app.setLanguage', ({ language }) => {
    session.state.language = language;
    host.languageChanged?.(language);
    return null;
  });

  r.register('file.create', async ({ regionName, planYear, displayUnit, path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseSavePath(`${safeFileName(regionName)}-${planYear}.rplan`);
    if (chosen === null) return null;
    return session.create(chosen, { regionName, planYear, displayUnit });
  });
  r.register('file.open', async ({ path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseOpenPath();
    if (chosen === null) return null;
    session.grant(chosen);
    return session.open(chosen);
  });
  r.register('file.openDemo', async () => {
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
  r.register('file.close', async () => {
    await session.close();
    return null;
  });
  r.register('file.current', () => session.summary());
  r.register('file.recent', () => session.state.recent());
  r.register('file.forgetRecent', ({ path }) => {
    session.state.forgetRecent(path);
    return session.state.recent();
  });
  r.register('file.browse', () => host.browse());

  r.register('region.overview', () => regionOverview(session.requireFile()));
  r.register('region.updateProfile', (patch) => {
    const summary = updateProfile(session.requireFile(), patch);
    session.touch();
    return summary;
  });
  r.register('region.setDisplayUnit', ({ unit }) => {
    const summary = setDisplayUnit(session.requireFile(), unit);
    session.touch();
    return summary;
  });
  r.register('region.monthlyTotals', ({ year }) => monthlyTotals(session.requireFile(), year));

  r.register('edit.state', () => editState(session.requireFile().sqlite, session.savedAt));
  const step = (which: typeof undo) => {
    const file = session.requireFile();
    const from = session.generation;
    if (which(file.sqlite) !== null) {
      session.touch();
      // The target cube follows a step that only moved target values, instead of
      // being rebuilt from the file.
      followStep(file, from, session.generation, lastStepEffects(file.sqlite));
    }
    return editState(file.sqlite, session.savedAt);
  };
  r.register('edit.undo', () => step(undo));
  r.register('edit.redo', () => step(redo));

  r.register('job.cancel', ({ jobId }) => {
    const job = findJob(jobId);
    if (!job) throw new AppError('NOT_FOUND', `no running job ${jobId}`);
    job.cancel();
    return null;
  });

  registerIo(r, session);
  registerMasterData(r, session);
  registerTargets(r, session);
  registerExpenses(r, session);
  registerPromotions(r, session);
  registerTeam(r, session);
  registerActuals(r, session);
  registerAnalysis(r, session);
  registerAnalysisCustomers(r, session);
  registerAnalysisTerminals(r, session);
  registerAnalysisPrices(r, session);
  registerAnalysisExpenses(r, session);
  r.assertComplete();
  return r;
}
