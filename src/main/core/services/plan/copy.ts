import type { WriteDb } from '../../db/handle';
import { copyProductPlan } from '../../repos/productPlan';

/**
 * Copies every plan chapter's rows of one version into a new one, in the command's
 * transaction: a scenario starts from its source's chapters, and a snapshot freezes
 * them with the targets. Each chapter adds its own copy here.
 */
export function copyChapters(db: WriteDb, fromId: number, toId: number): void {
  copyProductPlan(db, fromId, toId);
}
