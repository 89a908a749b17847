import { themeQuartz } from 'ag-grid-community';

// The grid in the app's calm light theme (styles/base.css): the same neutrals, the
// one accent, the system CJK fonts, compact rows for data entry.
export const gridTheme = themeQuartz.withParams({
  accentColor: '#1f5fa9',
  backgroundColor: '#ffffff',
  foregroundColor: '#1c2733',
  borderColor: '#e2e7ee',
  headerBackgroundColor: '#f8fafc',
  headerTextColor: '#4f5d6b',
  headerFontWeight: 600,
  headerFontSize: 13,
  fontFamily: 'inherit',
  fontSize: 13.5,
  rowHeight: 34,
  headerHeight: 36,
  spacing: 6,
  wrapperBorderRadius: 10,
  borderRadius: 6,
  rowHoverColor: 'rgba(31, 95, 169, 0.04)',
  oddRowBackgroundColor: '#ffffff',
  selectedRowBackgroundColor: '#e9f0f9',
  cellHorizontalPadding: 10,
  rangeSelectionBorderColor: '#1f5fa9',
  pinnedRowBorder: { color: '#c9d2dd', width: 1, style: 'solid' },
});
