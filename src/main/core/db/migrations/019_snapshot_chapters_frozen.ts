import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// A snapshot now carries its expense budget (with its splits), promotions (with their
// scope and budget lines), headcount, training and actions, as it does its targets and
// chapters: the file itself refuses any insert, update or delete of a frozen version's
// rows (nor moves a row into one), whatever code runs (the services refuse first).

const BY_VERSION = ['expense_budget', 'promotion', 'headcount_plan', 'training_session', 'action_item'];
const BY_PROMOTION = ['promotion_scope', 'promotion_budget'];

export async function up(db: Kysely<any>): Promise<void> {
  const frozen = (row: string) => `(SELECT frozen FROM plan_version WHERE id = ${row}.version_id) = 1`;
  const frozenPromotion = (row: string) =>
    `(SELECT v.frozen FROM promotion p JOIN plan_version v ON v.id = p.version_id WHERE p.id = ${row}.promotion_id) = 1`;
  const statements: string[] = [];
  for (const [tables, when] of [[BY_VERSION, frozen], [BY_PROMOTION, frozenPromotion]] as const) {
    for (const table of tables) {
      statements.push(
        `CREATE TRIGGER ${table}_frozen_insert BEFORE INSERT ON ${table} WHEN ${when('NEW')}
          BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
        `CREATE TRIGGER ${table}_frozen_update BEFORE UPDATE ON ${table} WHEN ${when('OLD')} OR ${when('NEW')}
          BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
        `CREATE TRIGGER ${table}_frozen_delete BEFORE DELETE ON ${table} WHEN ${when('OLD')}
          BEGIN SELECT RAISE(ABORT, 'snapshot is frozen'); END`,
      );
    }
  }
  for (const s of statements) await sql.raw(s).execute(db);
}
