import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGION_FILE_EXTENSION } from '../core/db/constants';

// Region files reach the shell from the OS in three shapes: command-line arguments
// (file association on Windows/Linux, a second instance), macOS open-file events,
// and a file:// URL when a file is dropped on the window. These helpers turn each
// into an absolute path, and only for region files: anything else is ignored rather
// than granted.

export function isRegionFilePath(path: string): boolean {
  return path.toLowerCase().endsWith(REGION_FILE_EXTENSION) && !path.includes('\0');
}

/**
 * Region file paths among a process's arguments. argv[0] is the executable; in
 * development argv[1] is the app folder or script. Chromium and Playwright add
 * switches (--inspect=0, --original-process-start-time=…), so anything starting
 * with "-" is skipped; relative paths are resolved against the caller's folder.
 */
export function regionPathsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => arg.length > 0 && !arg.startsWith('-') && isRegionFilePath(arg))
    .map((arg) => resolve(workingDirectory, arg));
}

/** The region file a dropped file:// URL points at, or null for anything else. */
export function regionPathFromFileUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:') return null;
  let path: string;
  try {
    path = fileURLToPath(parsed);
  } catch {
    // e.g. a file://server/share URL on a platform that cannot map it.
    return null;
  }
  return isRegionFilePath(path) ? path : null;
}
