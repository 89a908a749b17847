// Child process for the migration crash test: opens a file at an older schema with
// the real migrations plus a deliberately long extra one. The parent kills it.
import { sql } from 'kysely';
import { openRegionFile } from '../../../src/main/core/db/regionFile';
import { MIGRATIONS } from '../../../src/main/core/db/migrations';

export const BIG_ROWS = 300_000;
const slow = {
  version: MIGRATIONS.length + 1,
  name: 'test: long',
  async up(db: Parameters<(typeof MIGRATIONS)[number]['up']>[0]) {
    await sql`CREATE TABLE big (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)`.execute(db);
    for (let i = 0; i < 30; i++) {
      await sql`WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < ${BIG_ROWS / 30})
        INSERT INTO big (payload) SELECT printf('%08d-%s', v, hex(randomblob(16))) FROM n`.execute(db);
    }
    await sql`CREATE INDEX big_payload ON big(payload)`.execute(db);
  },
};
process.stdout.write('migrating\n');
const file = await openRegionFile(process.argv[2], { migrations: [...MIGRATIONS, slow] });
await file.close();
process.stdout.write('done\n');
