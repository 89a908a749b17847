import type { FileKind } from '../../shared/endpoints/hq';
import { HQ_EXTENSION } from '../../shared/hq';
import { PACKAGE_EXTENSION } from '../../shared/submit';
import { REGION_FILE_EXTENSION } from './db/constants';

/** The extension of each kind of file a host's dialogs and folder offer. */
export const KIND_EXTENSIONS: Record<FileKind, string> = { region: REGION_FILE_EXTENSION, hq: HQ_EXTENSION, package: PACKAGE_EXTENSION };
