import { describe, expect, it } from 'vitest';
import { matchHeaders, normalizeHeader, normalizeHeaderBare } from '../../src/shared/headerMatch';

const SALES = [
  { key: 'period', required: true, labels: ['月份', '期間', '日期', 'Month'] },
  { key: 'customer', required: true, labels: ['客戶編碼', '客户编码', '客戶', 'Customer'] },
  { key: 'customerName', required: false, labels: ['客戶名稱', '客户名称', 'Customer name'] },
  { key: 'sku', required: true, labels: ['存貨編碼', 'SKU', 'item code'] },
  { key: 'amount', required: true, labels: ['金額', '金额', 'Amount', 'sales'] },
  { key: 'volume', required: false, labels: ['數量', 'qty'] },
  { key: 'grossProfit', required: false, labels: ['毛利', 'gross profit'] },
];

describe('header matching', () => {
  it('normalizes width, case, spaces, punctuation, the required mark and bracketed units', () => {
    expect(normalizeHeader('ＳＫＵ 編碼*')).toBe('sku編碼');
    expect(normalizeHeader(' Gross_Profit: ')).toBe('grossprofit');
    expect(normalizeHeader('客戶編碼：')).toBe('客戶編碼');
    expect(normalizeHeader('金額（元）')).toBe('金額元');
    expect(normalizeHeaderBare('金額（元）')).toBe('金額');
    expect(normalizeHeaderBare('銷量【箱】')).toBe('銷量');
    expect(normalizeHeaderBare('Amount [CNY]')).toBe('amount');
    expect(normalizeHeaderBare('(元)')).toBe('');
  });

  it('matches an ERP export by labels and aliases, each column once, and leaves the rest null', () => {
    const headers = ['月份', '客戶編碼', '客戶名稱', '存貨編碼', '存貨名稱', '數量', '金額（元）', '毛利*', '備註'];
    expect(matchHeaders(SALES, headers)).toEqual({
      period: 0,
      customer: 1,
      customerName: 2,
      sku: 3,
      amount: 6,
      volume: 5,
      grossProfit: 7,
    });
  });

  it('matches the field key itself and English labels in any case', () => {
    expect(matchHeaders(SALES, ['PERIOD', 'Customer', 'sku', 'Gross Profit', 'AMOUNT'])).toEqual({
      period: 0,
      customer: 1,
      customerName: null,
      sku: 2,
      amount: 4,
      volume: null,
      grossProfit: 3,
    });
  });

  it('prefers a header as written over one that matches only without its unit, and required fields choose first', () => {
    const fields = [
      { key: 'note', required: false, labels: ['金額'] },
      { key: 'amount', required: true, labels: ['金額'] },
    ];
    // The required field takes the first matching column; the optional one the next.
    expect(matchHeaders(fields, ['金額', '金額'])).toEqual({ amount: 0, note: 1 });
    // An exact header beats an earlier one that matches only once its unit is removed.
    expect(matchHeaders([fields[1]], ['金額（萬元）', '金額'])).toEqual({ amount: 1 });
    expect(matchHeaders([fields[1]], ['金額（萬元）'])).toEqual({ amount: 0 });
  });

  it('never matches empty headers', () => {
    expect(matchHeaders([{ key: 'x', required: true, labels: ['***'] }], ['', '*', '()'])).toEqual({ x: null });
  });
});
