import type { WriteDb } from '../../db/handle';
import { copyChannelChapter } from './channel';
import { copyNarrative } from '../../repos/planWritten';
import { copyTerminalPlan } from '../../repos/planTerminal';
import { copyProductPlan } from '../../repos/productPlan';
import { copyNotes } from './variance';
import { copyArrangement } from '../../repos/deck';
import { copyBudget } from '../../repos/expenses/budget';
import { copyPromotions } from '../../repos/promotions';
import { copyTeamPlan } from '../../repos/team';
import { copyNoteActions } from '../../repos/planVariance';

/**
 * Copies every plan chapter's rows of one version into a new one, in the command's
 * transaction: a scenario starts from its source's chapters, and a snapshot freezes
 * them with the targets. Each chapter adds its own copy here.
 */
export function copyChapters(db: WriteDb, fromId: number, toId: number): void {
  copyChannelChapter(db, fromId, toId);
  copyNarrative(db, fromId, toId);
  copyTerminalPlan(db, fromId, toId);
  copyProductPlan(db, fromId, toId);
  copyBudget(db, fromId, toId);
  copyPromotions(db, fromId, toId);
  copyTeamPlan(db, fromId, toId);
  copyNotes(db, fromId, toId);
  // After both the notes and the actions: the links between them follow.
  copyNoteActions(db, fromId, toId);
  copyArrangement(db, fromId, toId);
}
