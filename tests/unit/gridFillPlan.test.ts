import { describe, expect, it } from 'vitest';
import { planClear, planFillDown } from '../../src/renderer/src/grid/fillPlan';
import { MESSAGES, items, viewOf } from './gridFixtures';

// Fill down (Ctrl+D) and clear (Delete) on a grid of three rows and the columns code
// (read-only), name (required), qty (a number), note (read-only on locked rows) and
// tags (a list); ranges by displayed row and column index.

describe('planFillDown', () => {
  it("copies the range's first row into the rows below, leaving equal cells out", () => {
    const rows = items();
    rows[1].qty = 10;
    expect(planFillDown(viewOf(rows), { top: 0, bottom: 2, left: 1, right: 2 })).toEqual({
      updates: [
        { id: 2, values: { name: '甲' } },
        { id: 3, values: { name: '甲', qty: 10 } },
      ],
      cells: 3,
    });
  });

  it('leaves read-only cells alone, and cells a row locks', () => {
    expect(planFillDown(viewOf(items()), { top: 0, bottom: 2, left: 0, right: 0 })).toEqual({ updates: [], cells: 0 });
    expect(planFillDown(viewOf(items()), { top: 0, bottom: 2, left: 3, right: 4 })).toEqual({
      updates: [
        { id: 2, values: { note: 'x', tags: ['a'] } },
        { id: 3, values: { tags: ['a'] } },
      ],
      cells: 3,
    });
  });

  it('does nothing for a range of one row', () => {
    expect(planFillDown(viewOf(items()), { top: 1, bottom: 1, left: 0, right: 4 })).toEqual({ updates: [], cells: 0 });
  });
});

describe('planClear', () => {
  it('empties the editable cells (a list to []) and skips the empty ones', () => {
    expect(planClear(viewOf(items()), { top: 0, bottom: 1, left: 2, right: 4 }, MESSAGES.required)).toEqual({
      ok: true,
      updates: [
        { id: 1, values: { qty: null, note: null, tags: [] } },
        { id: 2, values: { qty: null } },
      ],
      cells: 4,
    });
  });

  it('leaves read-only cells and cells a row locks as they are', () => {
    // The locked row: qty is empty already, its note is locked, its tags go.
    expect(planClear(viewOf(items()), { top: 2, bottom: 2, left: 2, right: 4 }, MESSAGES.required)).toEqual({
      ok: true,
      updates: [{ id: 3, values: { tags: [] } }],
      cells: 1,
    });
    expect(planClear(viewOf(items()), { top: 0, bottom: 2, left: 0, right: 0 }, MESSAGES.required)).toEqual({ ok: true, updates: [], cells: 0 });
  });

  it('refuses to clear a required cell that holds a value, naming each, and clears nothing', () => {
    expect(planClear(viewOf(items()), { top: 0, bottom: 1, left: 1, right: 2 }, MESSAGES.required)).toEqual({
      ok: false,
      issues: [
        { rowId: 1, field: 'name', message: MESSAGES.required },
        { rowId: 2, field: 'name', message: MESSAGES.required },
      ],
    });
  });

  it('skips rows that are not there', () => {
    expect(planClear(viewOf(items()), { top: 2, bottom: 5, left: 2, right: 2 }, MESSAGES.required)).toEqual({ ok: true, updates: [], cells: 0 });
  });
});
