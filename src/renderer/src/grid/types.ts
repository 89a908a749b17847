// The grid kit's contract with the screens that use it. The kit knows nothing about
// master data: a screen hands it columns (how to show, copy and parse a value), rows,
// and one async `onApply` that commits a batch of changes as one undo step.

export type GridRowId = number | string;

export interface GridRow {
  id: GridRowId;
  [field: string]: unknown;
}

/** How a column's values line up and add up. */
export type ColumnKind = 'text' | 'number' | 'money' | 'percent' | 'date' | 'bool';

export type ParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

export interface GridColumn<R extends GridRow = GridRow> {
  /** The row field the column shows and the change names. */
  field: string;
  header: string;
  kind: ColumnKind;
  /** Editable cells accept typing, paste, fill and clear. A function decides per row. */
  editable?: boolean | ((row: R) => boolean);
  /** Required cells refuse to be cleared. */
  required?: boolean;
  width?: number;
  /** Hidden unless the user shows it with the column chooser. */
  hiddenByDefault?: boolean;
  pinned?: boolean;
  /** Sum this column in the totals row. */
  total?: boolean;
  /** Display text (plain JS, runs on every paint). Default: String(value). */
  format?: (value: unknown, row: R) => string;
  /** The text an edit starts with and a copy puts on the clipboard (numbers unformatted). Default: format. */
  text?: (value: unknown, row: R) => string;
  /** Text (typed or pasted) → value, or the reason it is refused (already in the user's language). */
  parse?: (text: string, row: R | null) => ParseResult;
  /** Extra CSS class for the cells (e.g. a badge for computed values). */
  cellClass?: (value: unknown, row: R) => string | undefined;
  /** A cell's tooltip (absent or undefined: none). */
  tooltip?: (value: unknown, row: R) => string | undefined;
}

/** A batch of changes from one user action: updates of existing rows and new rows. */
export interface GridChanges {
  updates: { id: GridRowId; values: Record<string, unknown> }[];
  appends: Record<string, unknown>[];
}

export type ApplyLabel = 'edit' | 'paste' | 'fill' | 'clear' | 'append';

/** One refused cell: an existing row (rowId) or a new one (appendIndex). */
export interface GridIssue {
  rowId?: GridRowId;
  appendIndex?: number;
  field?: string;
  message: string;
}

/** What `onApply` rejects with when the commit refused some cells: nothing was applied. */
export class GridApplyError extends Error {
  readonly issues: GridIssue[];
  constructor(issues: GridIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'GridApplyError';
    this.issues = issues;
  }
}

export interface GridTreeOptions {
  /** The field holding the parent row's id (null or absent: a root). */
  parentField: string;
  /** The column (field) that shows the indented label with the chevron. */
  labelField: string;
  /**
   * Lazy trees: the field that is true when the row has children that are not among
   * the rows yet. Such a row shows collapsed; expanding it calls `onExpand`, and the
   * screen adds the children to its rows (they show expanded once they arrive).
   */
  unloadedField?: string;
  /** Called when the user expands a row whose children are not loaded (see unloadedField). */
  onExpand?(row: GridRow): void;
}
