import { basename } from 'node:path';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { openReturnFile } from '../io/submitAnswer';
import { SUBMIT_WRITERS } from '../io/submitWriters';
import { submissionChanges } from '../services/submit/changes';
import { submissionHistory, submit } from '../services/submit/submit';
import { targetCache } from '../services/targets/model';

/** 報送總部: submitting the plan, head office's answer, the submission log, what changed since, the installation's key. */
export function registerSubmit(r: HandlerRegistry, session: Session): void {
  r.asyncCommand('submit.submit', async ({ versionId, language }, ctx) =>
    submit(ctx.file, (fn) => ctx.edit(fn), {
      ...(versionId !== undefined ? { versionId } : {}),
      language: language ?? session.state.language,
      // Where the host puts exports: the save dialog, or the web host's exports folder.
      choosePath: (name) => session.host.chooseExportPath(name),
      stateDir: session.host.stateDir,
      appVersion: session.host.version,
    }, SUBMIT_WRITERS),
  );
  r.asyncCommand('submit.chooseAnswer', async () => {
    const path = await session.host.chooseReturnPath();
    if (path === null) return null;
    session.grant(path);
    return { path, fileName: basename(path) };
  });
  r.asyncCommand('submit.answer', async ({ path }, ctx) => openReturnFile(ctx.file, (fn) => ctx.edit(fn), session.assertMayUse(path)));
  r.query('submit.history', (_, { db }) => submissionHistory(db));
  r.query('submit.changes', (input, { db, file }) => submissionChanges(db, () => targetCache(file, db), input));
  r.query('submit.signer', () => {
    const signer = SUBMIT_WRITERS.signer(session.host.stateDir);
    return { fingerprint: signer.fingerprint, publicKey: signer.publicKey };
  });
}
