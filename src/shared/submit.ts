// 報送總部: sending the plan to head office. The pre-submission check's findings, the
// plan package's manifest (the format head office reads: docs/plan-package.md), what
// a verification says, and what changed since the last submission.

/** The package file's extension. */
export const PACKAGE_EXTENSION = '.rplanpkg';
/** Head office's signed answer to a package (docs/plan-package.md, "The return file"). */
export const RETURN_EXTENSION = '.rplanret';
/** The manifest's format version: a receiver refuses one it does not know. */
export const PACKAGE_FORMAT = 1;

export type FindingSeverity = 'error' | 'warning';

/** Where a finding is fixed: a workspace area, and inside it a tab and a slice when it has one. */
export interface FindingPlace {
  area: 'targets' | 'expenses' | 'plan' | 'masterData' | 'actuals' | 'review';
  tab?: string;
  /** e.g. a month (1–12), an expense item id, a customer id, a section key. */
  ref?: string | number;
}

export interface Finding {
  severity: FindingSeverity;
  /** The rule, a stable key (e.g. "hoGapMonth"); the message is the catalog's `submitCheck.rule.<rule>`. */
  rule: string;
  /** The values the message names (a month, an amount in cents, a name). */
  params: Record<string, string | number>;
  /** The message in the language asked for. */
  message: string;
  place: FindingPlace;
}

export interface CheckResult {
  versionId: number;
  findings: Finding[];
  errors: number;
  warnings: number;
  /** Head office's tolerance on the gap to its target (a fraction) and its expense-ratio cap, as used. */
  tolerance: number;
  cap: number | null;
}

/** Per month 1–12 and the year: the package's control totals (cents, cases). */
export interface ControlTotals {
  plan: { month: number; amountCents: number; volume: number; grossProfitCents: number }[];
  expenseBudget: { month: number; amountCents: number }[];
}

/** The manifest of a plan package (manifest.json), as documented in docs/plan-package.md. */
export interface PackageManifest {
  format: number;
  packageId: string;
  region: { id: string; name: string };
  planYear: number;
  revision: number;
  /** The revision this one replaces (a resubmission), or null. */
  replaces: number | null;
  createdAt: string;
  app: { name: string; version: string };
  schemaVersion: number;
  /** The snapshot inside the package. */
  snapshot: { name: string };
  rowCounts: Record<string, number>;
  controlTotals: ControlTotals;
  /** sha256 (hex) of every other file of the package, by its path in the zip. */
  files: Record<string, { sha256: string; bytes: number }>;
  /** The signer's public key (Ed25519, SPKI DER base64) and its short fingerprint. */
  signer: { publicKey: string; fingerprint: string };
}

export type VerifyVerdict = 'ok' | 'refused';

export interface VerifyResult {
  verdict: VerifyVerdict;
  /** Why it was refused: a stable reason key (e.g. "badSignature", "hashMismatch", "unsafePath") and the words. */
  reason: string | null;
  message: string;
  manifest: PackageManifest | null;
  fingerprint: string | null;
}

/**
 * Head office's answer to one package of one region: what its signed return file says
 * (io/planReturn), what head office records when it decides (its workspace's Decision),
 * and what the region records in its submission log.
 */
export interface PlanAnswer {
  packageId: string;
  regionId: string;
  regionName: string;
  planYear: number;
  revision: number;
  verdict: 'returned' | 'confirmed';
  comment: string;
  /** ISO 8601. */
  decidedAt: string;
  decidedBy: string;
}
