import { isAbsolute, relative, resolve, sep } from 'node:path';

// The app's own URLs and the rules about which URLs are trusted. No electron import,
// so these rules can be unit-tested under plain Node.
//
// The renderer is served from app://renderer/ rather than file://: a file:// page
// may read any other file:// URL, while a standard, secure custom scheme gets an
// origin of its own, so 'self' in the CSP means "the bundled renderer" and nothing
// else on disk.

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/**
 * Maps a URL path to a file inside root, or null when it would leave root. The
 * URL parser already folds literal "..", but percent-encoded separators and
 * backslashes only become path syntax after decoding, so the check is made on the
 * resolved path, never on the string.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const wanted = decoded.replace(/^[/\\]+/, '') || 'index.html';
  const full = resolve(root, wanted);
  const rel = relative(root, full);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return full;
}

/**
 * Whether a URL is one of our own pages: app://renderer/…, or in development the
 * electron-vite dev server. Used to decide who may call IPC and where the window
 * may go.
 */
export function isOwnPageUrl(url: string, devOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return devOrigin !== null && parsed.origin === devOrigin;
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The only URLs the app hands to the OS browser. Exact matches on the normalised
 * URL, https only: shell.openExternal with an attacker's URL can launch local
 * programs through custom protocol handlers.
 */
// Empty until the product has a public help page: add its exact https URL here.
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [];

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return EXTERNAL_URL_ALLOW_LIST.includes(parsed.href);
}
