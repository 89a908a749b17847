import { z } from 'zod';
import { asyncCommand, query } from '../endpoint';
import { LANGUAGES } from '../units';

// 報送總部: submitting the plan to head office (a frozen snapshot, its plan package and
// workbook, one row of the submission log), the log itself, what changed since the
// last submission, and the installation's signing key as the manager shows it to head
// office. The pre-submission check's endpoints are beside these.

/** The dimensions the changes since the last submission are shown by. */
export const CHANGE_DIMS = ['province', 'city', 'channel', 'brand', 'category', 'month'] as const;
export type ChangeDim = (typeof CHANGE_DIMS)[number];

export type AnswerState = 'accepted' | 'returned';

/** One row of the submission log. */
export interface SubmissionInfo {
  revision: number;
  /** The revision this one replaces, or null. */
  replaces: number | null;
  versionId: number;
  snapshotName: string;
  createdAt: string;
  packageId: string;
  fileName: string;
  workbookName: string | null;
  bytes: number;
  /** sha256 of the package file, hex. */
  sha256: string;
  signerFingerprint: string;
  /** Head office's answer, null until it comes back: when head office decided, and who (null for an answer recorded without a name). */
  answer: { state: AnswerState; comment: string | null; at: string; by: string | null } | null;
}

/** What opening head office's return file did. */
export interface AnswerResult {
  /** The submission answered, with the answer as now recorded. */
  submission: SubmissionInfo;
  /** recorded: a new answer; same: this answer was already recorded (nothing changed); replaced: a later answer replaced an earlier one. */
  outcome: 'recorded' | 'same' | 'replaced';
  /** Head office's key fingerprint, and whether this answer pinned it (the first answer the region file takes). */
  fingerprint: string;
  pinnedNow: boolean;
}

export interface SubmitResult {
  submission: SubmissionInfo;
  packagePath: string;
  workbookPath: string;
}

/** One member of a dimension (or a month) in the two submitted snapshots: amounts in cents, volume in cases. */
export interface TargetChange {
  key: string;
  label: string;
  amountBefore: number;
  amountAfter: number;
  volumeBefore: number;
  volumeAfter: number;
}

export interface ExpenseChange {
  itemId: number;
  code: string;
  name: string;
  depth: number;
  /** The item's budget for the year (cents). */
  before: number;
  after: number;
}

export type ChapterKey = 'channel' | 'terminal' | 'product' | 'written' | 'variance' | 'promotions' | 'team';
export type ChapterPartKey =
  | 'fill' | 'prospects' | 'customerChanges' | 'openings' | 'shareTargets' | 'skuTargets' | 'positions' | 'newProducts'
  | 'sections' | 'notes' | 'promotions' | 'headcount' | 'training' | 'actions';

/** A chapter's rows (and its amount, when it has one) in the two snapshots. */
export interface ChapterChange {
  chapter: ChapterKey;
  part: ChapterPartKey;
  countBefore: number;
  countAfter: number;
  /** Cents (stores for the terminal plan's openings); null when the part has no amount. */
  sumBefore: number | null;
  sumAfter: number | null;
}

export interface SubmissionChanges {
  from: { revision: number; versionId: number; name: string };
  /** The later submission, or the working plan when `to` names none (what the next one would change). */
  to: { revision: number | null; versionId: number; name: string };
  by: ChangeDim;
  targets: TargetChange[];
  targetTotal: Omit<TargetChange, 'key' | 'label'>;
  expenses: ExpenseChange[];
  chapters: ChapterChange[];
}

const revision = z.number().int().positive();

export const submitEndpoints = {
  /**
   * Runs the pre-submission check (refused, CONFLICT, when it lists errors), takes the
   * frozen snapshot 報總部 第N版 yyyy-mm-dd, and writes the plan package and the plan
   * workbook side by side where the host puts exports, then logs the submission. The
   * package, the workbook and the log row are all there or none is.
   */
  'submit.submit': asyncCommand<SubmitResult | null>(['targets', 'chapters', 'expenses', 'promotions', 'team', 'submissions'])(
    z.object({ versionId: z.number().int().positive().optional(), language: z.enum(LANGUAGES).optional() }).strict(),
  ),
  /** The submission log of the plan year, newest first. */
  'submit.history': query<SubmissionInfo[]>(['submissions', 'targets'])(z.object({}).strict()),
  /**
   * What changed between a submission (default: the one before the last) and the next
   * one (default: the last); with only one submission, between it and the working plan.
   */
  'submit.changes': query<SubmissionChanges | null>(['submissions', 'targets', 'master', 'expenses', 'promotions', 'team', 'chapters', 'actuals'])(
    z.object({ fromRevision: revision.optional(), toRevision: revision.optional(), by: z.enum(CHANGE_DIMS) }).strict(),
  ),
  /** Asks for head office's return file (.rplanret) with the host's open dialog; null when cancelled. Hosts without one: NOT_SUPPORTED (upload it). */
  'submit.chooseAnswer': asyncCommand<{ path: string; fileName: string } | null>([])(z.object({}).strict()),
  /**
   * Opens head office's return file (a path the user chose) and records its answer in the
   * submission log: refused (FILE_REFUSED, the reason's words) when the file is not whole,
   * not signed by head office's pinned key, or answers no package of this region.
   */
  'submit.answer': asyncCommand<AnswerResult>(['submissions'])(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** The installation's signing key as head office pins it: its fingerprint and public key. */
  'submit.signer': query<{ fingerprint: string; publicKey: string }>(['app'])(z.object({}).strict()),
} as const;
