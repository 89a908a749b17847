import type { AppErrorData, ErrorCode } from '../../../shared/errors';

/** A failed call: the host's error data, to be shown with `errorText`. */
export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.data = data;
  }
  get code(): ErrorCode {
    return this.data.code;
  }
}

/** Anything caught → error data (an ApiError's, or INTERNAL for a bug of ours). */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof ApiError) return e.data;
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}
