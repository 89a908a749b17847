import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegionFile } from '../../src/main/core/db/regionFile';
import { SEEDED_EXPENSE_ITEMS, seededItemKey, type SeededItemCode } from '../../src/shared/expenseItems';
import { catalogs } from '../../src/shared/i18n';
import { LANGUAGES } from '../../src/shared/units';
import { tempDir, withDb } from './helpers';

// The default expense items are written in Traditional Chinese by a migration; the UI
// shows them in its language by their code while they keep their seeded name.

describe('the default expense items', () => {
  it('are the ones a new region file gets, code for code and name for name', async () => {
    const path = join(tempDir(), 'new.rplan');
    const f = await createRegionFile(path, { regionName: '華東大區', planYear: 2027, displayUnit: 'wan' });
    await f.close();
    const rows = withDb(path, (db) => db.prepare('SELECT code, name FROM expense_item ORDER BY id').all() as { code: string; name: string }[]);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.name]))).toEqual(SEEDED_EXPENSE_ITEMS);
  });

  it('are translated while they keep their seeded name; a renamed or added item shows as typed', () => {
    expect(seededItemKey('TERM-LIST', '進場費')).toBe('TERM-LIST');
    expect(seededItemKey('TERM-LIST', '超市進場費')).toBeNull();
    expect(seededItemKey('X-1', '進場費')).toBeNull();
    expect(seededItemKey('toString', '')).toBeNull();
  });

  it('have a name in every language, Simplified and English differing from the Traditional', () => {
    for (const code of Object.keys(SEEDED_EXPENSE_ITEMS) as SeededItemCode[]) {
      expect(catalogs['zh-Hant'].expenses.seedItem[code]).toBe(SEEDED_EXPENSE_ITEMS[code]);
      for (const language of LANGUAGES) expect(catalogs[language].expenses.seedItem[code], `${language} ${code}`).toBeTruthy();
      expect(catalogs.en.expenses.seedItem[code]).toMatch(/^[A-Za-z ]+$/);
    }
    expect(catalogs['zh-Hans'].expenses.seedItem['TERM-LIST']).toBe('进场费');
  });
});
