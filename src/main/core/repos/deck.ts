import { sql } from 'kysely';
import type { DeckDoc, SlideArrangement } from '../../../shared/deck';
import { all, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { DeckSlideTable } from '../db/schema';

// The manager's arrangement of a deck (deck_slide): per plan version and document, each
// slide's place, shown or hidden, its own title and notes. The figures are never stored.

export function arrangement(db: ReadDb, versionId: number, doc: DeckDoc): SlideArrangement[] {
  return all(
    db,
    qb
      .selectFrom('deck_slide')
      .select(['slide_key', 'hidden', 'title', 'notes'])
      .where('version_id', '=', versionId)
      .where('doc', '=', doc)
      .orderBy('position'),
  ).map((r) => ({ key: r.slide_key, hidden: r.hidden === 1, title: r.title, notes: r.notes }));
}

/** The stored rows, for the undo step's before and after images. */
export function arrangementRows(db: ReadDb, versionId: number, doc: DeckDoc): DeckSlideTable[] {
  return all(db, qb.selectFrom('deck_slide').selectAll().where('version_id', '=', versionId).where('doc', '=', doc).orderBy('position'));
}

/** Replaces the document's arrangement with `slides`, in their order. */
export function putArrangement(db: WriteDb, versionId: number, doc: DeckDoc, slides: readonly SlideArrangement[]): void {
  clearArrangement(db, versionId, doc);
  if (slides.length === 0) return;
  run(
    db,
    qb.insertInto('deck_slide').values(
      slides.map((s, position) => ({
        version_id: versionId,
        doc,
        slide_key: s.key,
        position,
        hidden: s.hidden ? 1 : 0,
        title: s.title,
        notes: s.notes,
      })),
    ),
  );
}

export function clearArrangement(db: WriteDb, versionId: number, doc: DeckDoc): void {
  run(db, qb.deleteFrom('deck_slide').where('version_id', '=', versionId).where('doc', '=', doc));
}

/** A new version is presented as its source was (set-based, in the caller's transaction). */
export function copyArrangement(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('deck_slide')
      .columns(['version_id', 'doc', 'slide_key', 'position', 'hidden', 'title', 'notes'])
      .expression(
        qb
          .selectFrom('deck_slide')
          .select([sql<number>`${toId}`.as('version_id'), 'doc', 'slide_key', 'position', 'hidden', 'title', 'notes'])
          .where('version_id', '=', fromId),
      ),
  );
}
