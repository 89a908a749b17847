import { renameSync, rmSync, writeFileSync } from 'node:fs';

// Writing a printed PDF: next to its final name first, then renamed into place, so a
// failed or interrupted write never leaves half a file under the name the user chose.

export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temp = `${path}.writing-${process.pid}`;
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

/** The number of pages of a PDF as Chromium writes it (one /Type /Page object a page). */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
