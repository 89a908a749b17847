import { sql } from 'kysely';
import type { SectionKey } from '../../../shared/planWritten';
import { all, first, qb, run } from '../db/exec';
import type { ReadDb, WriteDb } from '../db/handle';
import type { PlanNarrativeRow } from '../db/schema';

// The written plan's sections (plan_narrative): one JSON document per version and section.

export function narrativeRows(db: ReadDb, versionId: number): PlanNarrativeRow[] {
  return all(db, qb.selectFrom('plan_narrative').selectAll().where('version_id', '=', versionId));
}

export function findNarrative(db: ReadDb, versionId: number, section: SectionKey): PlanNarrativeRow | undefined {
  return first(db, qb.selectFrom('plan_narrative').selectAll().where('version_id', '=', versionId).where('section', '=', section));
}

/** Writes a section's document (insert or replace). */
export function putNarrative(db: WriteDb, row: PlanNarrativeRow): void {
  run(
    db,
    qb
      .insertInto('plan_narrative')
      .values(row)
      .onConflict((oc) => oc.columns(['version_id', 'section']).doUpdateSet({ body: row.body })),
  );
}

export function deleteNarrative(db: WriteDb, versionId: number, section: SectionKey): void {
  run(db, qb.deleteFrom('plan_narrative').where('version_id', '=', versionId).where('section', '=', section));
}

/** A new version starts with its source's text (set-based, in the caller's transaction). */
export function copyNarrative(db: WriteDb, fromId: number, toId: number): void {
  run(
    db,
    qb
      .insertInto('plan_narrative')
      .columns(['version_id', 'section', 'body'])
      .expression(qb.selectFrom('plan_narrative').select([sql<number>`${toId}`.as('version_id'), 'section', 'body']).where('version_id', '=', fromId)),
  );
}
