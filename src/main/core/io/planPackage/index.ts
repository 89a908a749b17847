// The plan package (.rplanpkg): what a region sends head office. The format is written
// down once, in docs/plan-package.md; the writer and the receiver share ./format.

export { installationSigner, fingerprintOf, type Signer } from './signer';
export { writePlanPackage, type WritePackageInput, type WrittenPackage } from './write';
export { verifyPlanPackage, type VerifyOptions } from './verify';
export { MANIFEST, SIGNATURE, PLAN_COPY } from './format';
