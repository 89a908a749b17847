// Reads a zip's central directory (no inflating) to learn how large it claims to
// be once unpacked. An .xlsx is a zip; a few kilobytes can declare gigabytes
// (a zip bomb), so the declared sizes are checked before SheetJS inflates anything.

export interface ZipTotals {
  entries: number;
  compressed: number;
  uncompressed: number;
  /** Zip64 markers (sizes that do not fit 32 bits): treated as too large. */
  zip64: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** null when the bytes have no readable central directory (not a zip, or a truncated one). */
export function zipTotals(buf: Buffer): ZipTotals | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) return { entries: count, compressed: 0, uncompressed: Infinity, zip64: true };
  if (dirOffset + dirSize > buf.length) return null;
  let p = dirOffset;
  const totals: ZipTotals = { entries: 0, compressed: 0, uncompressed: 0, zip64: false };
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) totals.zip64 = true;
    totals.compressed += compressed;
    totals.uncompressed += uncompressed;
    totals.entries++;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return totals;
}
