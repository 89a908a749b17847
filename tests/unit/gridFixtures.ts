import type { GridColumn, GridRow } from '../../src/renderer/src/grid';
import type { GridView } from '../../src/renderer/src/grid/view';

// A small grid for the planners' tests: a read-only code, a required name, a number
// that parses, a note that locked rows refuse, and a list of tags.

export interface Item extends GridRow {
  id: number;
  code: string;
  name: string;
  qty: number | null;
  note: string | null;
  tags: string[];
  locked?: boolean;
}

const code: GridColumn<Item> = { field: 'code', header: '編碼', kind: 'text' };
const name: GridColumn<Item> = { field: 'name', header: '名稱', kind: 'text', editable: true, required: true };
const qty: GridColumn<Item> = {
  field: 'qty',
  header: '數量',
  kind: 'number',
  editable: true,
  text: (v) => (v === null ? '' : String(v)),
  format: (v) => (typeof v === 'number' ? v.toLocaleString('en-US') : ''),
  parse: (text) => {
    const t = text.trim().replace(/,/g, '');
    if (t === '') return { ok: true, value: null };
    return /^-?\d+$/.test(t) ? { ok: true, value: Number(t) } : { ok: false, reason: `「${text}」不是數字` };
  },
};
const note: GridColumn<Item> = {
  field: 'note',
  header: '備註',
  kind: 'text',
  editable: (row) => !row.locked,
  parse: (text) => ({ ok: true, value: text === '' ? null : text }),
};
const tags: GridColumn<Item> = { field: 'tags', header: '標籤', kind: 'text', editable: true, parse: (text) => ({ ok: true, value: text.split('/') }) };

/** The columns in display order: code, name, qty, note, tags (indices 0 to 4). */
export const COLUMNS = [code, name, qty, note, tags];

export function items(): Item[] {
  return [
    { id: 1, code: 'A1', name: '甲', qty: 10, note: 'x', tags: ['a'] },
    { id: 2, code: 'A2', name: '乙', qty: 20, note: null, tags: [] },
    { id: 3, code: 'A3', name: '丙', qty: null, note: 'z', tags: ['b', 'c'], locked: true },
  ];
}

export function viewOf(rows: Item[], columns: readonly (GridColumn<Item> | undefined)[] = COLUMNS): GridView<Item> {
  return { rowCount: rows.length, rowAt: (i) => rows[i], columns };
}

export const MESSAGES = { outsideColumns: '超出表格的列', notEditable: '不能修改', required: '必填' };
