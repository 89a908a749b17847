import {
  contract,
  type AppEvent,
  type EndpointInput,
  type EndpointName,
  type EndpointResult,
  type FollowUp,
  type RegionPlanApi,
  type Transport,
} from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { decodeWireResult, WIRE_ROWS_HEADER, WIRE_ROWS_VALUE } from '../../../shared/wireRows';
import { ApiError } from './apiError';
import type { ChangeListener, StoreFollowUp } from './queryStore';

// The renderer's one way to reach the core. The transport is picked once, at
// start-up: the Electron preload's `window.regionplan`, or the web host's HTTP API
// (src/main/web/server.ts). Feature code reads with useQuery (api/queries.ts) and
// changes with useCommand (api/commands.ts), both on `api.call`.

export { ApiError, toErrorData } from './apiError';

/** Endpoints whose input has no required field may be called without one. */
type InputArgs<K extends EndpointName> = Record<never, never> extends EndpointInput<K> ? [input?: EndpointInput<K>] : [input: EndpointInput<K>];

export type UploadPurpose = 'open' | 'import' | 'package' | 'answer';

export interface Api {
  readonly transport: Transport;
  call<K extends EndpointName>(endpoint: K, ...args: InputArgs<K>): Promise<EndpointResult<K>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
  /**
   * Called with the areas of the file a command changed, before its call resolves, and
   * with the answers the core sent with it to the follow-ups it was given.
   */
  onChange(listener: ChangeListener): () => void;
  /** Says which queries to send with each edit command (the query store: the views on screen). */
  followWith(provider: () => readonly StoreFollowUp[]): void;
  /**
   * Web only: copies a dropped file into the host's folder; resolves its path there.
   * purpose 'import' keeps a data file (CSV, Excel) in the host's imports folder, 'answer'
   * head office's return file; 'package' keeps a plan package for head office to receive.
   */
  upload(file: File, purpose?: UploadPurpose): Promise<string>;
}

async function readResult<T>(response: Response): Promise<Result<T>> {
  const text = await response.text();
  try {
    const parsed = decodeWireResult(JSON.parse(text)) as Result<T>;
    if (parsed && typeof parsed === 'object' && 'ok' in parsed) return parsed;
  } catch {
    // fall through: not the host's JSON (a proxy page, a crash)
  }
  return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
}

// The web host authorises by its session cookie (HttpOnly, set when this browser opened
// the host's launch link): the page never sees a secret, and same-origin requests,
// the event stream's included, carry the cookie.
async function post<T>(url: string, body: BodyInit, contentType: string): Promise<Result<T>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': contentType, [WIRE_ROWS_HEADER]: WIRE_ROWS_VALUE },
      body,
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `the RegionPlan host did not answer (${String(e)})` } };
  }
  return readResult<T>(response);
}

/** The web host's transport: fetch for calls, one shared EventSource for events. */
function webTransport(): RegionPlanApi & { upload(file: File, purpose?: UploadPurpose): Promise<Result<{ path: string }>> } {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events');
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
    invoke<K extends EndpointName>(endpoint: K, input: EndpointInput<K>, followUps?: readonly FollowUp[]) {
      if (followUps) {
        return post<EndpointResult<K>>(`/api/call/${encodeURIComponent(endpoint)}`, JSON.stringify({ input: input ?? {}, followUps }), 'application/json');
      }
      return post<EndpointResult<K>>(
        `/api/invoke/${encodeURIComponent(endpoint)}`,
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
    upload(file: File, purpose?: UploadPurpose) {
      return post<{ path: string }>(
        `/api/upload?name=${encodeURIComponent(file.name)}${purpose === 'import' || purpose === 'package' || purpose === 'answer' ? `&purpose=${purpose}` : ''}`,
        file,
        'application/octet-stream',
      );
    },
  };
}

/** The call's input; endpoints without required fields default to {}. */
function inputOf<K extends EndpointName>(args: InputArgs<K>): EndpointInput<K> {
  return (args[0] ?? {}) as EndpointInput<K>;
}

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}

export function createApi(): Api {
  const changeListeners = new Set<ChangeListener>();
  const onChange = (listener: ChangeListener) => {
    changeListeners.add(listener);
    return () => {
      changeListeners.delete(listener);
    };
  };
  let provider: (() => readonly StoreFollowUp[]) | null = null;
  const followWith = (p: () => readonly StoreFollowUp[]) => {
    provider = p;
  };
  /** The follow-ups to send with `endpoint`: an edit command's, when a store asks for any. */
  const followUpsFor = (endpoint: EndpointName): readonly StoreFollowUp[] => {
    const spec = contract[endpoint];
    return spec.kind === 'command' && spec.run === 'edit' && provider ? provider() : [];
  };
  /** A command's answer: tell the query layer what changed before the caller sees the value. */
  const settle = <T,>(result: Result<T>, asked: readonly StoreFollowUp[]): T => {
    if (result.ok && result.changed && result.changed.length > 0) {
      const followed = asked.length > 0 && result.answers?.length === asked.length ? { asked, answers: result.answers } : undefined;
      for (const l of [...changeListeners]) l(result.changed, followed);
    }
    return unwrap(result);
  };
  /** What crosses to the core: the follow-ups without the store's keys. */
  const wire = (asked: readonly StoreFollowUp[]): FollowUp[] | undefined => (asked.length > 0 ? asked.map(({ endpoint, input }) => ({ endpoint, input })) : undefined);
  const electron = window.regionplan;
  if (electron) {
    return {
      transport: 'electron',
      async call<K extends EndpointName>(endpoint: K, ...args: InputArgs<K>) {
        const asked = followUpsFor(endpoint);
        return settle(await electron.invoke(endpoint, inputOf<K>(args), wire(asked)), asked);
      },
      onEvent: (listener) => electron.onEvent(listener),
      onChange,
      followWith,
      upload: () =>
        Promise.reject(new ApiError({ code: 'NOT_SUPPORTED', message: 'upload is only needed by the web host' })),
    };
  }
  const web = webTransport();
  return {
    transport: 'web',
    async call<K extends EndpointName>(endpoint: K, ...args: InputArgs<K>) {
      const asked = followUpsFor(endpoint);
      return settle(await web.invoke(endpoint, inputOf<K>(args), wire(asked)), asked);
    },
    onEvent: (listener) => web.onEvent(listener),
    onChange,
    followWith,
    async upload(file, purpose) {
      return unwrap(await web.upload(file, purpose)).path;
    },
  };
}

/** The app's one client, made when the module is first loaded. */
export const api: Api = createApi();
