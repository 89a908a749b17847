export { DataGrid, type DataGridHandle, type DataGridProps } from './DataGrid';
export { GridApplyError } from './types';
export type { ApplyLabel, ColumnKind, GridChanges, GridColumn, GridIssue, GridRow, GridRowId, GridTreeOptions, ParseResult } from './types';
export { parseTsv, toTsv } from './tsv';
export { useMoneyAllZero } from './zeroFigures';
