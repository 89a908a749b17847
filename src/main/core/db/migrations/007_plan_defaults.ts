import { sql, type Kysely } from 'kysely';

// Frozen once shipped: never edit a migration, add a new one.
// What every region file must have, made with the file (and added to older files here)
// rather than as a side effect of reading it: the working plan version, and the
// default expense items (銷售費用預算) when the file has none. The items are
// written out here, not taken from code that may change: this migration must make the
// same rows for ever.

const ITEMS: readonly { code: string; name: string; kind: string; children?: readonly { code: string; name: string }[] }[] = [
  {
    code: 'TERM', name: '終端建設費', kind: 'terminal',
    children: [
      { code: 'TERM-LIST', name: '進場費' },
      { code: 'TERM-SHELF', name: '陳列費' },
      { code: 'TERM-DISP', name: '堆頭費' },
      { code: 'TERM-SIGN', name: '店招' },
    ],
  },
  { code: 'ADV', name: '廣告費', kind: 'advertising', children: [{ code: 'ADV-MEDIA', name: '媒體' }, { code: 'ADV-POP', name: 'POP物料' }] },
  { code: 'PROMO', name: '促銷費', kind: 'promotion', children: [{ code: 'PROMO-CONS', name: '消費者促銷' }, { code: 'PROMO-TRADE', name: '通路促銷' }] },
  {
    code: 'STAFF', name: '人員費用', kind: 'personnel',
    children: [{ code: 'STAFF-WAGE', name: '工資' }, { code: 'STAFF-COMM', name: '提成' }, { code: 'STAFF-PROMOTER', name: '促銷員' }],
  },
  { code: 'TRAVEL', name: '差旅費', kind: 'travel' },
  { code: 'TRAIN', name: '培訓費', kind: 'training' },
  { code: 'MEET', name: '會議費', kind: 'meeting' },
  { code: 'OTHER', name: '其他', kind: 'other' },
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`INSERT INTO plan_version (name, kind, frozen, created_at)
    SELECT '工作版', 'working', 0, ${new Date().toISOString()}
    WHERE NOT EXISTS (SELECT 1 FROM plan_version WHERE kind = 'working')`.execute(db);

  const { n } = (await sql<{ n: number }>`SELECT count(*) AS n FROM expense_item`.execute(db)).rows[0];
  if (n > 0) return;
  for (const [i, item] of ITEMS.entries()) {
    const parent = await sql`INSERT INTO expense_item (parent_id, code, name, kind, sort_order)
      VALUES (NULL, ${item.code}, ${item.name}, ${item.kind}, ${i + 1})`.execute(db);
    const parentId = Number(parent.insertId);
    for (const [j, child] of (item.children ?? []).entries()) {
      await sql`INSERT INTO expense_item (parent_id, code, name, kind, sort_order)
        VALUES (${parentId}, ${child.code}, ${child.name}, ${item.kind}, ${j + 1})`.execute(db);
    }
  }
}
