import { AppError, type AppErrorData } from '../../../shared/errors';

/** Any thrown value as error data that crosses a thread (AppErrors keep their code and issues). */
export function errorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

/** Error data back into an AppError on the receiving thread. */
export function fromErrorData(data: AppErrorData): AppError {
  const { code, message, ...details } = data;
  return new AppError(code, message, details);
}
