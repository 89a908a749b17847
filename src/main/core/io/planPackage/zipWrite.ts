import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

// The package's zip, written with node:zlib's native deflate: a JavaScript deflate of a
// hundred-megabyte SQLite copy takes several times longer than the copy itself. A few
// entries, at the root, deflated, UTF-8 names, regular files (mode 0644), no Zip64: what
// the receiver accepts and nothing more (docs/plan-package.md).

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

/** An entry deflated and summed, ready to be laid out in the zip. */
export interface PackedEntry {
  name: string;
  size: number;
  crc: number;
  packed: Buffer;
  /** Deflated (the default) or stored as is (`packed` is then the data itself). */
  method?: 0 | 8;
}

const deflate = promisify(deflateRaw);

/**
 * Deflates an entry on libuv's thread pool, so the thread that asked can go on (the
 * package is checked while its copy is being deflated). The output buffer holds the
 * whole result, so the pool does it in one piece: in chunks, each next chunk would wait
 * for the asking thread to be free.
 */
export async function packEntry(e: ZipInput): Promise<PackedEntry> {
  // Deflate's worst case is the input plus 5 bytes per 16 KB block (and a little).
  const chunkSize = Math.max(64 * 1024, e.data.length + Math.ceil(e.data.length / 16384) * 5 + 1024);
  const packed = await deflate(e.data, { level: constants.Z_BEST_SPEED, chunkSize });
  return { name: e.name, size: e.data.length, crc: crc32(e.data), packed };
}

const MAX = 0xffffffff;

/** MS-DOS time and date fields of a moment (UTC), as zip headers hold them. */
function dosTime(at: Date): { time: number; date: number } {
  const year = Math.min(Math.max(at.getUTCFullYear(), 1980), 2107);
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

/** The zip of entries already packed, in the order given. */
export function zipPacked(entries: readonly PackedEntry[], at: Date): Buffer {
  const { time, date } = dosTime(at);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const { packed, crc, size } = e;
    const method = e.method ?? 8;
    if (size > MAX || packed.length > MAX || offset > MAX) throw new Error(`${e.name}: too large for a zip without Zip64`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: deflate
    local.writeUInt16LE(0x0800, 6); // UTF-8 name
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode below is read
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(time, 12);
    dir.writeUInt16LE(date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(dir, name);
    offset += local.length + name.length + packed.length;
  }
  const dirBytes = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
