import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AppEvent, RegionPlanApi } from '../shared/contract';
import type { Result } from '../shared/errors';
import { IPC_EVENT, IPC_INVOKE } from './shell/ipcNames';

// The sandboxed preload: bundled to one CommonJS file (out/preload/preload.cjs)
// that may require only 'electron'. It exposes exactly window.regionplan, two
// functions wide. ipcRenderer itself, IPC message names and the IPC event objects
// (which carry `sender`) never reach the page. Only types are imported from the
// contract, so zod and the rest of shared/ stay out of this bundle.

function failure(e: unknown): Result<never> {
  // ipcRenderer.invoke rejects only when the call never reached a handler, e.g. an
  // input that cannot be structured-cloned; the page still gets a Result.
  return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

const api: RegionPlanApi = {
  invoke(endpoint, input, followUps) {
    return ipcRenderer.invoke(IPC_INVOKE, endpoint, input, followUps).catch(failure);
  },
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent): void => listener(appEvent);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('regionplan', api);
