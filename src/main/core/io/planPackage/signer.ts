import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// The installation's signing key: an Ed25519 key pair made on first use and kept in the
// app's state folder (mode 0600), never in a region file, so a region file copied to
// another machine does not carry the means to sign for this one.

/** The installation's signing key (Ed25519), kept in the app's state folder, never in a region file. */
export interface Signer {
  privateKeyPem: string;
  /** SPKI DER, base64. */
  publicKey: string;
  fingerprint: string;
}

export const KEY_FILE = 'plan-package-key.pem';

/**
 * A public key's short readable form: the first 80 bits of sha256(SPKI DER) as five
 * groups of four upper-case hex digits, e.g. "3F2A-9C01-77B4-E5D0-1A2B".
 */
export function fingerprintOf(publicKeySpkiBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeySpkiBase64, 'base64')).digest('hex').slice(0, 20).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}

/** A fingerprint as typed by a person (any case, spaces or colons): the canonical form, for comparing. */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return (hex.match(/.{1,4}/g) ?? []).join('-');
}

function signerOf(privateKeyPem: string): Signer {
  const publicKey = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'der' }).toString('base64');
  return { privateKeyPem, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** The installation's key in `stateDir`, made on first use. */
export function installationSigner(stateDir: string): Signer {
  const path = join(stateDir, KEY_FILE);
  if (existsSync(path)) return signerOf(readFileSync(path, 'utf8'));
  mkdirSync(stateDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Written whole under a temporary name, then linked into place: two processes making
  // the key at once end with one key (the loser reads the winner's).
  const temp = `${path}.${process.pid}-${Date.now()}`;
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, pem);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, path);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  } finally {
    rmSync(temp, { force: true });
  }
  return signerOf(readFileSync(path, 'utf8'));
}

/** The detached signature (64 bytes) of `data`. */
export function signBytes(signer: Signer, data: Uint8Array): Buffer {
  return sign(null, data, createPrivateKey(signer.privateKeyPem));
}

/** Whether `signature` is the public key's Ed25519 signature of `data`; false for a key that is not an Ed25519 SPKI key. */
export function signatureValid(publicKeySpkiBase64: string, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKeySpkiBase64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}
