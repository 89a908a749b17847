import { describe, expect, it } from 'vitest';
import { decodeWireResult, decodeWireRows, encodeWireResult, encodeWireRows } from '../../src/shared/wireRows';

// The web host's record lists as columns: what the renderer decodes must be exactly
// what plain JSON of the answer gives, whatever the answer holds.

const roundTrip = (value: unknown) => decodeWireRows(JSON.parse(JSON.stringify(encodeWireRows(value))));
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function stores(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    code: `T${String(i + 1).padStart(6, '0')}`,
    name: i % 3 === 0 ? '百順火鍋' : `門店 "${i}"\n`,
    cityId: i % 7 === 0 ? null : i % 61,
    storeType: '酒店',
    active: i % 2 === 0,
    channelIds: [1, i],
    nested: { a: i },
  }));
}

describe('record lists as columns on the wire', () => {
  it('sends a long list of same-shaped records in fewer bytes and gives back the same JSON, key order included', () => {
    const answer = { ok: true, value: { rows: stores(500), refs: { city: stores(3), customer: stores(200) } } };
    const encoded = JSON.stringify(encodeWireRows(answer));
    expect(encoded.length).toBeLessThan(JSON.stringify(answer).length * 0.8);
    const back = roundTrip(answer);
    expect(JSON.stringify(back)).toBe(JSON.stringify(answer));
  });

  it('leaves the answer it was given unchanged', () => {
    const answer = { ok: true, value: { rows: stores(100) } };
    const before = JSON.stringify(answer);
    encodeWireRows(answer);
    expect(JSON.stringify(answer)).toBe(before);
    expect(Array.isArray(answer.value.rows)).toBe(true);
  });

  it('keeps what JSON itself would drop or change: undefined fields, differing shapes, short lists, numbers', () => {
    const withUndefined = stores(100).map((r, i) => ({ ...r, note: i === 50 ? undefined : 'x' }));
    const differentOrder = stores(100).map((r, i) => (i === 70 ? { code: r.code, id: r.id, name: r.name, cityId: r.cityId, storeType: r.storeType, active: r.active, channelIds: r.channelIds, nested: r.nested } : r));
    const extraField = stores(100).map((r, i) => (i === 99 ? { ...r, extra: 1 } : r));
    const missingField = stores(100).map((r, i) => (i === 99 ? { id: r.id } : r));
    const withDate = stores(100).map((r) => ({ ...r, at: new Date(Date.UTC(2026, 0, 2)), nan: Number.NaN }));
    const numbers = Array.from({ length: 1000 }, (_, i) => i * 1.5);
    const grid = Array.from({ length: 100 }, (_, i) => [i, i + 1, null]);
    const protoKey = Array.from({ length: 100 }, () => JSON.parse('{"__proto__": {"x": 1}, "a": 2}') as unknown);
    for (const list of [withUndefined, differentOrder, extraField, missingField, withDate, numbers, grid, protoKey, stores(10), []]) {
      const answer = { ok: true, value: { list, deeper: [{ list }] } };
      expect(JSON.stringify(roundTrip(answer))).toBe(JSON.stringify(plain(answer)));
    }
  });

  it('decodes lists inside lists and leaves answers without lists as they are', () => {
    const answer = { ok: true, value: [{ rows: stores(80) }, { rows: stores(70) }] };
    expect(JSON.stringify(roundTrip(answer))).toBe(JSON.stringify(answer));
    for (const v of [null, 0, 'text', true, { ok: false, error: { code: 'INVALID_INPUT', message: 'm' } }]) {
      expect(roundTrip(v)).toEqual(v);
    }
  });

  it("encodes a command's follow-up answers each as an answer of its own, as deep as a plain one", () => {
    const tree = { ok: true, value: { total: { months: [1, 2] }, branches: [{ rows: stores(100) }] } };
    const result = { ok: true, value: null, changed: ['targets', 'edit'], answers: [tree, null, { ok: false, error: { code: 'NO_OPEN_FILE', message: 'x' } }] };
    const encoded = JSON.stringify(encodeWireResult(result));
    // The rows four levels into the tree's answer are sent as columns, as in a plain answer of the tree.
    expect(encoded.length).toBeLessThan(JSON.stringify(result).length * 0.8);
    expect(JSON.stringify(decodeWireResult(JSON.parse(encoded)))).toBe(JSON.stringify(result));
    // A result without follow-ups is encoded as before.
    expect(JSON.stringify(encodeWireResult(tree))).toBe(JSON.stringify(encodeWireRows(tree)));
  });
});
