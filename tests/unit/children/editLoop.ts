// Child process for the crash test: commits edits as fast as it can and prints
// "ack N" only after edit N's transaction has committed. The parent kills it.
import { runEdit } from '../../../src/main/core/db/command';
import { openRegionFile } from '../../../src/main/core/db/regionFile';
import { recordEdit } from '../../../src/main/core/db/undoLog';

const path = process.argv[2];
const file = await openRegionFile(path);
const start = (file.sqlite.prepare('SELECT count(*) FROM channel').pluck().get() as number) + 1;
const insert = file.sqlite.prepare('INSERT INTO channel (code, name, sort_order) VALUES (?, ?, ?)');
for (let i = start; ; i++) {
  // As the registry runs a command: one transaction with its undo step.
  runEdit(file, ['master'], ({ db }) => recordEdit(db, 'edit.addChannel', () => {
    const r = insert.run(`C${i}`, `渠道 ${i}`, i);
    const row = { id: Number(r.lastInsertRowid), code: `C${i}`, name: `渠道 ${i}`, sort_order: i, active: 1 };
    return { value: null, changes: [{ table: 'channel', key: { id: row.id }, before: null, after: row }] };
  }));
  process.stdout.write(`ack ${i}\n`);
  // Yield now and then so the parent's kill can land anywhere, also between edits.
  if (i % 7 === 0) await new Promise((r) => setImmediate(r));
}
