import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isEndpointName, type EndpointName } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import { toErrorData, type HandlerRegistry } from '../core/registry';
import { IPC_INVOKE } from './ipcNames';

export interface IpcBindingOptions {
  registry: HandlerRegistry;
  /** The one window whose page may call the core. */
  mainWindow(): BrowserWindow | null;
  /** Hidden windows printing the deck: their page, our own print route, may call too. */
  printWindows?(): Iterable<BrowserWindow>;
  /** Whether a frame URL is our own page (app://renderer, or the dev server). */
  isOwnPage(url: string): boolean;
  /** Called after each call that reached the registry, e.g. to refresh the menu. */
  afterInvoke?(endpoint: EndpointName, result: Result<unknown>): void;
}

/**
 * Only the main frame of our window, showing our own page, may call. A sub-frame,
 * another webContents (DevTools extensions, a window that should never exist), or
 * our window after it was somehow navigated elsewhere gets FORBIDDEN.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, options: Pick<IpcBindingOptions, 'mainWindow' | 'printWindows' | 'isOwnPage'>): boolean {
  const windows = [options.mainWindow(), ...(options.printWindows?.() ?? [])];
  const window = windows.find((w) => w !== null && !w.isDestroyed() && w.webContents.id === event.sender.id) ?? null;
  if (window === null || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (frame === null || frame.isDestroyed() || frame.detached) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const main = window.webContents.mainFrame;
  // Compared by ids: two WebFrameMain objects may stand for the same frame.
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return options.isOwnPage(frame.url);
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'calls are accepted only from the RegionPlan window' },
};

/**
 * Binds the handler registry to Electron IPC: one handler for every endpoint of the
 * contract. The registry validates the endpoint's name and parses the input; this
 * wrapper adds the sender check and makes sure nothing is thrown across IPC (a
 * thrown error reaches the renderer as a bare string without its code).
 */
export function bindIpc(options: IpcBindingOptions): void {
  ipcMain.handle(IPC_INVOKE, async (event, endpoint: unknown, input: unknown, followUps?: unknown): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event, options)) {
        console.warn(`[regionplan] refused IPC from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
        return FORBIDDEN;
      }
      const result = await options.registry.invoke(endpoint, input, followUps);
      if (options.afterInvoke && isEndpointName(endpoint)) {
        try {
          options.afterInvoke(endpoint, result);
        } catch (e) {
          console.error('[regionplan] afterInvoke failed', e);
        }
      }
      return result;
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  });
}
