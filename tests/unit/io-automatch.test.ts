import { describe, expect, it } from 'vitest';
import { catalogs } from '../../src/shared/i18n';
import type { ImportFieldInfo } from '../../src/shared/importTypes';
import { editableFields } from '../../src/shared/masterData';
import { actualsDestinationInfo } from '../../src/main/core/io/actuals/fields';
import {
  applySaved,
  autoMatch,
  columnsOf,
  headerSignature,
  normalizeHeader,
  savedFit,
} from '../../src/renderer/src/features/importWizard/autoMatch';

// The wizard's column matching: headers against the field key and its label in
// every UI language, and (actuals) the aliases ERP exports use.

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
    expect(m).toMatchObject({ code: 0, name: 1, cityId: 2, channelId: 3, creditLimitCents: 5, contact: 7 });
    // A header as written (the key) beats one that matches only without its unit (the
    // CLI's rule too); no column is used twice; unmatched fields are null.
    expect(m.ownerId).toBeNull();
    expect(Object.values(m).filter((v) => v === 5)).toHaveLength(1);
    expect(Object.values(m)).not.toContain(4);
    // Without the key column, the label with its unit matches.
    expect(autoMatch(fields, ['鋪底額度（元）'], labelsOf)).toMatchObject({ creditLimitCents: 0 });
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

describe('autoMatch with aliases (actuals)', () => {
  const noLabels = () => [];

  it('matches the Chinese headers of an ERP sales export through the fields’ aliases', () => {
    const { fields } = actualsDestinationInfo('sales');
    const headers = ['月份', '客戶編碼', '客戶名稱', '存貨編碼', '存貨名稱', '數量', '金額', '毛利'];
    expect(autoMatch(fields, headers, noLabels)).toEqual({
      period: 0,
      customer: 1,
      customerName: 2,
      sku: 3,
      skuName: 4,
      volume: 5,
      amount: 6,
      grossProfit: 7,
      // The attribute fields of new customers and SKUs: the export has no such columns.
      customerCity: null,
      customerProvince: null,
      customerChannel: null,
      customerSalesperson: null,
      skuBrand: null,
      skuCategory: null,
      skuPackSize: null,
      skuPrice: null,
    });
  });

  it('matches simplified headers, English headers, and headers with a unit in brackets', () => {
    const { fields } = actualsDestinationInfo('sales');
    const headers = ['会计期间', '客户编码', 'Item Code', '价税合计（元）', 'QTY', 'GP'];
    expect(autoMatch(fields, headers, noLabels)).toMatchObject({ period: 0, customer: 1, sku: 2, amount: 3, volume: 4, grossProfit: 5 });
  });

  it('uses aliases in any language, whatever the case, width or punctuation', () => {
    const field: ImportFieldInfo = { key: 'customer', labelKey: 'x', type: 'member', required: true, aliases: ['客戶編碼', 'customer code'] };
    expect(autoMatch([field], ['備註', '客戶 編碼：'], noLabels)).toEqual({ customer: 1 });
    expect(autoMatch([field], ['ＣＵＳＴＯＭＥＲ＿ＣＯＤＥ'], noLabels)).toEqual({ customer: 0 });
    expect(autoMatch([{ ...field, aliases: undefined }], ['客戶編碼'], noLabels)).toEqual({ customer: null });
  });

  it('uses a column once, required fields first', () => {
    const fields: ImportFieldInfo[] = [
      { key: 'amount', labelKey: 'x', type: 'money', required: true, aliases: ['銷售額'] },
      { key: 'sellout', labelKey: 'y', type: 'money', required: false, aliases: ['銷售額'] },
    ];
    expect(autoMatch([...fields].reverse(), ['銷售額'], noLabels)).toEqual({ amount: 0, sellout: null });
    expect(autoMatch(fields, ['銷售額', '終端銷售'], (f) => (f.key === 'sellout' ? ['終端銷售'] : []))).toEqual({ amount: 0, sellout: 1 });
  });
});
