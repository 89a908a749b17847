import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EAST_CHINA } from '../../src/main/core/demo/eastChina';

interface Division {
  code: string;
  level: 'province' | 'city';
  parent: string | null;
  zhHant: string;
  zhHans: string;
}

interface Catalog {
  source: string;
  asOf: string;
  divisions: Division[];
}

const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/geo/china-divisions.json'), 'utf8')) as Catalog;
const { divisions } = catalog;
const provinces = divisions.filter((d) => d.level === 'province');
const cities = divisions.filter((d) => d.level === 'city');
const byCode = new Map(divisions.map((d) => [d.code, d]));
const citiesOf = (code: string) => cities.filter((c) => c.parent === code);

describe('bundled China divisions catalog', () => {
  it('has its header fields', () => {
    expect(catalog.source).toMatch(/GB\/T 2260/);
    expect(catalog.asOf).toBe('2023');
  });

  it('has only provinces and cities, with well-formed, unique, sorted codes', () => {
    for (const d of divisions) {
      expect(['province', 'city']).toContain(d.level);
      expect(d.code).toMatch(/^\d{6}$/);
      expect(d.zhHant.length).toBeGreaterThan(0);
      expect(d.zhHans.length).toBeGreaterThan(0);
    }
    expect(new Set(divisions.map((d) => d.code)).size).toBe(divisions.length);
    const codes = divisions.map((d) => d.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('has the 34 provincial-level divisions, coded XX0000 with no parent', () => {
    expect(provinces).toHaveLength(34);
    for (const p of provinces) {
      expect(p.code).toMatch(/^\d{2}0000$/);
      expect(p.parent).toBeNull();
    }
    const names = provinces.map((p) => p.zhHant);
    for (const name of ['北京市', '天津市', '上海市', '重慶市', '內蒙古自治區', '廣西壯族自治區', '西藏自治區', '寧夏回族自治區', '新疆維吾爾自治區', '臺灣省', '香港特別行政區', '澳門特別行政區']) {
      expect(names).toContain(name);
    }
  });

  it('has the 333 prefecture-level divisions plus one row for each municipality', () => {
    expect(cities).toHaveLength(333 + 4);
  });

  it('gives every city an existing province parent sharing its first two digits', () => {
    for (const c of cities) {
      expect(c.code).not.toMatch(/0000$/);
      expect(c.code.endsWith('00')).toBe(true);
      const parent = byCode.get(c.parent ?? '');
      expect(parent?.level, c.code).toBe('province');
      expect(c.code.slice(0, 2)).toBe(c.parent?.slice(0, 2));
    }
  });

  it('gives the mainland provinces at least one city and 香港, 澳門, 臺灣 none', () => {
    for (const p of provinces) {
      const expected = ['710000', '810000', '820000'].includes(p.code) ? 0 : 1;
      if (expected === 0) expect(citiesOf(p.code), p.zhHant).toHaveLength(0);
      else expect(citiesOf(p.code).length, p.zhHant).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives each municipality one city-level row coded XX0100 with the same name', () => {
    for (const code of ['110000', '120000', '310000', '500000']) {
      const rows = citiesOf(code);
      expect(rows).toHaveLength(1);
      expect(rows[0].code).toBe(`${code.slice(0, 2)}0100`);
      expect(rows[0].zhHant).toBe(byCode.get(code)?.zhHant);
    }
  });

  it('has the known number of prefecture-level divisions per province', () => {
    const counts: Record<string, number> = {
      '130000': 11, '140000': 11, '150000': 12, '210000': 14, '220000': 9, '230000': 13,
      '320000': 13, '330000': 11, '340000': 16, '350000': 9, '360000': 11, '370000': 16,
      '410000': 17, '420000': 13, '430000': 14, '440000': 21, '450000': 14, '460000': 4,
      '510000': 21, '520000': 9, '530000': 16, '540000': 7, '610000': 10, '620000': 14,
      '630000': 8, '640000': 5, '650000': 14,
    };
    for (const [code, n] of Object.entries(counts)) expect(citiesOf(code), byCode.get(code)?.zhHant).toHaveLength(n);
  });

  it('reflects current divisions, not abolished or county-level ones', () => {
    expect(byCode.has('371200')).toBe(false); // 萊蕪 merged into 濟南 (2019)
    expect(byCode.has('341400')).toBe(false); // 巢湖 abolished (2011)
    for (const code of ['419000', '429000', '469000', '659000']) expect(byCode.has(code)).toBe(false); // 直轄縣級
    expect(byCode.get('520500')?.zhHant).toBe('畢節市');
    expect(byCode.get('520600')?.zhHant).toBe('銅仁市');
    expect(byCode.get('630200')?.zhHant).toBe('海東市');
    expect(byCode.get('650400')?.zhHant).toBe('吐魯番市');
    expect(byCode.get('650500')?.zhHant).toBe('哈密市');
    expect(byCode.get('540600')?.zhHant).toBe('那曲市');
    expect(byCode.get('460300')?.zhHant).toBe('三沙市');
    expect(byCode.get('460400')?.zhHant).toBe('儋州市');
    expect(byCode.get('654200')?.zhHant).toBe('塔城地區');
  });

  it('has Traditional and Simplified names that differ exactly where the characters do', () => {
    const pairs: [string, string, string][] = [
      ['440000', '廣東省', '广东省'],
      ['440100', '廣州市', '广州市'],
      ['320000', '江蘇省', '江苏省'],
      ['210100', '瀋陽市', '沈阳市'],
      ['370600', '煙臺市', '烟台市'],
      ['650000', '新疆維吾爾自治區', '新疆维吾尔自治区'],
      ['710000', '臺灣省', '台湾省'],
    ];
    for (const [code, hant, hans] of pairs) {
      expect(byCode.get(code)?.zhHant).toBe(hant);
      expect(byCode.get(code)?.zhHans).toBe(hans);
    }
    for (const code of ['110000', '110100', '310000', '310100', '331000', '360500']) {
      // 北京市, 上海市, 台州市 (not 臺州), 新余市 (not 新餘)
      const d = byCode.get(code);
      expect(d?.zhHant, code).toBe(d?.zhHans);
    }
    // 咸 (as in 咸寧, 咸陽) is not the simplified form of 鹹.
    expect(byCode.get('421200')?.zhHant).toBe('咸寧市');
    expect(byCode.get('610400')?.zhHant).toBe('咸陽市');
  });

  it('agrees with the demo East China geography', () => {
    for (const province of EAST_CHINA) {
      expect(byCode.get(province.code)).toMatchObject({ level: 'province', zhHant: province.name });
      for (const city of province.cities) {
        expect(byCode.get(city.code), city.name).toMatchObject({ level: 'city', parent: province.code, zhHant: city.name });
      }
      expect(citiesOf(province.code).map((c) => c.code).sort()).toEqual(province.cities.map((c) => c.code).sort());
    }
  });
});
