import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/shared/i18n';
import type { ImportFieldInfo } from '../../src/shared/importTypes';
import { editableFields } from '../../src/shared/masterData';
import { applySaved, autoMatch, columnsOf, headerSignature, normalizeHeader, savedFit } from '../../src/renderer/src/features/importWizard/autoMatch';

// The wizard's column matching: headers against the field key and its label in
// every UI language.

const fields: ImportFieldInfo[] = editableFields('customer').map((f) => ({
  key: f.key,
  labelKey: `masterData.field.customer.${f.key}`,
  type: f.type,
  required: !!f.required && f.default === undefined,
}));
const labelsOf = (f: ImportFieldInfo) =>
  Object.values(catalogs).map((c) => (c.masterData.field.customer as Record<string, string>)[f.key]);

describe('autoMatch', () => {
  it('matches traditional, simplified and English labels, keys, and labels with a unit or a required mark', () => {
    const headers = ['代碼', '名称', 'City', '主渠道*', '鋪底額度（元）', 'creditLimitCents', '備註', ' 聯繫人 '];
    const m = autoMatch(fields, headers, labelsOf);
    expect(m).toMatchObject({ code: 0, name: 1, cityId: 2, channelId: 3, creditLimitCents: 4, contact: 7 });
    // Column 5 ("creditLimitCents") is not used twice; unmatched fields are null.
    expect(m.ownerId).toBeNull();
    expect(Object.values(m).filter((v) => v === 4)).toHaveLength(1);
  });

  it('normalizes width, case and punctuation', () => {
    expect(normalizeHeader('ＣＯＤＥ ')).toBe('code');
    expect(normalizeHeader('客戶 名稱：')).toBe('客戶名稱');
  });

  it('applies a saved mapping by header text, wherever the columns moved', () => {
    const saved = { name: 'ERP', updatedAt: '', columns: { code: '客戶編號', name: '客戶名稱', cityId: '所在城市', ownerId: null } };
    const headers = ['所在城市', '客戶名稱', '客戶編號'];
    expect(applySaved(saved, fields, headers)).toMatchObject({ code: 2, name: 1, cityId: 0, ownerId: null, channelId: null });
    expect(savedFit(saved, headers)).toBe(1);
    expect(savedFit(saved, ['客戶編號'])).toBeCloseTo(1 / 3);
    expect(columnsOf({ code: 2, name: null }, headers)).toEqual({ code: '客戶編號', name: null });
    expect(headerSignature(['a', '', 'b'])).toBe('a,b');
  });
});
