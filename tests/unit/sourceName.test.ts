import { describe, expect, it } from 'vitest';
import { defaultSourceOf } from '../../src/shared/sourceName';

describe('defaultSourceOf', () => {
  it('names a source by the pattern of its file names, so each month of one export is one source', () => {
    expect(defaultSourceOf('銷售明細_2026-03.xlsx')).toBe('銷售明細_*');
    expect(defaultSourceOf('銷售明細_2026-04.xlsx')).toBe('銷售明細_*');
    expect(defaultSourceOf('sales_202603.csv')).toBe('sales_*');
    expect(defaultSourceOf('/data/exports/erp-2027-03.csv')).toBe('erp-*');
    expect(defaultSourceOf('C:\\exports\\erp-2027-03.csv')).toBe('erp-*');
    expect(defaultSourceOf('2026年3月銷售.xlsx')).toBe('*銷售');
    expect(defaultSourceOf('經銷商對賬 2026.03.31.xls')).toBe('經銷商對賬 *');
    expect(defaultSourceOf('ERP導出_２０２６０３.csv')).toBe('ERP導出_*'); // full-width digits
    expect(defaultSourceOf('sales_202603 (2).csv')).toBe('sales_*'); // a second upload of the same name
    expect(defaultSourceOf('sales_2026_03_v2.csv')).toBe('sales_*_v*');
  });

  it('keeps a name without digits, and the extension of a name that is only a date', () => {
    expect(defaultSourceOf('actuals-sales-gbk.csv')).toBe('actuals-sales-gbk');
    expect(defaultSourceOf('202603.csv')).toBe('*.csv');
    expect(defaultSourceOf('2026-03.XLSX')).toBe('*.xlsx');
    expect(defaultSourceOf(`${'長'.repeat(300)}_202603.csv`)).toHaveLength(200);
  });
});
