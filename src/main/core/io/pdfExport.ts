// A printed PDF as the host hands it over: its pages counted for the export's answer.

/** The number of pages of a PDF as Chromium writes it (one /Type /Page object a page). */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
