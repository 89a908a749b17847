import { describe, expect, it } from 'vitest';
import { VersionCube } from '../../src/main/core/services/targets/model';

// A scenario's cube is made from its source's (VersionCube.copyAs): the copy of the rows
// inserts them in the order of the source's ids, under consecutive new ids, so each cell's
// new id is its row's rank among the source's. The ids of one version lie close together or
// far apart (rows added after other versions were made): both are ranked the same.

function cube(ids: Record<number, number>, cells = 24): VersionCube {
  const c = new VersionCube(1, cells);
  for (const [k, id] of Object.entries(ids)) {
    c.rowId[Number(k)] = id;
    c.amount[Number(k)] = id * 10;
    c.volume[Number(k)] = id;
    c.present++;
  }
  return c;
}

describe('a cube copied as a new version', () => {
  it.each([
    ['close together', { 3: 12, 0: 10, 7: 11, 20: 14 }],
    ['far apart', { 3: 5_000, 0: 10, 7: 900_000, 20: 12 }],
  ])('ranks the rows whose ids lie %s', (_, ids) => {
    const source = cube(ids);
    const copy = source.copyAs(2, { first: 101, last: 104, count: 4 })!;
    const byRank = Object.entries(ids).sort((a, b) => a[1] - b[1]).map(([k]) => Number(k));
    byRank.forEach((k, rank) => {
      expect(copy.rowId[k]).toBe(101 + rank);
      expect(copy.amount[k]).toBe(source.amount[k]);
      expect(copy.volume[k]).toBe(source.volume[k]);
    });
    expect(copy.present).toBe(4);
    expect(copy.versionId).toBe(2);
    expect([...copy.rowId].filter((id) => id > 0)).toHaveLength(4);
  });

  it('gives none when the copy is not exactly the rows under consecutive ids', () => {
    const source = cube({ 0: 10, 1: 11 });
    expect(source.copyAs(2, { first: 101, last: 103, count: 2 })).toBeNull();
    expect(source.copyAs(2, { first: 101, last: 103, count: 3 })).toBeNull();
  });
});
