import type { SubmitWriters } from '../services/submit/submit';
import { submissionCheck } from '../services/submit/check';
import { installationSigner, writePlanPackage } from './planPackage';
import { writePlanWorkbook } from './planWorkbook';

/** The real writers of a submission: the check, the installation's key, the plan package and the plan workbook. */
export const SUBMIT_WRITERS: SubmitWriters = {
  check: submissionCheck,
  signer: installationSigner,
  writePackage: writePlanPackage,
  writeWorkbook: writePlanWorkbook,
};
