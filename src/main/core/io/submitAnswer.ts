import type { AnswerResult } from '../../../shared/endpoints/submit';
import { refusal, type MessageKey } from '../../../shared/errors';
import { translate } from '../../../shared/i18n';
import type { RegionFile } from '../db/regionFile';
import { pinnedHeadOfficeKey, recordHeadOfficeAnswer } from '../services/submit/answer';
import type { RunEdit } from '../services/submit/submit';
import { checkReturnFile } from './planReturn/read';

// Opening head office's return file in a region file (報送總部 and `submit answer`): the
// file checked against the key the region file pinned, then its answer recorded in the
// submission log in one change. A refused file changes nothing.

/** Reads the return file at `path` (a path the user chose) and records its answer. */
export async function openReturnFile(file: RegionFile, edit: RunEdit, path: string, now: Date = new Date()): Promise<AnswerResult> {
  const pinned = pinnedHeadOfficeKey(file.read);
  const r = await checkReturnFile(path, pinned?.fingerprint);
  if (r.verdict === 'refused') {
    // The reason's words in the user's language are the renderer's; the log's are English.
    const rule = `planReturn.reason.${r.reason}` as MessageKey;
    throw refusal('FILE_REFUSED', rule, translate('en', rule, r.params), { params: r.params, file: path });
  }
  return edit((ctx) => recordHeadOfficeAnswer(ctx.db, r.answer, { fingerprint: r.fingerprint, publicKey: r.publicKey }, now));
}
