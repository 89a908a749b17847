import { describe, expect, it } from 'vitest';
import { pasteShape, planPaste, rowsBelow, type PasteShape } from '../../src/renderer/src/grid/pastePlan';
import { MESSAGES, items, viewOf } from './gridFixtures';

// The paste planner on a grid of three rows and the columns code (read-only), name
// (required), qty (a number), note (read-only on locked rows) and tags (a list).

const at = (row: number, col: number) => ({ row, col });
const plan = (shape: PasteShape, append = false, rows = items()) => planPaste(shape, viewOf(rows), append, MESSAGES);

describe('pasteShape', () => {
  it('puts the block at the focused cell', () => {
    expect(pasteShape([['1', '2']], at(1, 2), null)).toEqual({ origin: at(1, 2), block: [['1', '2']] });
  });

  it('repeats one value over a selected range, from its top left, whichever way it was drawn', () => {
    const range = { anchor: at(2, 3), end: at(0, 2) };
    expect(pasteShape([['5']], at(2, 3), range)).toEqual({
      origin: at(0, 2),
      block: [['5', '5'], ['5', '5'], ['5', '5']],
    });
  });

  it('does not repeat a block, nor one value over a range of one cell', () => {
    const range = { anchor: at(0, 2), end: at(2, 2) };
    expect(pasteShape([['5', '6']], at(1, 2), range)).toEqual({ origin: at(1, 2), block: [['5', '6']] });
    expect(pasteShape([['5']], at(1, 2), { anchor: at(1, 2), end: at(1, 2) })).toEqual({ origin: at(1, 2), block: [['5']] });
  });
});

describe('rowsBelow', () => {
  it('counts the rows past the last one', () => {
    expect(rowsBelow({ origin: at(1, 0), block: [['a'], ['b']] }, 3)).toBe(0);
    expect(rowsBelow({ origin: at(2, 0), block: [['a'], ['b'], ['c']] }, 3)).toBe(2);
  });
});

