import type { AppErrorData } from '../../../shared/errors';
import type { Transport } from '../../../shared/contract';

// Dropping a region file on the window. The two transports differ:
// - Electron: the renderer must NOT cancel the drop of a .rplan file. Chromium then
//   navigates to its file:// URL and the main process's will-navigate handler opens
//   the file (and grants it), so the renderer never needs a path.
// - Web: the page has the bytes but no path; the file is uploaded to the host, which
//   keeps a copy in its folder, and that copy is opened.

const EXTENSION = '.rplan';

export function isRegionFileName(name: string): boolean {
  return name.toLowerCase().endsWith(EXTENSION);
}

export type DropPlan =
  | { kind: 'none' } // not a file drag: leave it alone
  | { kind: 'native' } // Electron opens it; the renderer hears file-changed
  | { kind: 'upload'; file: File } // web: upload, then file.open
  | { kind: 'refused'; error: AppErrorData };

function hasFiles(event: DragEvent): boolean {
  return !!event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
}

/** dragover/dragenter: accept file drags so that the drop reaches the page. */
export function acceptFileDrag(event: DragEvent): boolean {
  if (!hasFiles(event)) return false;
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  return true;
}

/** drop: decides what to do and cancels the browser's default where the app handles it. */
export function planDrop(event: DragEvent, transport: Transport): DropPlan {
  if (!hasFiles(event) || !event.dataTransfer) return { kind: 'none' };
  const files = Array.from(event.dataTransfer.files);
  const file = files.find((f) => isRegionFileName(f.name));
  if (!file) {
    // Never let the browser navigate away to a dropped PDF or spreadsheet.
    event.preventDefault();
    const name = files[0]?.name ?? '';
    return {
      kind: 'refused',
      error: { code: 'FILE_REFUSED', reason: 'wrong_extension', path: name, message: `${name}: not a region file` },
    };
  }
  if (transport === 'electron') return { kind: 'native' };
  event.preventDefault();
  return { kind: 'upload', file };
}
