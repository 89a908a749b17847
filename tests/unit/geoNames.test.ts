import { describe, expect, it } from 'vitest';
import { findNamedRef } from '../../src/shared/endpoints/team';
import { findGeoEntry, foldGeoChars, geoCatalogEntries, geoDisplayName, geoKey, sameGeoName } from '../../src/shared/geoNames';
import { buildParseContext, parseCell } from '../../src/shared/masterData';

describe('place names as users write them', () => {
  it('folds script and the city suffix: 蘇州, 蘇州市, 苏州 and 苏州市 are one city', () => {
    const keys = ['蘇州', '蘇州市', '苏州', '苏州市', ' 苏州市 ', '蘇州　市'].map(geoKey);
    expect(new Set(keys)).toEqual(new Set(['苏州']));
    expect(sameGeoName('廣州', '广州市')).toBe(true);
    expect(sameGeoName('烏魯木齊', '乌鲁木齐市')).toBe(true);
    expect(sameGeoName('蘇州', '杭州')).toBe(false);
    // Custom members' usual words fold too.
    expect(sameGeoName('蘇州工業園區', '苏州工业园区')).toBe(true);
  });

  it('folds province suffixes, autonomous regions and their peoples', () => {
    expect(sameGeoName('江蘇省', '江苏')).toBe(true);
    expect(sameGeoName('廣西壯族自治區', '广西')).toBe(true);
    expect(sameGeoName('新疆維吾爾自治區', '新疆')).toBe(true);
    expect(sameGeoName('內蒙古自治區', '内蒙古')).toBe(true);
    expect(sameGeoName('寧夏', '宁夏回族自治区')).toBe(true);
    expect(sameGeoName('延邊朝鮮族自治州', '延边')).toBe(true);
    expect(sameGeoName('黔東南苗族侗族自治州', '黔东南')).toBe(true);
    expect(sameGeoName('大興安嶺地區', '大兴安岭')).toBe(true);
    expect(sameGeoName('錫林郭勒盟', '锡林郭勒')).toBe(true);
    expect(sameGeoName('香港特別行政區', '香港')).toBe(true);
    // Never cut to one character: 西藏 is not 西, 沙市 is not 沙.
    expect(geoKey('西藏自治區')).toBe('西藏');
    expect(geoKey('沙市')).toBe('沙市');
  });

  it('keys every name of the national list the same in both scripts, and no two places of a level alike', () => {
    const seen = new Set<string>();
    for (const e of geoCatalogEntries()) {
      expect(geoKey(e.zhHans)).toBe(geoKey(e.zhHant));
      expect(foldGeoChars(e.zhHant)).toBe(e.zhHans);
      const k = `${e.level}:${geoKey(e.zhHant)}`;
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  });

  it('finds the national list entry, under the province when one is given', () => {
    expect(findGeoEntry('city', '苏州')?.code).toBe('320500');
    expect(findGeoEntry('city', '蘇州', '江苏省')?.code).toBe('320500');
    expect(findGeoEntry('city', '蘇州', '海外')).toBeNull();
    expect(findGeoEntry('city', '蘇州工業園區')).toBeNull();
    expect(findGeoEntry('province', '吉林')?.code).toBe('220000');
    expect(findGeoEntry('city', '吉林')?.code).toBe('220200');
  });

  it('shows a listed name in the UI language, keeping a short name short; custom names as written', () => {
    expect(geoDisplayName('蘇州市', 'city', 'zh-Hans')).toBe('苏州市');
    expect(geoDisplayName('苏州市', 'city', 'zh-Hant')).toBe('蘇州市');
    expect(geoDisplayName('蘇州', 'city', 'zh-Hans')).toBe('苏州');
    expect(geoDisplayName('廣西', 'province', 'zh-Hans')).toBe('广西');
    expect(geoDisplayName('烏魯木齊市', 'city', 'en')).toBe('乌鲁木齐市');
    expect(geoDisplayName('蘇州工業園區', 'city', 'zh-Hans')).toBe('蘇州工業園區');
    expect(geoDisplayName('海外', 'province', 'en')).toBe('海外');
  });

  it('the action list takes 苏州 for the region city 蘇州市, and never guesses between two', () => {
    const cities = [{ id: 1, name: '蘇州市' }, { id: 2, name: '杭州市' }];
    expect(findNamedRef(cities, '苏州', true)?.id).toBe(1);
    expect(findNamedRef(cities, '蘇州', true)?.id).toBe(1);
    expect(findNamedRef(cities, '苏州', false)).toBeNull();
    expect(findNamedRef([...cities, { id: 3, name: '苏州' }], '苏州市', true)).toBeNull();
    expect(findNamedRef([...cities, { id: 3, name: '苏州' }], '苏州', true)?.id).toBe(3);
  });

  it('a master-data reference to a city or province takes the name in either script', () => {
    const ctx = buildParseContext({
      province: [{ id: 7, code: '320000', name: '江蘇省' }],
      city: [{ id: 9, code: '320500', name: '蘇州市', parentId: 7 }],
    });
    expect(parseCell('customer', 'cityId', '苏州', ctx)).toEqual({ ok: true, value: 9 });
    expect(parseCell('city', 'provinceId', '江苏', ctx)).toEqual({ ok: true, value: 7 });
    expect(parseCell('customer', 'cityId', '杭州', ctx)).toMatchObject({ ok: false, reason: 'masterData.invalid.unknownRef' });
  });
});
