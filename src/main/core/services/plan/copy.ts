import type { WriteDb } from '../../db/handle';
import { copyNotes } from './variance';

/**
 * Copies every plan chapter's rows of one version into a new one, in the command's
 * transaction: a scenario starts from its source's chapters, and a snapshot freezes
 * them with the targets. Each chapter adds its own copy here.
 */
export function copyChapters(db: WriteDb, fromId: number, toId: number): void {
  void db;
  void fromId;
  void toId;
  copyNotes(db, fromId, toId);
}
