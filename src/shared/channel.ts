import type { z } from 'zod';

/** A channel of the IPC contract: its input schema, and (type only) its result. */
export interface ChannelSpec<S extends z.ZodType, R> {
  input: S;
  /** Type-only: the value a successful call resolves to. */
  result: R;
}

/**
 * Declares a channel: `channel<Result>()(inputSchema)`. Input schemas are strict
 * objects, so a call with unknown keys is refused in main.
 */
export function channel<R>() {
  return <S extends z.ZodType>(input: S): ChannelSpec<S, R> => ({ input, result: undefined as R });
}
