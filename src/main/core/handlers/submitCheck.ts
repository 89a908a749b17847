import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { setTolerance, submissionCheck } from '../services/submit/check';
import { targetCache } from '../services/targets/model';

/** 報送前檢查: the pre-submission check and head office's tolerance. */
export function registerSubmitCheck(r: HandlerRegistry, session: Session): void {
  r.query('submit.check', ({ versionId, language }, { db, file }) =>
    submissionCheck(db, () => targetCache(file, db), { versionId, language: language ?? session.state.language }),
  );
  r.command('submit.setTolerance', ({ tolerance }, { db }) => (setTolerance(db, tolerance), null));
}
