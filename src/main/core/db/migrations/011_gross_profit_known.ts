import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// A sales line's gross profit may be unknown: the file gives none and the SKU's cost is
// not known yet (migration 10). Such a line keeps gross_profit_cents = 0 with gp_known = 0,
// so no margin is ever computed from an invented figure (a cost of 0 would make it 100%).
// gp_known: 1 = from the file or derived from the cost the SKU had at import; 0 = not
// known; 2 = derived later from the SKU's cost entered in master data (these lines follow
// that cost: see repos/salesGrossProfit.ts). The monthly summaries carry the sales whose
// gross profit is not known (amount_no_gp_cents), so every margin is taken over the rest.
// Columns added in place (no rebuild of a table of millions of lines): existing lines
// keep their gross profit as known and the summaries start with no unknown sales.
export async function up(db: Kysely<any>): Promise<void> {
  const statements = [
    sql`ALTER TABLE sales_actual ADD COLUMN gp_known INTEGER NOT NULL DEFAULT 1 CHECK (gp_known IN (0, 1, 2))`,
    sql`ALTER TABLE sales_month_customer ADD COLUMN amount_no_gp_cents INTEGER NOT NULL DEFAULT 0`,
    sql`ALTER TABLE sales_month_sku ADD COLUMN amount_no_gp_cents INTEGER NOT NULL DEFAULT 0`,
  ];
  for (const s of statements) await s.execute(db);
}
