import * as XLSX from '@e965/xlsx';
import type { DisplayUnit } from '../../../../shared/units';

// A sheet of the plan workbook as a model (headers, typed columns, rows, a totals row),
// and the model as XLSX bytes through SheetJS: numbers stay numbers with a number
// format, text is a string cell holding the text as typed (never a formula), every
// sheet has column widths and its header rows frozen.
//
// SheetJS's community build writes number formats and column widths but not frozen
// panes (it always writes a bare <sheetView>), so the written package is opened again
// with the CFB/zip container SheetJS ships and each sheet's view gets its <pane>.
// Every workbook the app writes for people (the region's plan workbook, head office's
// consolidated workbook and target files) goes through here, so they all follow these rules.

/** How a column's cells are shown: amounts in the display unit, ratios as %, counts whole, multiples (a return) with two decimals, text as it is. */
export type ColumnKind = 'text' | 'amount' | 'ratio' | 'count' | 'multiple';

export interface SheetColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters; default from the header and the kind. */
  width?: number;
}

export interface SheetModel {
  name: string;
  columns: SheetColumn[];
  /** Amount cells are integer cents; the writer divides them into the display unit. */
  rows: (string | number | null)[][];
  /** The totals row, as values (never a SUM formula). */
  total?: (string | number | null)[];
  /** Per row (totals row last), the kinds of its cells when they differ from the columns' (a cover, stacked tables). */
  rowKinds?: (readonly ColumnKind[] | undefined)[];
  /** Header rows kept in view (default 1). */
  frozenRows?: number;
}

export interface AmountFormat {
  /** Cents per display unit (100 for 元, 1e6 for 萬元, 1e10 for 億). */
  divisor: number;
  /** The number format, e.g. '#,##0.00'. */
  format: string;
}

/** Amounts in the user's unit: 萬元 and 億 with two decimals, 元 whole. */
export const AMOUNT_FORMATS: Record<DisplayUnit, AmountFormat> = {
  yuan: { divisor: 100, format: '#,##0' },
  wan: { divisor: 1_000_000, format: '#,##0.00' },
  yi: { divisor: 10_000_000_000, format: '#,##0.00' },
};

const RATIO_FORMAT = '0.0%';
const COUNT_FORMAT = '#,##0';
const MULTIPLE_FORMAT = '#,##0.00';

/** Display width of a text in characters: CJK counts twice. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
export function safeSheetName(name: string, taken: ReadonlySet<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  return out;
}

function cellOf(value: string | number | null, kind: ColumnKind, amount: AmountFormat): XLSX.CellObject | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return { t: 's', v: value };
  if (!Number.isFinite(value)) return undefined;
  switch (kind) {
    case 'amount':
      return { t: 'n', v: value / amount.divisor, z: amount.format };
    case 'ratio':
      return { t: 'n', v: value, z: RATIO_FORMAT };
    case 'count':
      return { t: 'n', v: value, z: COUNT_FORMAT };
    case 'multiple':
      return { t: 'n', v: value, z: MULTIPLE_FORMAT };
    case 'text':
      return { t: 'n', v: value };
  }
}

function sheetOf(model: SheetModel, amount: AmountFormat): XLSX.WorkSheet {
  const data: (XLSX.CellObject | undefined)[][] = [];
  data.push(model.columns.map((c) => ({ t: 's', v: c.header })));
  const all = model.total ? [...model.rows, model.total] : model.rows;
  const widths = model.columns.map((c) => Math.max(c.kind === 'text' ? 8 : 12, textWidth(c.header) + 2));
  all.forEach((row, r) => {
    const kinds = model.rowKinds?.[r];
    data.push(
      model.columns.map((col, i) => {
        const v = row[i] ?? null;
        if (typeof v === 'string') widths[i] = Math.max(widths[i], Math.min(60, textWidth(v) + 2));
        return cellOf(v, kinds?.[i] ?? col.kind, amount);
      }),
    );
  });
  const ws: XLSX.WorkSheet = { '!data': data } as XLSX.WorkSheet;
  const cols = Math.max(1, model.columns.length);
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, data.length - 1), c: cols - 1 } });
  ws['!cols'] = model.columns.map((c, i) => ({ wch: c.width ?? widths[i] }));
  return ws;
}

/** The frozen pane of `rows` header rows in a sheet's XML (written by SheetJS with a bare view). */
function freeze(xml: string, rows: number): string {
  const pane = `<sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>`;
  return xml.replace(/<sheetView workbookViewId="0"\s*\/>/, pane);
}

/** The workbook's bytes and the sheet names as written. */
export function workbookBytes(models: readonly SheetModel[], amount: AmountFormat): { bytes: Buffer; sheets: string[] } {
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>();
  const names: string[] = [];
  for (const m of models) {
    const name = safeSheetName(m.name, taken);
    taken.add(name.toLowerCase());
    names.push(name);
    XLSX.utils.book_append_sheet(wb, sheetOf(m, amount), name);
  }
  // Shared strings: text is a plain string cell (t="s") as Excel itself writes it, never a
  // formula's cached result (t="str"), whatever it starts with.
  const written = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }) as Buffer;
  const zip = XLSX.CFB.read(written, { type: 'buffer' });
  models.forEach((m, i) => {
    const entry = XLSX.CFB.find(zip, `/xl/worksheets/sheet${i + 1}.xml`) as { content: Uint8Array } | null;
    if (!entry) throw new Error(`the written workbook lacks sheet ${i + 1}`);
    const xml = Buffer.from(entry.content).toString('utf8');
    const frozen = freeze(xml, m.frozenRows ?? 1);
    if (frozen === xml) throw new Error(`sheet ${i + 1} has no view to freeze`);
    entry.content = Buffer.from(frozen, 'utf8');
  });
  const bytes = XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Buffer;
  return { bytes, sheets: names };
}
