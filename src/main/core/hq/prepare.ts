import { createHash } from 'node:crypto';
import type { Language } from '../../../shared/units';
import type { VerifyResult } from '../../../shared/submit';
import { copyBudgetByItem, copyDimensions, copyTerminalChannel, openUntrustedCopy, type CopyTerminalChannel } from '../db/planCopy';
import { verifyPlanPackage } from '../io/planPackage';
import { phaseTracer } from '../trace';
import type { HqDatabase } from './schema';

// The part of receiving a package that needs no workspace: the file's fingerprint, the
// package's own checks (verifyPlanPackage) and what head office reads from the verified
// copy besides its plan rows. It depends on the file alone, so a receive of many
// packages does it for the next package on a worker thread while this one loads
// (prepareThread.ts); head office's checks and the load stay in the receipt's transaction.

export interface CopyExtras {
  dims: HqDatabase['dim'][];
  expenses: { item_code: string; month: number; amount_cents: number }[];
  terminalChannel: CopyTerminalChannel;
}

export interface PreparedPackage {
  /** sha256 of the file's bytes ('' when there is no file to read). */
  fileSha: string;
  verified: VerifyResult;
  /** The verified copy's dimensions and entered expense budget; null when the package is refused. */
  extras: CopyExtras | null;
}

/** The copy's dimensions by code, its entered expense budget and its terminal and channel plans. */
function readExtras(copyPath: string): CopyExtras {
  const db = openUntrustedCopy(copyPath);
  try {
    return { dims: copyDimensions(db), expenses: copyBudgetByItem(db), terminalChannel: copyTerminalChannel(db) };
  } finally {
    db.close();
  }
}

/** Verifies the package at `path`, keeping its checked SQLite copy at `copyPath` when it passes. */
export async function preparePackage(path: string, copyPath: string, language: Language): Promise<PreparedPackage> {
  const trace = phaseTracer('hq prepare');
  let fileSha = '';
  // The file is read once: its fingerprint is taken from the bytes the checks read.
  const verified = await verifyPlanPackage(path, { language, keepCopyAt: copyPath, onRead: (bytes) => (fileSha = createHash('sha256').update(bytes).digest('hex')) });
  trace('verify (the package\'s own checks)');
  if (verified.verdict !== 'ok' || !verified.manifest || !verified.fingerprint) return { fileSha, verified, extras: null };
  const extras = readExtras(copyPath);
  trace('dimensions and expenses of the copy');
  return { fileSha, verified, extras };
}
