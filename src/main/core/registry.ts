import {
  contract,
  isChannelName,
  type ChannelName,
  type ChannelParsedInput,
  type ChannelResult,
} from '../../shared/contract';
import { AppError, type AppErrorData, type Result } from '../../shared/errors';

export type Handler<K extends ChannelName> = (
  input: ChannelParsedInput<K>,
) => Promise<ChannelResult<K>> | ChannelResult<K>;

type AnyHandler = (input: unknown) => unknown;

/** Turns anything thrown into error data; unexpected errors keep their message but no stack. */
export function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const message = e instanceof Error ? e.message : String(e);
  if (/snapshot is frozen/.test(message)) return { code: 'CONFLICT', message };
  return { code: 'INTERNAL', message };
}

/**
 * The one place where calls enter the core, whatever the transport: the channel
 * must exist, the input must pass the channel's schema, and every outcome becomes
 * a Result. Registering a channel twice is a programming error.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<ChannelName, AnyHandler>();

  register<K extends ChannelName>(name: K, handler: Handler<K>): void {
    if (this.handlers.has(name)) throw new Error(`channel ${name} registered twice`);
    this.handlers.set(name, handler as AnyHandler);
  }

  /** Throws unless every channel of the contract has a handler. */
  assertComplete(): void {
    const missing = (Object.keys(contract) as ChannelName[]).filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);
  }

  async invoke(name: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `unknown channel: ${String(name).slice(0, 80)}` } };
    }
    const handler = this.handlers.get(name);
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `no handler for ${name}` } };
    const parsed = contract[name].input.safeParse(rawInput === undefined ? {} : rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      };
    }
    try {
      return { ok: true, value: await handler(parsed.data) };
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  }
}
