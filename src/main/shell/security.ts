import { shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl, isOwnPageUrl, originOf } from './urls';
import { regionPathFromFileUrl } from './osPaths';

// The renderer is treated as untrusted: whatever runs in it (a bug in a grid
// renderer, a crafted string in an imported file) must not be able to navigate the
// window, open windows, reach the network, ask for device permissions or hand an
// arbitrary URL to the OS. Each of those doors is shut here, in one file.

/** Opens an allow-listed URL in the user's browser; anything else is refused. */
export async function openExternalSafely(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) {
    console.warn(`[regionplan] refused to open external URL: ${url.slice(0, 200)}`);
    return false;
  }
  await shell.openExternal(url);
  return true;
}

/**
 * Permissions and network for the window's session. No permission is granted
 * except writing to the clipboard from our own page (the grids' "copy as table"
 * buttons; reading the clipboard stays denied, pasting uses the paste event), and
 * every http(s)/ws(s) request is cancelled except to the dev server in development.
 */
export function hardenSession(ses: Session, devOrigin: string | null): void {
  const ownClipboardWrite = (permission: string, url: string | undefined, isMainFrame: boolean): boolean =>
    permission === 'clipboard-sanitized-write' && isMainFrame && url !== undefined && isOwnPageUrl(url, devOrigin);

  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ownClipboardWrite(permission, details.requestingUrl, details.isMainFrame));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    ownClipboardWrite(permission, requestingOrigin, details.isMainFrame),
  );
  ses.setDevicePermissionHandler(() => false);

  const devHost = devOrigin === null ? null : new URL(devOrigin).host;
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => {
      let allowed = false;
      try {
        allowed = devHost !== null && new URL(details.url).host === devHost;
      } catch {
        // An unparsable URL is not the dev server.
      }
      if (!allowed) console.warn(`[regionplan] blocked request: ${details.url.slice(0, 200)}`);
      callback({ cancel: !allowed });
    },
  );
}

export interface WebContentsGuardOptions {
  devOrigin: string | null;
  /** A region file dropped on a page; the navigation itself is always cancelled. */
  onRegionFileDropped(path: string, contents: WebContents): void;
}

/**
 * Applied to every webContents the app ever creates (app 'web-contents-created'),
 * so a window or frame that slips past the main window's own setup is covered too.
 */
export function guardWebContents(contents: WebContents, options: WebContentsGuardOptions): void {
  // Dropping a file on the page makes Chromium navigate to its file:// URL (the
  // window has navigateOnDragDrop). That is how a dropped region file reaches
  // main without the renderer ever seeing a path; every other navigation is
  // refused. In development the dev server may reload the page.
  contents.on('will-navigate', (event) => {
    const { url } = event;
    if (options.devOrigin !== null && originOf(url) === options.devOrigin) return;
    event.preventDefault();
    const dropped = regionPathFromFileUrl(url);
    if (dropped !== null) {
      options.onRegionFileDropped(dropped, contents);
      return;
    }
    console.warn(`[regionplan] blocked navigation to ${url.slice(0, 200)}`);
  });

  // The renderer has no frames of its own; a sub-frame going anywhere is refused.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) event.preventDefault();
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank to an allow-listed page opens in the browser.
    if (isAllowedExternalUrl(url)) void openExternalSafely(url);
    return { action: 'deny' };
  });
}
