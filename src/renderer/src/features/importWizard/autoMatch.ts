import { matchHeaders } from '../../../../shared/headerMatch';
import type { ColumnMapping, ImportFieldInfo, SavedMapping } from '../../../../shared/importTypes';

// Column matching for the mapping step: a file's header is matched to a field by the
// field's key, its label in every UI language and its aliases (the header texts ERP
// and Excel exports use: "存貨編碼", "价税合计"), ignoring case, width, spaces,
// punctuation, a required-mark "*" and a unit in brackets ("出廠價（元/箱）"). The rule
// is shared with the command-line import (src/shared/headerMatch.ts), so a file maps
// the same way in both.

export { normalizeHeader } from '../../../../shared/headerMatch';

/**
 * Maps each field to a column whose header matches it; a column is used once,
 * required fields pick first. `labelsOf` gives a field's labels in every language.
 */
export function autoMatch(fields: readonly ImportFieldInfo[], headers: readonly string[], labelsOf: (f: ImportFieldInfo) => string[]): ColumnMapping {
  return matchHeaders(
    fields.map((f) => ({ key: f.key, required: f.required, labels: [...labelsOf(f), ...(f.aliases ?? [])] })),
    headers,
  );
}

/** A saved mapping (columns by header text) applied to this file's headers. */
export function applySaved(saved: SavedMapping, fields: readonly ImportFieldInfo[], headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const f of fields) {
    const header = saved.columns[f.key];
    const index = header === null || header === undefined ? -1 : headers.indexOf(header);
    mapping[f.key] = index >= 0 ? index : null;
  }
  return mapping;
}

/** How many of a saved mapping's columns this file has (to pick the best one). */
export function savedFit(saved: SavedMapping, headers: readonly string[]): number {
  const wanted = Object.values(saved.columns).filter((h): h is string => !!h);
  if (wanted.length === 0) return 0;
  return wanted.filter((h) => headers.includes(h)).length / wanted.length;
}

/** The columns of a mapping by header text, for saving. */
export function columnsOf(mapping: ColumnMapping, headers: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, v === null ? null : (headers[v] ?? null)]));
}

/** The default name of a saved mapping: the file's header signature. */
export function headerSignature(headers: readonly string[]): string {
  const sig = headers.filter((h) => h !== '').join(',');
  return sig.length > 120 ? `${sig.slice(0, 119)}…` : sig;
}
