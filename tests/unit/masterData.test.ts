import { describe, expect, it } from 'vitest';
import { buildParseContext, checkValue, ENTITIES, ENTITY_NAMES, parseCell, parseDate } from '../../src/shared/masterData';
import { en } from '../../src/shared/i18n/en';
import { zhHant } from '../../src/shared/i18n/zh-Hant';

const ctx = buildParseContext({
  city: [
    { id: 1, code: '320100', name: '南京市', parentId: 10 },
    { id: 2, code: '320200', name: '無錫市', parentId: 10 },
  ],
  channel: [
    { id: 1, code: 'KA', name: 'KA賣場' },
    { id: 2, code: 'CVS', name: '便利店' },
    { id: 3, code: 'CVS2', name: '便利店' },
  ],
});
const cell = (field: string, text: string, entity: 'customer' | 'sku' = 'customer') => parseCell(entity, field, text, ctx);

describe('parseCell', () => {
  it('reads money in 元 with separators, signs and full-width digits as cents', () => {
    expect(cell('creditLimitCents', '12,345.67')).toEqual({ ok: true, value: 1_234_567 });
    expect(cell('creditLimitCents', '¥ 1,000')).toEqual({ ok: true, value: 100_000 });
    expect(cell('creditLimitCents', '１２３４５．６')).toEqual({ ok: true, value: 1_234_560 });
    expect(cell('receivableCents', '-0.01')).toEqual({ ok: true, value: -1 });
    expect(cell('receivableCents', '(1,000.50)')).toEqual({ ok: true, value: -100_050 });
    expect(cell('creditLimitCents', '0.1')).toEqual({ ok: true, value: 10 });
    expect(cell('creditLimitCents', '1.234')).toMatchObject({ ok: false, reason: 'masterData.invalid.moneyPrecision' });
    expect(cell('creditLimitCents', '1.2300')).toEqual({ ok: true, value: 123 });
    expect(cell('creditLimitCents', 'abc')).toMatchObject({ ok: false, reason: 'masterData.invalid.notNumber' });
    expect(cell('creditLimitCents', '-5')).toMatchObject({ ok: false, reason: 'masterData.invalid.belowMin', params: { min: 0 } });
    expect(cell('creditLimitCents', '')).toEqual({ ok: true, value: null });
  });

  it('reads integers and refuses fractions and out-of-range values', () => {
    expect(cell('packSize', '１２', 'sku')).toEqual({ ok: true, value: 12 });
    expect(cell('packSize', '1,200', 'sku')).toEqual({ ok: true, value: 1200 });
    expect(cell('packSize', '12.5', 'sku')).toMatchObject({ ok: false, reason: 'masterData.invalid.notInteger' });
    expect(cell('packSize', '0', 'sku')).toMatchObject({ ok: false, reason: 'masterData.invalid.belowMin' });
    // A pack size may be unknown (a SKU first seen in a transaction file); a name may not be.
    expect(cell('packSize', '', 'sku')).toEqual({ ok: true, value: null });
    expect(cell('stdCostCents', '', 'sku')).toEqual({ ok: true, value: null });
    expect(cell('name', '', 'sku')).toMatchObject({ ok: false, reason: 'masterData.invalid.required' });
  });

  it('reads the date forms spreadsheets show and refuses impossible dates', () => {
    expect(parseDate('2027-03-01')).toBe('2027-03-01');
    expect(parseDate('2027/3/1')).toBe('2027-03-01');
    expect(parseDate('2027.3.1')).toBe('2027-03-01');
    expect(parseDate('2027年3月1日')).toBe('2027-03-01');
    expect(parseDate('２０２７－０３－０１')).toBe('2027-03-01');
    expect(parseDate('20270301')).toBe('2027-03-01');
    expect(parseDate('46447')).toBe('2027-03-01'); // Excel's day number
    expect(parseDate('2027-02-29')).toBeNull();
    expect(parseDate('2027-13-01')).toBeNull();
    expect(cell('contractStart', '明天')).toMatchObject({ ok: false, reason: 'masterData.invalid.badDate', params: { value: '明天' } });
  });

  it('reads enum values by value or by their label in any language', () => {
    expect(cell('tier', 'distributor')).toEqual({ ok: true, value: 'distributor' });
    expect(cell('tier', '二級分銷商')).toEqual({ ok: true, value: 'sub_distributor' });
    expect(cell('tier', '二级分销商')).toEqual({ ok: true, value: 'sub_distributor' });
    expect(cell('tier', 'Key account')).toEqual({ ok: true, value: 'key_account' });
    expect(cell('abcOverride', 'a')).toEqual({ ok: true, value: 'A' });
    expect(cell('abcOverride', '')).toEqual({ ok: true, value: null });
    expect(cell('tier', '零售商')).toMatchObject({ ok: false, reason: 'masterData.invalid.badEnum' });
    expect(cell('tier', '')).toMatchObject({ ok: false, reason: 'masterData.invalid.required' });
  });

  it('resolves references by code or by name, and refuses unknown and ambiguous ones', () => {
    expect(cell('cityId', '320200')).toEqual({ ok: true, value: 2 });
    expect(cell('cityId', '南京市')).toEqual({ ok: true, value: 1 });
    expect(cell('channelId', 'ka')).toEqual({ ok: true, value: 1 });
    expect(cell('cityId', '蘇州市')).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef', params: { value: '蘇州市' } });
    expect(cell('cityId', '999999')).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef' });
    expect(cell('channelId', '便利店')).toMatchObject({ ok: false, reason: 'masterData.invalid.ambiguousRef' });
    expect(cell('channelIds', 'KA、CVS, KA')).toEqual({ ok: true, value: [1, 2] });
    expect(cell('channelIds', 'KA；XX')).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef', params: { value: 'XX' } });
  });

  it('checks codes, text length, booleans and computed columns', () => {
    expect(cell('code', ' ＣＵ００１ ')).toEqual({ ok: true, value: 'CU001' });
    expect(cell('code', 'CU 001')).toMatchObject({ ok: false, reason: 'masterData.invalid.codeSpaces' });
    expect(cell('code', 'x'.repeat(33))).toMatchObject({ ok: false, reason: 'masterData.invalid.tooLong', params: { max: 32 } });
    expect(cell('name', '  上海糖酒  ')).toEqual({ ok: true, value: '上海糖酒' });
    expect(cell('isNew', '是', 'sku')).toEqual({ ok: true, value: true });
    expect(cell('isNew', 'No', 'sku')).toEqual({ ok: true, value: false });
    expect(cell('isNew', 'maybe', 'sku')).toMatchObject({ ok: false, reason: 'masterData.invalid.badBool' });
    expect(cell('abcClass', 'A')).toMatchObject({ ok: false, reason: 'masterData.invalid.readOnly' });
    expect(cell('nope', 'A')).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownField' });
  });

  it('checks typed values the same way', () => {
    expect(checkValue('customer', 'cityId', 2, ctx)).toEqual({ ok: true, value: 2 });
    expect(checkValue('customer', 'cityId', 9, ctx)).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef' });
    expect(checkValue('customer', 'creditLimitCents', 1.5, ctx)).toMatchObject({ ok: false, reason: 'masterData.invalid.moneyPrecision' });
    expect(checkValue('customer', 'creditLimitCents', '1,000.5', ctx)).toEqual({ ok: true, value: 100_050 });
    expect(checkValue('customer', 'cityId', null, ctx)).toMatchObject({ ok: false, reason: 'masterData.invalid.required' });
    expect(checkValue('customer', 'channelIds', [1, 7], ctx)).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef' });
  });

  it('has a label for every entity and field in the catalogs', () => {
    for (const entity of ENTITY_NAMES) {
      expect(zhHant.masterData.entity[entity]).toBeTruthy();
      const labels = en.masterData.field[entity] as Record<string, string>;
      for (const f of ENTITIES[entity].fields) expect(labels[f.key], `${entity}.${f.key}`).toBeTruthy();
    }
  });
});
