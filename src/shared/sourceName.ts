// The default source of an actuals import: the pattern of the file's name, so that each
// month's file of one export (銷售明細_2026-03.xlsx, 銷售明細_2026-04.xlsx) is one source
// and importing a corrected month replaces that source's rows of the month. Never the
// header line: two exports with the same columns are not the same source.
//
// The rule: the name without its folder and extension, and without the " (2)" a copy or
// an upload adds; every run of digits, with the date separators and 年/月/日 between and
// after them, becomes "*". "sales_202603.csv" → "sales_*", "2026年3月銷售.xlsx" → "*銷售".
// A name that is nothing but a date keeps its extension ("202603.csv" → "*.csv").

/** Longest source name the import accepts. */
export const MAX_SOURCE_LENGTH = 200;

const DATE_RUN = /[0-9]+(?:[-_./年月日號号]*[0-9]+)*[年月日號号]?/gu;

export function defaultSourceOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  const stem = (dot > 0 ? base.slice(0, dot) : base).normalize('NFKC').replace(/\s*\(\d+\)$/u, '');
  let pattern = stem.replace(DATE_RUN, '*').replace(/\*(?:[\s\-_.]*\*)+/gu, '*').trim();
  if (pattern === '' || pattern === '*') pattern = `*${ext.toLowerCase()}`;
  return pattern.slice(0, MAX_SOURCE_LENGTH);
}
