import type { AnswerResult } from '../../../../shared/endpoints/submit';
import type { PlanAnswer } from '../../../../shared/submit';
import { refusal, type MessageKey, type RuleParams } from '../../../../shared/errors';
import { translate } from '../../../../shared/i18n';
import type { ReadDb, WriteDb } from '../../db/handle';
import { findRegionMeta } from '../../repos/region';
import { getSetting, putSetting } from '../../repos/settings';
import { findSubmission, setSubmissionAnswer } from '../../repos/submissions';
import { submissionInfo } from './submit';

// Head office's answer, as its signed return file brings it (docs/plan-package.md, "The
// return file"): recorded in the submission log against the package it answers. The
// file's signature says only that the file is whole; that head office signed it is the
// key pinned on the first answer the region file takes, kept in its settings, so an
// answer signed by anyone else after that is refused. The answer is a fact about what
// was sent, like the log row itself: it is not an undo step.

/** The setting that holds head office's key, pinned on the first answer. */
export const HEAD_OFFICE_KEY = 'submit.headOfficeKey';

export interface HeadOfficeKey {
  fingerprint: string;
  /** SPKI DER, base64. */
  publicKey: string;
  /** When this region file first took an answer signed by it. */
  pinnedAt: string;
}

/** Head office's answer as its return file says it (the reader has checked the file and its signature). */
export type HeadOfficeAnswer = PlanAnswer;

export function pinnedHeadOfficeKey(db: ReadDb): HeadOfficeKey | null {
  return getSetting<HeadOfficeKey>(db, HEAD_OFFICE_KEY) ?? null;
}

/** A file refused for what it says: the rule's words (English for the log and the command line). */
function refused(rule: MessageKey, params: RuleParams): never {
  throw refusal('FILE_REFUSED', rule, translate('en', rule, params), { params });
}

/**
 * Records head office's answer to one of this region's submissions. Refused when it
 * answers another region, year, revision or package, when another key than the pinned
 * one signed it, or when a later answer to the same revision is already recorded. The
 * same answer twice changes nothing.
 */
export function recordHeadOfficeAnswer(db: WriteDb, answer: HeadOfficeAnswer, key: { fingerprint: string; publicKey: string }, now: Date = new Date()): AnswerResult {
  const meta = findRegionMeta(db);
  if (answer.regionId !== meta.region_id) refused('planReturn.answer.otherRegion', { region: answer.regionName, own: meta.region_name });
  if (answer.planYear !== meta.plan_year) refused('planReturn.answer.otherYear', { year: answer.planYear, own: meta.plan_year });
  const row = findSubmission(db, meta.plan_year, answer.revision);
  if (!row) refused('planReturn.answer.unknownRevision', { revision: answer.revision });
  if (row!.package_id !== answer.packageId) refused('planReturn.answer.otherPackage', { revision: answer.revision });

  const pinned = pinnedHeadOfficeKey(db);
  if (pinned && pinned.fingerprint !== key.fingerprint) refused('planReturn.reason.keyChanged', { fingerprint: key.fingerprint, pinned: pinned.fingerprint });

  const state = answer.verdict === 'confirmed' ? 'accepted' : 'returned';
  const comment = answer.comment.trim() === '' ? null : answer.comment;
  const before = row!;
  let outcome: AnswerResult['outcome'] = 'recorded';
  if (before.answered_at !== null) {
    const same =
      before.answer_state === state && before.answer_comment === comment && before.answered_at === answer.decidedAt && before.answered_by === answer.decidedBy;
    if (same) outcome = 'same';
    else if (Date.parse(before.answered_at) >= Date.parse(answer.decidedAt)) {
      refused('planReturn.answer.stale', { revision: answer.revision, recorded: before.answered_at, decided: answer.decidedAt });
    } else outcome = 'replaced';
  }
  if (!pinned) putSetting(db, HEAD_OFFICE_KEY, { fingerprint: key.fingerprint, publicKey: key.publicKey, pinnedAt: now.toISOString() } satisfies HeadOfficeKey);
  if (outcome !== 'same') {
    setSubmissionAnswer(db, meta.plan_year, answer.revision, { answer_state: state, answer_comment: comment, answered_at: answer.decidedAt, answered_by: answer.decidedBy });
  }
  const after = findSubmission(db, meta.plan_year, answer.revision)!;
  return { submission: submissionInfo(db, after), outcome, fingerprint: key.fingerprint, pinnedNow: !pinned };
}
