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

/** Where the end-of-central-directory record starts (searched from the end, past a comment of up to 64 KB), or -1. */
function endOfCentralDirectory(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/** null when the bytes have no readable central directory (not a zip, or a truncated one). */
export function zipTotals(buf: Buffer): ZipTotals | null {
  const eocd = endOfCentralDirectory(buf);
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

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is not something an .xlsx holds. */
  method: number;
  /** Where the entry's compressed bytes start in the file. */
  dataStart: number;
  compressed: number;
  /** The smaller of what the central directory and the local header claim it unpacks to. */
  declared: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
  /** The host that made the entry (high byte of "version made by"; 3 is Unix) and its external attributes (Unix mode in the high 16 bits). */
  madeBy: number;
  externalAttributes: number;
}

const LOCAL = 0x04034b50;

/** The entries of a zip's central directory, or null when it cannot be read. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  const eocd = endOfCentralDirectory(buf);
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (dirOffset + dirSize > buf.length) return null;
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return null;
    const nameLength = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return null;
    const compressed = buf.readUInt32LE(p + 20);
    // The data follows the local header, whose name and extra field lengths may differ from the central one's.
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressed > buf.length) return null;
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      dataStart,
      compressed,
      // A local header whose sizes follow the data (flag bit 3) says 0 here; otherwise it must agree.
      declared: buf.readUInt16LE(local + 6) & 8 ? buf.readUInt32LE(p + 24) : Math.min(buf.readUInt32LE(p + 24), buf.readUInt32LE(local + 22)),
      flags: buf.readUInt16LE(p + 8),
      madeBy: buf.readUInt8(p + 5),
      externalAttributes: buf.readUInt32LE(p + 38),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}
