import { describe, expect, it } from 'vitest';
import { MONTHS, TargetRefs, VersionCube } from '../../src/main/core/services/targets/model';

// A scenario's cube is made from its source's (VersionCube.copyAs): the copy of the rows
// inserts them in the order of the cell key (city, channel, customer with none first, SKU,
// month) under consecutive new ids, so each cell's new id is its rank in that order,
// whatever order the combos came into the refs in and whatever ids the source's rows had.

/** Combos added out of the key's order: [city, channel, customer, SKU]. */
const COMBOS = [
  [2, 1, 5, 9],
  [1, 3, 0, 4],
  [1, 3, 0, 2],
  [1, 1, 7, 1],
  [1, 3, 4, 2],
] as const;

function refs(): TargetRefs {
  const r = new TargetRefs(2027, []);
  for (const [city, channel, customer, sku] of COMBOS) r.ensureCombo(city, channel, customer, sku);
  return r;
}

/** A source cube with a row for each [combo, month (1–12), id]. */
function cube(rows: readonly (readonly [number, number, number])[]): VersionCube {
  const c = new VersionCube(1, COMBOS.length * MONTHS);
  for (const [combo, month, id] of rows) {
    const k = combo * MONTHS + month - 1;
    c.rowId[k] = id;
    c.amount[k] = id * 10;
    c.volume[k] = id;
    c.present++;
  }
  return c;
}

describe('a cube copied as a new version', () => {
  it('orders the combos by city, channel, customer (none first) and SKU', () => {
    expect([...refs().combosInKeyOrder()]).toEqual([3, 2, 1, 4, 0]);
  });

  it.each([
    ['close together', 10],
    ['far apart', 900_000],
  ])('ranks the cells by the cell key, whatever the source ids (%s)', (_, far) => {
    const source = cube([
      [0, 3, 10],
      [0, 1, far],
      [1, 12, 12],
      [3, 2, 13],
      [4, 7, 11],
    ]);
    const copy = source.copyAs(2, { first: 101, last: 105, count: 5 }, refs().combosInKeyOrder())!;
    const expected: [number, number][] = [
      [3 * MONTHS + 1, 101],
      [1 * MONTHS + 11, 102],
      [4 * MONTHS + 6, 103],
      [0 * MONTHS + 0, 104],
      [0 * MONTHS + 2, 105],
    ];
    for (const [k, id] of expected) {
      expect(copy.rowId[k]).toBe(id);
      expect(copy.amount[k]).toBe(source.amount[k]);
      expect(copy.volume[k]).toBe(source.volume[k]);
    }
    expect(copy.present).toBe(5);
    expect(copy.versionId).toBe(2);
    expect([...copy.rowId].filter((id) => id > 0)).toHaveLength(5);
  });

  it('gives none when the copy is not exactly the rows under consecutive ids', () => {
    const source = cube([
      [0, 1, 10],
      [1, 1, 11],
    ]);
    const order = refs().combosInKeyOrder();
    expect(source.copyAs(2, { first: 101, last: 103, count: 2 }, order)).toBeNull();
    expect(source.copyAs(2, { first: 101, last: 103, count: 3 }, order)).toBeNull();
  });
});
