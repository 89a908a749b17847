import type { ColumnMapping, ImportFieldInfo, SavedMapping } from '../../../../shared/importTypes';

// Column matching for the mapping step: a file's header is matched to a field by the
// field's key and its label in every UI language, ignoring case, width, spaces,
// punctuation, a required-mark "*" and a unit in brackets ("出廠價（元/箱）").

/** The comparable form of a header or label. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*＊]/g, '')
    .replace(/[\s_\-:：.。/\\'"“”‘’]/g, '');
}

/** The label without a bracketed part: "出廠價（元/箱）" → "出廠價". */
function withoutBrackets(text: string): string {
  return text.normalize('NFKC').replace(/\([^)]*\)|\[[^\]]*\]/g, '');
}

export function candidatesFor(field: ImportFieldInfo, labels: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of [field.key, ...labels]) {
    const a = normalizeHeader(t);
    const b = normalizeHeader(withoutBrackets(t));
    if (a) out.add(a);
    if (b) out.add(b);
  }
  return out;
}

/**
 * Maps each field to the first column whose header matches it; a column is used
 * once, required fields pick first. `labelsOf` gives a field's labels in every language.
 */
export function autoMatch(fields: readonly ImportFieldInfo[], headers: readonly string[], labelsOf: (f: ImportFieldInfo) => string[]): ColumnMapping {
  const normalized = headers.map((h) => [normalizeHeader(h), normalizeHeader(withoutBrackets(h))]);
  const taken = new Set<number>();
  const mapping: ColumnMapping = {};
  const ordered = [...fields].sort((a, b) => Number(b.required) - Number(a.required));
  for (const f of ordered) {
    const candidates = candidatesFor(f, labelsOf(f));
    const column = normalized.findIndex(([a, b], i) => !taken.has(i) && (candidates.has(a) || (b !== '' && candidates.has(b))));
    mapping[f.key] = column >= 0 ? column : null;
    if (column >= 0) taken.add(column);
  }
  return mapping;
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
