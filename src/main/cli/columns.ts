import { actualsDestination, type ActualKind, type ActualsReadOptions } from '../../shared/actuals';
import { normalizeHeader, normalizeHeaderBare } from '../../shared/headerMatch';
import type { ColumnMapping } from '../../shared/importTypes';
import { openForBulkWork } from '../core/db/bulk';
import { writeDb } from '../core/db/handle';
import { ACTUAL_FIELDS } from '../core/io/actuals/fields';
import { saveMapping } from '../core/io/importRows';
import { UsageError } from './errors';

// The import command's column flags: `--col FIELD=HEADER` maps a field of the kind (the
// wizard's field keys) to the file's column with that header, matched as written, then
// as the wizard's auto-match compares headers (width, case, spaces, punctuation, then
// without a unit in brackets); `--col FIELD=` leaves the field out. And
// `--save-mapping NAME`: the columns and read options used, kept in the region file
// exactly as the wizard keeps them, so that the wizard offers them for the source next time.

/** The field → column index given by --col flags (null: left out). */
export type ColumnFlags = Map<string, number | null>;

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Parses and checks `FIELD=HEADER` flags against the kind's fields and the file's headers. */
export function parseColumnFlags(kind: ActualKind, flags: readonly string[], headers: readonly string[], file: string): ColumnFlags {
  const fields = ACTUAL_FIELDS[kind].map((f) => f.key);
  const out: ColumnFlags = new Map();
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--col takes FIELD=HEADER (e.g. --col period="Order Date"), not ${flag}`);
    const field = flag.slice(0, eq).trim();
    const header = flag.slice(eq + 1).trim();
    if (!fields.includes(field)) throw new UsageError(`--col ${field}: ${kind} has no field ${field}; its fields are ${fields.join(', ')}`);
    if (out.has(field)) throw new UsageError(`--col ${field} is given twice`);
    if (header === '') {
      out.set(field, null);
      continue;
    }
    let index = headers.indexOf(header);
    for (const form of [normalizeHeader, normalizeHeaderBare]) {
      if (index >= 0) break;
      const wanted = form(header);
      if (wanted !== '') index = headers.findIndex((h) => form(h) === wanted);
    }
    if (index < 0) throw new UsageError(`--col ${field}="${header}": ${file} has no column "${header}"; its columns are ${quoted(headers)}`);
    out.set(field, index);
  }
  return out;
}

/** The mapping with the flags' columns; a column a flag takes is no longer used by another field. */
export function withColumnFlags(base: ColumnMapping, flags: ColumnFlags): ColumnMapping {
  const taken = new Set([...flags.values()].filter((c): c is number => c !== null));
  const out: ColumnMapping = {};
  for (const [field, column] of Object.entries(base)) out[field] = column !== null && taken.has(column) ? null : column;
  for (const [field, column] of flags) out[field] = column;
  return out;
}

/** Saves the mapping and read options under NAME for the kind, as the wizard's 保存 does. */
export function saveUsedMapping(regionPath: string, kind: ActualKind, name: string, mapping: ColumnMapping, headers: readonly string[], options: ActualsReadOptions): void {
  const columns = Object.fromEntries(
    ACTUAL_FIELDS[kind].map((f) => {
      const c = mapping[f.key];
      return [f.key, c === null || c === undefined ? null : (headers[c] ?? null)];
    }),
  );
  const sqlite = openForBulkWork(regionPath);
  try {
    saveMapping(
      writeDb(sqlite),
      actualsDestination(kind),
      name,
      columns,
      ACTUAL_FIELDS[kind].map((f) => f.key),
      options,
    );
  } finally {
    sqlite.close();
  }
}
