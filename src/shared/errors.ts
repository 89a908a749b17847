import type { Area } from './areas';
import type { Messages } from './i18n/zh-Hant';

// Errors cross every boundary (IPC, HTTP, CLI) as data: a code from this closed
// union, an English message for logs and the CLI, and structured details the
// renderer turns into a message in the user's language.

export const ERROR_CODES = [
  'INVALID_INPUT', // the call's input failed its endpoint's schema or a domain rule
  'UNKNOWN_ENDPOINT', // no such endpoint
  'FORBIDDEN', // the caller may not make this call (wrong sender, bad token, path not granted)
  'NO_OPEN_FILE', // the call needs an open region file
  'FILE_NOT_FOUND',
  'FILE_REFUSED', // the file exists but is not one we accept (see RefusalReason)
  'FILE_EXISTS',
  'NOT_SUPPORTED', // not available on this transport (e.g. native dialogs in the web host)
  'CANCELLED', // a job was cancelled by the user
  'CONFLICT', // the data changed underneath, or a rule like "snapshot is frozen"
  'READ_ONLY', // the open file takes no change until its full integrity check has passed
  'NOT_WRITTEN', // an edit or a new version is saved, but the rows it changed or copies could not be written yet (disk full, file locked)
  'NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a file was refused; each maps to a message that tells the user what to do. */
export const REFUSAL_REASONS = [
  'empty',
  'not_sqlite',
  'foreign',
  'newer_schema',
  'corrupt',
  'truncated',
  'wrong_extension',
  'is_directory',
  'not_regular',
  'unreadable',
  'inconsistent_schema', // the schema version says older than the tables the file holds
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface InputIssue {
  /** Where in the input, e.g. "planYear" or "rows.3.amount". */
  path: string;
  message: string;
}

/** Every message key of the UI's catalog ("targets.error.noWeights"), as a type: a key that does not exist fails the type check. */
type LeafKeys<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : LeafKeys<T[K], `${P}${K}.`> }[keyof T & string];
export type MessageKey = LeafKeys<Messages>;

/** Values a rule's sentence names ({{name}} in the catalog). */
export type RuleParams = Record<string, string | number>;

export interface AppErrorData {
  code: ErrorCode;
  /** English, for logs and the command line. */
  message: string;
  reason?: RefusalReason;
  path?: string;
  /** Where in the input the problem is, one entry per place (English messages). */
  issues?: InputIssue[];
  /** The domain rule that refused the call: the sentence the UI shows, in the user's language. */
  rule?: MessageKey;
  /** The values the rule's sentence names. */
  params?: RuleParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Omit<AppErrorData, 'code' | 'message'>;
  constructor(code: ErrorCode, message: string, details: Omit<AppErrorData, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/**
 * What every call returns. A command's success also names the areas of the file it
 * changed (none when it changed nothing), so that the renderer reloads what reads them.
 */
/**
 * A refusal by a domain rule: `rule` names the sentence the UI shows (with `params`),
 * `message` says it in English for logs, and `path`, when given, says where in the input.
 */
export function refusal(code: ErrorCode, rule: MessageKey, message: string, where: { path?: string; params?: RuleParams; file?: string } = {}): AppError {
  return new AppError(code, message, {
    rule,
    ...(where.params ? { params: where.params } : {}),
    ...(where.file !== undefined ? { path: where.file } : {}),
    ...(where.path !== undefined ? { issues: [{ path: where.path, message }] } : {}),
  });
}

/**
 * A call's outcome. A command's names the areas it changed and, when the call asked for
 * follow-ups (see `FollowUp` in the contract), the answers to those that read one of them,
 * in the order asked (null: not answered with it; the renderer asks for it itself).
 */
export type Result<T> =
  | { ok: true; value: T; changed?: readonly Area[]; answers?: readonly (Result<unknown> | null)[] }
  | { ok: false; error: AppErrorData };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
