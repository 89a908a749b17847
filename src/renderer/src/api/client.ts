import type {
  AppEvent,
  EndpointInput,
  EndpointName,
  EndpointResult,
  RegionPlanApi,
  Transport,
} from '../../../shared/contract';
import type { AppErrorData, ErrorCode, Result } from '../../../shared/errors';

// The renderer's one way to reach the core. The transport is picked once, at
// start-up: the Electron preload's `window.regionplan`, or the web host's HTTP API
// (see .tmp-protocol.md). Feature code only sees `api.call` and `api.onEvent`.

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

/** Channels whose input has no required field may be called without one. */
type InputArgs<K extends EndpointName> = Record<never, never> extends EndpointInput<K> ? [input?: EndpointInput<K>] : [input: EndpointInput<K>];

export interface Api {
  readonly transport: Transport;
  call<K extends EndpointName>(channel: K, ...args: InputArgs<K>): Promise<EndpointResult<K>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Web only: copies a dropped file into the host's folder; resolves its path there.
   * purpose 'import' keeps a data file (CSV, Excel) in the host's imports folder.
   */
  upload(file: File, purpose?: 'open' | 'import'): Promise<string>;
}

const TOKEN_HEADER = 'X-RegionPlan-Token';

function readToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="regionplan-token"]');
  return meta?.content ?? '';
}

async function readResult<T>(response: Response): Promise<Result<T>> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as Result<T>;
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
  } catch {
    // fall through: not the host's JSON (a proxy page, a crash)
  }
  return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
}

async function post<T>(url: string, token: string, body: BodyInit, contentType: string): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token, 'Content-Type': contentType },
      body,
      cache: 'no-store',
    });
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `the RegionPlan host did not answer (${String(e)})` } };
  }
  return readResult<T>(response);
}

/** The web host's transport: fetch for calls, one shared EventSource for events. */
function webTransport(): RegionPlanApi & { upload(file: File, purpose?: 'open' | 'import'): Promise<Result<{ path: string }>> } {
  const token = readToken();
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message: MessageEvent<string>) => {
      let event: AppEvent;
      try {
        event = JSON.parse(message.data) as AppEvent;
      } catch {
        return;
      }
      for (const l of [...listeners]) l(event);
    };
  };
  return {
    invoke<K extends EndpointName>(channel: K, input: EndpointInput<K>) {
      return post<EndpointResult<K>>(
        `/api/invoke/${encodeURIComponent(channel)}`,
        token,
        JSON.stringify(input ?? {}),
        'application/json',
      );
    },
    onEvent(listener) {
      listeners.add(listener);
      ensureSource();
      return () => {
        listeners.delete(listener);
      };
    },
    upload(file: File, purpose?: 'open' | 'import') {
      return post<{ path: string }>(
        `/api/upload?name=${encodeURIComponent(file.name)}${purpose === 'import' ? '&purpose=import' : ''}`,
        token,
        file,
        'application/octet-stream',
      );
    },
  };
}

/** The call's input; channels without required fields default to {}. */
function inputOf<K extends EndpointName>(args: InputArgs<K>): EndpointInput<K> {
  return (args[0] ?? {}) as EndpointInput<K>;
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

export function createApi(): Api {
  const electron = window.regionplan;
  if (electron) {
    return {
      transport: 'electron',
      async call<K extends EndpointName>(channel: K, ...args: InputArgs<K>) {
        return unwrap(await electron.invoke(channel, inputOf<K>(args)));
      },
      onEvent: (listener) => electron.onEvent(listener),
      upload: () =>
        Promise.reject(new ApiError({ code: 'NOT_SUPPORTED', message: 'upload is only needed by the web host' })),
    };
  }
  const web = webTransport();
  return {
    transport: 'web',
    async call<K extends EndpointName>(channel: K, ...args: InputArgs<K>) {
      return unwrap(await web.invoke(channel, inputOf<K>(args)));
    },
    onEvent: (listener) => web.onEvent(listener),
    async upload(file, purpose) {
      return unwrap(await web.upload(file, purpose)).path;
    },
  };
}

/** The app's one client, made when the module is first loaded. */
export const api: Api = createApi();