describe('planPaste', () => {
  it('one cell: parses it and selects it', () => {
    expect(plan({ origin: at(1, 2), block: [['1,500']] })).toEqual({
      ok: true,
      changes: { updates: [{ id: 2, values: { qty: 1500 } }], appends: [] },
      label: 'paste',
      cells: 1,
      landed: { anchor: at(1, 2), end: at(1, 2) },
    });
  });

  it('a block: one update per row, unchanged cells left out', () => {
    const result = plan({ origin: at(0, 1), block: [['甲', '11'], ['丁', '20']] });
    expect(result).toEqual({
      ok: true,
      changes: { updates: [{ id: 1, values: { qty: 11 } }, { id: 2, values: { name: '丁' } }], appends: [] },
      label: 'paste',
      cells: 2,
      landed: { anchor: at(0, 1), end: at(1, 2) },
    });
  });

  it('a block wider than the columns left: empty cells past the last column are dropped', () => {
    const result = plan({ origin: at(0, 3), block: [['y', 'p/q', '', '']] });
    expect(result).toEqual({
      ok: true,
      changes: { updates: [{ id: 1, values: { note: 'y', tags: ['p', 'q'] } }], appends: [] },
      label: 'paste',
      cells: 2,
      landed: { anchor: at(0, 3), end: at(0, 4) },
    });
  });

  it('a block wider than the columns left: text past the last column is refused', () => {
    expect(plan({ origin: at(0, 3), block: [['y', 'p', 'extra']] })).toEqual({
      ok: false,
      issues: [{ rowId: 1, appendIndex: undefined, field: undefined, message: MESSAGES.outsideColumns }],
    });
  });

  it('one value over a selected range fills every cell of it', () => {
    const shape = pasteShape([['7']], at(0, 2), { anchor: at(0, 2), end: at(2, 2) });
    const result = plan(shape);
    expect(result.ok && result.changes.updates).toEqual([
      { id: 1, values: { qty: 7 } },
      { id: 2, values: { qty: 7 } },
      { id: 3, values: { qty: 7 } },
    ]);
    expect(result.ok && result.landed).toEqual({ anchor: at(0, 2), end: at(2, 2) });
  });

  it('more rows than there are, appended: the rest become new rows', () => {
    const shape = { origin: at(2, 1), block: [['丙', '3'], ['戊', '4'], ['己', '']] };
    expect(rowsBelow(shape, 3)).toBe(2);
    expect(plan(shape, true)).toEqual({
      ok: true,
      changes: { updates: [{ id: 3, values: { qty: 3 } }], appends: [{ name: '戊', qty: 4 }, { name: '己', qty: null }] },
      label: 'paste',
      cells: 5,
      landed: { anchor: at(2, 1), end: at(4, 2) },
    });
  });

  it('more rows than there are, not appended: only the existing rows are filled', () => {
    const shape = { origin: at(2, 1), block: [['丙', '3'], ['戊', '4'], ['己', '5']] };
    expect(plan(shape, false)).toEqual({
      ok: true,
      changes: { updates: [{ id: 3, values: { qty: 3 } }], appends: [] },
      label: 'paste',
      cells: 1,
      landed: { anchor: at(2, 1), end: at(2, 2) },
    });
  });

  it('only new rows: labelled as an append', () => {
    const rows = items();
    const result = planPaste({ origin: at(2, 1), block: [['丙'], ['庚']] }, viewOf(rows), true, MESSAGES);
    expect(result.ok && result.label).toBe('append');
    expect(result.ok && result.changes).toEqual({ updates: [], appends: [{ name: '庚' }] });
  });

  it('any bad cell: nothing is applied and every problem is named by row and column', () => {
    expect(plan({ origin: at(0, 1), block: [['甲', 'abc'], ['', '5'], ['丙', '1.5']] })).toEqual({
      ok: false,
      issues: [
        { rowId: 1, appendIndex: undefined, field: 'qty', message: '「abc」不是數字' },
        { rowId: 2, appendIndex: undefined, field: 'name', message: MESSAGES.required },
        { rowId: 3, appendIndex: undefined, field: 'qty', message: '「1.5」不是數字' },
      ],
    });
  });

  it('a bad cell in a new row is named by its place after the last row', () => {
    expect(plan({ origin: at(2, 2), block: [['1'], ['x']] }, true)).toEqual({
      ok: false,
      issues: [{ rowId: undefined, appendIndex: 0, field: 'qty', message: '「x」不是數字' }],
    });
  });

  it('read-only columns refuse a paste, as does a column a row locks', () => {
    expect(plan({ origin: at(1, 0), block: [['B2', '乙']] })).toEqual({
      ok: false,
      issues: [{ rowId: 2, appendIndex: undefined, field: 'code', message: MESSAGES.notEditable }],
    });
    expect(plan({ origin: at(2, 3), block: [['new note']] })).toEqual({
      ok: false,
      issues: [{ rowId: 3, appendIndex: undefined, field: 'note', message: MESSAGES.notEditable }],
    });
  });

  it('a new row takes a column that parses even where existing rows decide per row, but not a read-only one', () => {
    const withNote = plan({ origin: at(2, 1), block: [['丙'], ['辛', '1', 'memo']] }, true);
    expect(withNote.ok && withNote.changes.appends).toEqual([{ name: '辛', qty: 1, note: 'memo' }]);
    expect(plan({ origin: at(2, 0), block: [['A3'], ['A9']] }, true)).toEqual({
      ok: false,
      issues: [
        { rowId: 3, appendIndex: undefined, field: 'code', message: MESSAGES.notEditable },
        { rowId: undefined, appendIndex: 0, field: 'code', message: MESSAGES.notEditable },
      ],
    });
  });

  it('a paste of what is there already changes nothing', () => {
    expect(plan({ origin: at(0, 1), block: [['甲', '10']] })).toEqual({
      ok: true,
      changes: { updates: [], appends: [] },
      label: 'paste',
      cells: 0,
      landed: { anchor: at(0, 1), end: at(0, 2) },
    });
  });
});
