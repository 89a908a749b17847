import type { TextEncoding } from '../../../shared/importTypes';

export type EncodingEvidence = 'bom' | 'valid-utf8' | 'utf16-zeros' | 'fallback';

export interface DetectedEncoding {
  encoding: TextEncoding;
  evidence: EncodingEvidence;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** The encodings a CSV may be read in, as the wizard offers them. */
export const OFFERED_ENCODINGS: TextEncoding[] = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'];

function bomOf(bytes: Uint8Array): DetectedEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', evidence: 'bom', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', evidence: 'bom', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', evidence: 'bom', bomLength: 2 };
  return null;
}

/**
 * How a text file is encoded: a byte-order mark decides; otherwise UTF-16 without
 * a BOM shows as zero bytes in every other position; otherwise bytes that are
 * valid UTF-8 are UTF-8 (GBK text is almost never valid UTF-8); otherwise GB18030,
 * the superset of GBK and GB2312 that Chinese Excel and WPS write.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const bom = bomOf(bytes);
  if (bom) return bom;
  const probe = bytes.subarray(0, Math.min(bytes.length, 4096));
  if (probe.length >= 4) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < probe.length; i++) {
      if (probe[i] === 0) {
        if (i % 2 === 0) evenZeros++;
        else oddZeros++;
      }
    }
    const half = probe.length / 2;
    if (oddZeros > half * 0.3 && evenZeros === 0) return { encoding: 'utf-16le', evidence: 'utf16-zeros', bomLength: 0 };
    if (evenZeros > half * 0.3 && oddZeros === 0) return { encoding: 'utf-16be', evidence: 'utf16-zeros', bomLength: 0 };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', evidence: 'valid-utf8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', evidence: 'fallback', bomLength: 0 };
  }
}

/** Decodes with the given encoding, dropping that encoding's byte-order mark if present. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const bom = bomOf(bytes);
  const skip = bom && bom.encoding === encoding ? bom.bomLength : 0;
  // Not fatal: a wrong choice shows as replacement characters in the preview, which
  // is how the user sees that another encoding is needed.
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(skip));
}
