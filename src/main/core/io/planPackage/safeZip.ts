import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { zipEntries, type ZipEntry } from '../zip';

// Reading a package that came from elsewhere: the zip's directory is checked before
// anything is unpacked (names, links, sizes, methods), and every entry is inflated as a
// stream with its real size counted against what it declares and the limits, so a few
// kilobytes that unpack to gigabytes are stopped at the first chunk too many.

export const ZIP_LIMITS = {
  entries: 16,
  /** The whole package file. */
  packageBytes: 2 * 1024 ** 3,
  /** One entry, unpacked; and all of them. */
  entryBytes: 4 * 1024 ** 3 - 1,
  totalBytes: 4 * 1024 ** 3,
  /** Unpacked ÷ packed beyond this (for entries over a megabyte) is a zip bomb, not a database. */
  ratio: 200,
  /** The manifest and the signature are read into memory. */
  smallEntryBytes: 4 * 1024 * 1024,
};

export class ZipRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX = 3;

/** Whether a name is a plain relative path inside the package: no root, drive, backslash, `.`/`..` segment or control character. */
export function safeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 200) return false;
  if (name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name)) return false;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20 || name.charCodeAt(i) === 0x7f) return false;
  return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** The zip's entries, checked without unpacking; throws ZipRefusal. */
export function checkedEntries(buf: Buffer): ZipEntry[] {
  if (buf.length > ZIP_LIMITS.packageBytes) throw new ZipRefusal('tooLarge', { name: '*' });
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new ZipRefusal('notZip');
  const entries = zipEntries(buf);
  if (!entries || entries.length === 0) throw new ZipRefusal('notZip');
  if (entries.length > ZIP_LIMITS.entries) throw new ZipRefusal('tooLarge', { name: `${entries.length} entries` });
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (!safeEntryName(e.name)) throw new ZipRefusal('unsafePath', { name: e.name });
    if (e.madeBy === UNIX) {
      const type = (e.externalAttributes >>> 16) & S_IFMT;
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw new ZipRefusal('link', { name: e.name });
      if (type === S_IFDIR) throw new ZipRefusal('extraFile', { name: e.name });
    }
    if (seen.has(e.name)) throw new ZipRefusal('badZip');
    seen.add(e.name);
    if (e.flags & 1 || (e.method !== 0 && e.method !== 8)) throw new ZipRefusal('badZip');
    if (e.declared === 0xffffffff || e.compressed === 0xffffffff || e.declared > ZIP_LIMITS.entryBytes) throw new ZipRefusal('tooLarge', { name: e.name });
    if (e.declared > 1024 * 1024 && e.declared > e.compressed * ZIP_LIMITS.ratio) throw new ZipRefusal('zipBomb', { name: e.name });
    total += e.declared;
    if (total > ZIP_LIMITS.totalBytes) throw new ZipRefusal('tooLarge', { name: e.name });
  }
  return entries;
}

export interface Unpacked {
  sha256: string;
  bytes: number;
}

const CHUNK = 256 * 1024;

/**
 * Unpacks one entry as a stream: each chunk is hashed and handed to `sink`; more than the
 * entry declares (or `limit`) is a zip bomb.
 */
export async function unpack(buf: Buffer, entry: ZipEntry, sink: (chunk: Buffer) => void, limit = ZIP_LIMITS.entryBytes): Promise<Unpacked> {
  const hash = createHash('sha256');
  let bytes = 0;
  const take = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > entry.declared || bytes > limit) throw new ZipRefusal(bytes > limit && bytes <= entry.declared ? 'tooLarge' : 'zipBomb', { name: entry.name });
    hash.update(chunk);
    sink(chunk);
  };
  const data = buf.subarray(entry.dataStart, entry.dataStart + entry.compressed);
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += CHUNK) take(data.subarray(at, at + CHUNK));
  } else {
    const inflater = createInflateRaw({ chunkSize: CHUNK });
    inflater.end(data);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) take(chunk);
    } catch (e) {
      inflater.destroy();
      if (e instanceof ZipRefusal) throw e;
      throw new ZipRefusal('notZip');
    }
  }
  if (bytes !== entry.declared) throw new ZipRefusal('notZip');
  return { sha256: hash.digest('hex'), bytes };
}

/** Unpacks a small entry into memory. */
export async function unpackSmall(buf: Buffer, entry: ZipEntry): Promise<{ data: Buffer } & Unpacked> {
  const parts: Buffer[] = [];
  const r = await unpack(buf, entry, (c) => parts.push(Buffer.from(c)), ZIP_LIMITS.smallEntryBytes);
  return { data: Buffer.concat(parts), ...r };
}

/** Unpacks an entry to a file at `path` (created, must not exist). */
export async function unpackToFile(buf: Buffer, entry: ZipEntry, path: string): Promise<Unpacked> {
  const fd = openSync(path, 'wx', 0o600);
  try {
    return await unpack(buf, entry, (c) => {
      let done = 0;
      while (done < c.length) done += writeSync(fd, c, done, c.length - done);
    });
  } finally {
    closeSync(fd);
  }
}
