import { AppError } from '../../../../shared/errors';
import type { PackageManifest, VerifyResult } from '../../../../shared/submit';
import type { RegionFile } from '../../db/regionFile';

/** The installation's signing key (Ed25519), kept in the app's state folder, never in a region file. */
export interface Signer {
  privateKeyPem: string;
  /** SPKI DER, base64. */
  publicKey: string;
  fingerprint: string;
}

export interface WritePackageInput {
  /** The open region file (its copy is made in db/, where connections live). */
  file: RegionFile;
  /** The frozen snapshot the package carries. */
  versionId: number;
  revision: number;
  replaces: number | null;
  outPath: string;
  signer: Signer;
  appVersion: string;
  /** ISO time of the submission. */
  createdAt: string;
}

export interface WrittenPackage {
  path: string;
  bytes: number;
  manifest: PackageManifest;
  /** sha256 of the whole package file, hex. */
  sha256: string;
}

/** Writes the plan package (.rplanpkg) atomically and checks it before answering. */
export async function writePlanPackage(_input: WritePackageInput): Promise<WrittenPackage> {
  throw new AppError('NOT_SUPPORTED', 'the plan package is being built');
}

/** Opens a package as head office will and says whether it would be accepted (pinned: the key expected). */
export async function verifyPlanPackage(_path: string, _options: { pinnedFingerprint?: string } = {}): Promise<VerifyResult> {
  throw new AppError('NOT_SUPPORTED', 'verifying a plan package is being built');
}

/** The installation's key in `stateDir`, made on first use. */
export function installationSigner(_stateDir: string): Signer {
  throw new AppError('NOT_SUPPORTED', 'the signing key is being built');
}
