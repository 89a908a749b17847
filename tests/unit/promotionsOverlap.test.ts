import { describe, expect, it } from 'vitest';
import { findOverlaps, isIsoDate, yearSpan, type OverlapInput, type SkuPlace } from '../../src/shared/promotions';

// The pure overlap rule of the promotion calendar: periods, products (a SKU inside its
// brand and its category; no product scope = all) and channels (none = all) must all meet.

const skus: SkuPlace[] = [
  { id: 1, brandId: 10, categoryId: 100 },
  { id: 2, brandId: 10, categoryId: 200 },
  { id: 3, brandId: 20, categoryId: 200 },
];

function promo(id: number, start: string, end: string, scope: Partial<OverlapInput['scope']> = {}): OverlapInput {
  return { id, startDate: start, endDate: end, scope: { sku: [], brand: [], category: [], channel: [], ...scope } };
}

const pairs = (list: OverlapInput[]) => Object.fromEntries(findOverlaps(list, skus));

describe('findOverlaps', () => {
  it('needs the periods to intersect (a shared day is enough)', () => {
    expect(pairs([promo(1, '2027-01-01', '2027-01-31'), promo(2, '2027-01-31', '2027-02-10')])).toEqual({ 1: [2], 2: [1] });
    expect(pairs([promo(1, '2027-01-01', '2027-01-30'), promo(2, '2027-01-31', '2027-02-10')])).toEqual({ 1: [], 2: [] });
  });

  it('treats no product or channel scope as all', () => {
    const a = promo(1, '2027-03-01', '2027-03-31', { sku: [3], channel: [7] });
    const b = promo(2, '2027-03-15', '2027-04-15');
    expect(pairs([a, b])).toEqual({ 1: [2], 2: [1] });
  });

  it('puts a SKU inside its brand and its category', () => {
    const bySku = promo(1, '2027-05-01', '2027-05-31', { sku: [1] });
    const byBrand = promo(2, '2027-05-01', '2027-05-31', { brand: [10] });
    const byCategory = promo(3, '2027-05-01', '2027-05-31', { category: [100] });
    const other = promo(4, '2027-05-01', '2027-05-31', { brand: [20] });
    expect(pairs([bySku, byBrand, byCategory, other])).toEqual({ 1: [2, 3], 2: [1, 3], 3: [1, 2], 4: [] });
  });

  it('meets a brand and a category through a SKU they share', () => {
    const brand20 = promo(1, '2027-06-01', '2027-06-30', { brand: [20] });
    const cat200 = promo(2, '2027-06-01', '2027-06-30', { category: [200] });
    const cat100 = promo(3, '2027-06-01', '2027-06-30', { category: [100] });
    expect(pairs([brand20, cat200, cat100])).toEqual({ 1: [2], 2: [1], 3: [] });
  });

  it('needs the channels to intersect', () => {
    const a = promo(1, '2027-07-01', '2027-07-31', { brand: [10], channel: [1, 2] });
    const b = promo(2, '2027-07-01', '2027-07-31', { brand: [10], channel: [3] });
    const c = promo(3, '2027-07-10', '2027-07-20', { sku: [2], channel: [2] });
    expect(pairs([a, b, c])).toEqual({ 1: [3], 2: [], 3: [1] });
  });

  it('matches the same brand even before it has SKUs', () => {
    const a = promo(1, '2027-08-01', '2027-08-31', { brand: [99] });
    const b = promo(2, '2027-08-01', '2027-08-31', { brand: [99] });
    expect(pairs([a, b])).toEqual({ 1: [2], 2: [1] });
  });
});

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
  });

  it('places a period on the plan year', () => {
    expect(yearSpan('2027-01-01', '2027-12-31', 2027)).toEqual({ from: 0, to: 1 });
    expect(yearSpan('2026-12-01', '2027-01-01', 2027)).toEqual({ from: 0, to: 1 / 365 });
    expect(yearSpan('2026-01-01', '2026-12-31', 2027)).toBeNull();
  });
});
