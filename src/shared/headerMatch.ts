// Matching a data file's column headers to an import's fields by text: the field's key,
// its labels in every UI language and its aliases (ERP and Excel export headers). Pure,
// shared by the command-line import and the wizard's mapping step.
//
// Headers and labels are compared in a normalized form: NFKC (full-width letters and
// digits, full-width brackets), lower case, without white space, punctuation, symbols
// or a required-mark "*", so "客戶編碼*", "客戶 編碼" and "客戶編碼：" are the same. A unit
// in brackets ("金額（元）", "Amount [CNY]", "銷量【箱】") is also tried without it.

export interface MatchField {
  key: string;
  required: boolean;
  /** Labels in every language plus aliases; the key itself is always a candidate. */
  labels: readonly string[];
}

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|〈[^〈〉]*〉|《[^《》]*》/gu;
const NOISE = /[\s\p{P}\p{S}]/gu;

/** The comparable form of a header or label, brackets' content kept (bracket marks dropped). */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(NOISE, '');
}

/** The comparable form without any bracketed part: "出廠價（元/箱）" → "出廠價". */
export function normalizeHeaderBare(text: string): string {
  return normalizeHeader(text.normalize('NFKC').replace(BRACKETED, ''));
}

function formsOf(text: string): string[] {
  return [normalizeHeader(text), normalizeHeaderBare(text)].filter((s) => s !== '');
}

/**
 * Maps each field to a column whose header matches it, or null. A column is used at
 * most once; required fields choose first, then the others in the order given. A
 * header matching as written beats one that matches only without its bracketed unit,
 * and among equals the leftmost column wins.
 */
export function matchHeaders(fields: readonly MatchField[], headers: readonly string[]): Record<string, number | null> {
  const full = headers.map((h) => normalizeHeader(h));
  const bare = headers.map((h) => normalizeHeaderBare(h));
  const ordered = [...fields].sort((a, b) => Number(b.required) - Number(a.required));
  const candidates = new Map(ordered.map((f) => [f.key, new Set([f.key, ...f.labels].flatMap(formsOf))]));
  const taken = new Set<number>();
  const mapping: Record<string, number | null> = Object.fromEntries(fields.map((f) => [f.key, null]));
  for (const forms of [full, bare]) {
    for (const f of ordered) {
      if (mapping[f.key] !== null) continue;
      const wanted = candidates.get(f.key)!;
      const column = forms.findIndex((h, i) => h !== '' && !taken.has(i) && wanted.has(h));
      if (column >= 0) {
        mapping[f.key] = column;
        taken.add(column);
      }
    }
  }
  return mapping;
}
