import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import {
  ACTUAL_KINDS,
  AMOUNT_UNITS,
  MEMBER_ATTRIBUTES,
  MEMBER_DIMENSIONS,
  actualsDestination,
  type ActualKind,
  type ActualsReadOptions,
  type BulkPolicy,
  type MemberAttribute,
  type MemberDimension,
  type Resolution,
} from '../../shared/actuals';
import { AppError, type InputIssue } from '../../shared/errors';
import { matchHeaders, normalizeHeader } from '../../shared/headerMatch';
import { catalogs } from '../../shared/i18n';
import {
  TEXT_ENCODINGS, type ColumnMapping, type ImportCommitResult, type ImportIssue, type ImportPreview, type RoundingSummary, type TextEncoding,
} from '../../shared/importTypes';
import { MONEY_ROUNDINGS, TWO_DIGIT_YEAR_PIVOT, type MoneyRounding } from '../../shared/importValues';
import { LANGUAGES, formatPeriod } from '../../shared/units';
import { inspectRegionFile } from '../core/db/inspect';
import { SCHEMA_VERSION } from '../core/db/migrations';
import { assertSchemaMatches, verifyReadOnly, withReadOnly } from '../core/db/regionFile';
import { readDb } from '../core/db/handle';
import { ACTUAL_FIELDS, type ActualField } from '../core/io/actuals/fields';
import { inspectForImport } from '../core/io/actuals/reader';
import { importActuals } from '../core/io/actuals/engine';
import type { ActualsJobRequest } from '../core/io/actuals/request';
import { listMappings } from '../core/io/importRows';
import { AlreadyReported, UsageError, isRefusal } from './errors';
import { defaultSourceOf } from '../../shared/sourceName';
import { parseColumnFlags, saveUsedMapping, withColumnFlags, type ColumnFlags } from './columns';
import { otherSourcesRefusal, planCounts, resultCounts, takenLines } from './importReport';

// `regionplan import KIND FILE --into REGION_FILE`: head office's batch import of actuals,
// through the same engine, validation and all-or-nothing commit as the wizard. Row
// problems go to stderr as FILE:ROW lines (exit 1, nothing written); a refused data or
// region file exits 2; success prints one summary line on stdout.

export interface ImportArgs {
  kind: string | undefined;
  file: string | undefined;
  into?: string;
  mapping?: string;
  encoding?: string;
  sheet?: string;
  headerRow?: string;
  dateOrder?: string;
  dateSystem?: string;
  amountUnit?: string;
  rounding?: string;
  source?: string;
  skipUnknown: boolean;
  dryRun: boolean;
  // Column flags, the saved mapping to write, and the consent to overwrite other sources (columns.ts, importReport.ts).
  cols?: string[];
  saveMapping?: string;
  replaceOtherSources?: boolean;
  /** Create every unknown member (attributes from the mapped columns, else the defaults). */
  createUnknown?: boolean;
  /** ATTRIBUTE=NAME: the value of an attribute where the file has none. */
  defaults?: string[];
}

/** Most issue lines printed; the rest are counted. */
const MAX_PRINTED_ISSUES = 200;

const ENCODING_NAMES: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
};

function parseEncoding(value: string | undefined): TextEncoding | undefined {
  if (value === undefined) return undefined;
  const e = ENCODING_NAMES[value.toLowerCase()];
  if (!e) throw new UsageError(`--encoding must be one of ${[...TEXT_ENCODINGS, 'gbk'].join(', ')}, not ${value}`);
  return e;
}

/** The flags given, else what the saved mapping remembers for the source, else the defaults. */
function parseOptions(args: ImportArgs, saved?: ActualsReadOptions): ActualsReadOptions {
  const dateOrder = args.dateOrder ?? saved?.dateOrder ?? 'ymd';
  if (!['ymd', 'dmy', 'mdy'].includes(dateOrder)) throw new UsageError(`--date-order must be ymd, dmy or mdy, not ${dateOrder}`);
  const dateSystem = Number(args.dateSystem ?? saved?.dateSystem ?? '1900');
  if (dateSystem !== 1900 && dateSystem !== 1904) throw new UsageError(`--date-system must be 1900 or 1904, not ${args.dateSystem}`);
  const amountUnit = args.amountUnit ?? saved?.amountUnit ?? 'yuan';
  if (!(AMOUNT_UNITS as readonly string[]).includes(amountUnit)) throw new UsageError(`--amount-unit must be yuan or wan, not ${amountUnit}`);
  const rounding = args.rounding ?? saved?.rounding ?? 'round';
  if (!(MONEY_ROUNDINGS as readonly string[]).includes(rounding)) throw new UsageError(`--rounding must be round or refuse, not ${rounding}`);
  return {
    dateOrder: dateOrder as ActualsReadOptions['dateOrder'],
    dateSystem,
    amountUnit: amountUnit as ActualsReadOptions['amountUnit'],
    rounding: rounding as MoneyRounding,
  };
}

/** The wizard's rounding summary: how many amounts were rounded, and per field the file's total beside the imported one. */
export function roundingLines(kind: string, r: RoundingSummary | undefined): string {
  if (!r) return '';
  const lines = [
    `${kind}: ${count(r.values, 'amount')} rounded half away from zero to the cent (largest change ${r.largestChange} yuan); --rounding refuse refuses them instead`,
    ...r.fields.map((f) => `  ${f.field}: file total ${f.fileTotal}, imported total ${f.importedTotal}, difference ${f.difference} (${count(f.values, 'value')} rounded)`),
  ];
  return `${lines.join('\n')}\n`;
}

// ---- messages in English -----------------------------------------------------------

function lookup(catalog: unknown, key: string): string | null {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

/** Where the wizard's English wording speaks of its own screen, the command line says it its way. */
const CLI_TEXT: Record<string, string> = {
  'importWizard.issue.unknownMember': 'not in the region\'s master data ({{dimension}} “{{value}}”)',
  'importWizard.issue.bulkMissing': '{{n}} new records ({{dimension}}) have no {{attribute}}: map a column for it or pass --default {{attributeKey}}=NAME',
  'importWizard.issue.cityNeedsProvince': 'the city “{{value}}” is not in the national list: give its province in a column or with --default province=NAME',
};

/** A message key of the engine in English with its parameters, or the key itself when the catalog lacks it. */
export function englishText(key: string, params: Record<string, string | number> = {}): string {
  const template = CLI_TEXT[key] ?? lookup(catalogs.en, key);
  if (template === null) {
    const shown = Object.entries(params).map(([k, v]) => `${k}=${v}`);
    return shown.length ? `${key} (${shown.join(', ')})` : key;
  }
  const shown = { ...params };
  if (typeof params.order === 'string') {
    // A date's order by its name, with the forms that order reads.
    const last = String(TWO_DIGIT_YEAR_PIVOT - 1).padStart(2, '0');
    shown.order = lookup(catalogs.en, `importWizard.read.orderName.${params.order}`) ?? params.order;
    shown.forms = (lookup(catalogs.en, `importWizard.value.dateForms.${params.order}`) ?? '').replace(/\{\{\s*last\s*\}\}/g, last);
  }
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (name === 'attributeKey') return String(params.attribute ?? '?');
    const v = shown[name];
    if (v === undefined) return '?';
    if (name === 'dimension') return lookup(catalogs.en, `actuals.dimension.${v}`) ?? String(v);
    if (name === 'attribute') return lookup(catalogs.en, `actuals.attribute.${v}`) ?? String(v);
    return String(v);
  });
}

/** A field's labels in every UI language (missing catalog entries are left out). */
function labelsOf(field: ActualField): string[] {
  return LANGUAGES.map((lng) => lookup(catalogs[lng], `actuals.field.${field.key}`)).filter((s): s is string => s !== null);
}

// ---- the mapping -------------------------------------------------------------------

function mappingFromSaved(
  regionPath: string,
  kind: ActualKind,
  name: string,
  headers: string[],
  file: string,
  overridden: ColumnFlags,
): { mapping: ColumnMapping; options?: ActualsReadOptions } {
  const saved = withReadOnly(regionPath, (sqlite) => listMappings(readDb(sqlite), actualsDestination(kind)));
  const found = saved.find((m) => m.name === name);
  if (!found) {
    const names = saved.map((m) => `"${m.name}"`);
    throw new AppError(
      'NOT_FOUND',
      `${basename(regionPath)} has no saved ${kind} mapping named "${name}"; ${names.length ? `it has ${names.join(', ')}` : `it has none (save one in the app's import wizard, or leave out --mapping to match columns by header)`}`,
    );
  }
  const mapping: ColumnMapping = {};
  const missing: string[] = [];
  for (const field of ACTUAL_FIELDS[kind]) {
    const header = found.columns[field.key];
    if (header === null || header === undefined || overridden.has(field.key)) {
      mapping[field.key] = null;
      continue;
    }
    let index = headers.indexOf(header);
    if (index < 0) index = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(header) && normalizeHeader(h) !== '');
    if (index < 0) missing.push(`column "${header}" (${field.key})`);
    mapping[field.key] = index >= 0 ? index : null;
  }
  if (missing.length) {
    process.stderr.write(
      `${file}: the saved mapping "${name}" needs ${missing.join(', ')}, which the file does not have\n  the file's columns: ${headers.map((h) => `"${h}"`).join(', ')}\n`,
    );
    throw new AlreadyReported('mapping');
  }
  return { mapping, ...(found.options ? { options: found.options } : {}) };
}

function autoMapping(kind: ActualKind, headers: string[]): ColumnMapping {
  return matchHeaders(
    ACTUAL_FIELDS[kind].map((f) => ({ key: f.key, required: f.required, labels: [...labelsOf(f), ...f.aliases] })),
    headers,
  );
}

function describeMapping(kind: ActualKind, mapping: ColumnMapping, headers: string[]): string {
  return ACTUAL_FIELDS[kind]
    .filter((f) => mapping[f.key] !== null && mapping[f.key] !== undefined)
    .map((f) => `${f.key} ← "${headers[mapping[f.key]!]}"`)
    .join(', ');
}

// ---- issues ------------------------------------------------------------------------

function issueLine(file: string, issue: ImportIssue): string {
  const where = issue.row > 0 ? `${file}:${issue.row}` : file;
  const column = issue.column ? `column "${issue.column}" (${issue.field})` : `(${issue.field})`;
  return `${where}: ${column}: ${englishText(issue.message, issue.params)}`;
}

function printIssues(file: string, issues: ImportIssue[], total: number): void {
  const shown = issues.slice(0, MAX_PRINTED_ISSUES);
  const lines = shown.map((i) => issueLine(file, i));
  if (total > shown.length) lines.push(`... and ${(total - shown.length).toLocaleString('en-US')} more`);
  process.stderr.write(`${lines.join('\n')}\n`);
  if (issues.some((i) => i.message === 'importWizard.issue.unknownMember')) {
    process.stderr.write(`${file}: some rows name master data the region does not have; add it in the app, or pass --skip-unknown to leave those rows out\n`);
  }
}

/** The issues of a commit refused for its rows (rows.<row>.<field>), as preview issues. */
function issuesOfCommit(issues: InputIssue[], headers: string[], mapping: ColumnMapping): ImportIssue[] {
  return issues.map((i) => {
    const m = /^rows\.(\d+)\.(.+)$/.exec(i.path);
    const field = m ? m[2] : i.path;
    const col = mapping[field];
    return { row: m ? Number(m[1]) : 0, column: col === null || col === undefined ? '' : (headers[col] ?? ''), field, message: i.message };
  });
}

// ---- the command -------------------------------------------------------------------

function progress(label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    if (!process.stderr.isTTY) return;
    const pct = Math.floor((done / Math.max(total, 1)) * 100);
    if (pct !== last) process.stderr.write(`\r  ${label} ${pct}%`);
    last = pct;
  };
}

/** "1 line", "1,100 lines". */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function months(from: number | null, to: number | null): string {
  if (from === null || to === null) return 'no months';
  return from === to ? formatPeriod(from) : `${formatPeriod(from)} to ${formatPeriod(to)}`;
}

function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

/** --default ATTRIBUTE=NAME, checked. */
function parseDefaults(list: readonly string[]): Partial<Record<MemberAttribute, string>> {
  const out: Partial<Record<MemberAttribute, string>> = {};
  for (const item of list) {
    const m = /^([a-zA-Z]+)=(.+)$/.exec(item);
    if (!m || !(MEMBER_ATTRIBUTES as readonly string[]).includes(m[1])) {
      throw new UsageError(`--default takes ATTRIBUTE=NAME with ATTRIBUTE one of ${MEMBER_ATTRIBUTES.join(', ')}, not ${item}`);
    }
    if (m[2].trim() === '') throw new UsageError(`--default ${m[1]}= needs a value`);
    out[m[1] as MemberAttribute] = m[2].trim();
  }
  return out;
}

/** "300 customers, 500 SKUs; also 3 provinces, 3 cities…" from the counts per dimension. */
function describeCreated(counts: Record<string, number>): string {
  const plural: Record<string, string> = { city: 'cities', category: 'categories', salesperson: 'salespeople', sku: 'SKUs', terminal: 'stores' };
  const name = (d: string, n: number) => {
    const one = d === 'sku' ? 'SKU' : d === 'terminal' ? 'store' : (lookup(catalogs.en, `actuals.dimension.${d}`) ?? d).toLowerCase();
    return `${n.toLocaleString('en-US')} ${n === 1 ? one : (plural[d] ?? `${one}s`)}`;
  };
  const supporting = new Set(['province', 'city', 'channel', 'salesperson', 'brand', 'category']);
  const main = Object.entries(counts).filter(([d, n]) => n > 0 && !supporting.has(d));
  const more = ['province', 'city', 'channel', 'salesperson', 'brand', 'category'].filter((d) => (counts[d] ?? 0) > 0);
  const parts = main.map(([d, n]) => name(d, n));
  if (more.length) parts.push(`and for them ${more.map((d) => name(d, counts[d])).join(', ')}`);
  return parts.join(', ');
}

/** Runs the import command; returns the exit code (refusals are thrown as AppError and exit 2 in main). */
export async function runImport(args: ImportArgs): Promise<number> {
  if (!args.kind) throw new UsageError('import needs KIND and FILE');
  if (!(ACTUAL_KINDS as readonly string[]).includes(args.kind)) throw new UsageError(`KIND must be one of ${ACTUAL_KINDS.join(', ')}, not ${args.kind}`);
  const kind = args.kind as ActualKind;
  if (!args.file) throw new UsageError('import needs the data FILE after KIND');
  if (!args.into) throw new UsageError('--into REGION_FILE is required');
  let headerRow: number | undefined;
  if (args.headerRow !== undefined) {
    headerRow = Number(args.headerRow);
    if (!Number.isInteger(headerRow) || headerRow < 1) throw new UsageError(`--header-row must be a row number (1 or more), not ${args.headerRow}`);
  }
  const encoding = parseEncoding(args.encoding);
  parseOptions(args); // the flags are checked before any file is read
  if (args.source !== undefined && args.source.trim() === '') throw new UsageError('--source must not be empty');
  if (args.saveMapping !== undefined && args.saveMapping.trim() === '') throw new UsageError('--save-mapping needs a NAME');
  const defaults = parseDefaults(args.defaults ?? []);
  if (Object.keys(defaults).length > 0 && !args.createUnknown) throw new UsageError('--default is for --create-unknown');
  if (args.createUnknown && args.skipUnknown) throw new UsageError('--create-unknown and --skip-unknown exclude each other');

  const path = resolve(args.file);
  const file = basename(path);
  const regionPath = resolve(args.into);
  // The region file: a region file of this version (the CLI does not migrate).
  const header = inspectRegionFile(regionPath);
  if (header.userVersion > SCHEMA_VERSION) {
    throw new AppError('FILE_REFUSED', `${regionPath}: made by a newer version of RegionPlan (schema ${header.userVersion}); update the app`, {
      reason: 'newer_schema',
      path: regionPath,
    });
  }
  if (header.userVersion < SCHEMA_VERSION) {
    // An older version number over a newer schema is refused as inconsistent, not sent to the app to migrate.
    if (header.userVersion >= 1) await assertSchemaMatches(regionPath, header.userVersion);
    throw new AppError('FILE_REFUSED', `${regionPath}: schema ${header.userVersion} is older than this version's; open it in the app to migrate it first`, {
      reason: 'foreign',
      path: regionPath,
    });
  }
  // Nothing is written to a file that has not passed the full integrity check (every
  // index against its table); the CLI has no one waiting on it, so it checks first.
  verifyReadOnly(regionPath, 'full');
  if (!existsSync(path)) throw new AppError('FILE_NOT_FOUND', `${path}: no such file`, { path });

  const info = await inspectForImport(path, { encoding, sheet: args.sheet, headerRow });
  const headers = info.headers;
  const cols = parseColumnFlags(kind, args.cols ?? [], headers, file);
  const saved = args.mapping !== undefined ? mappingFromSaved(regionPath, kind, args.mapping, headers, file, cols) : null;
  const mapping = withColumnFlags(saved ? saved.mapping : autoMapping(kind, headers), cols);
  const options = parseOptions(args, saved?.options);
  const unmapped = ACTUAL_FIELDS[kind].filter((f) => f.required && (mapping[f.key] === null || mapping[f.key] === undefined));
  if (unmapped.length) {
    const garbled = info.encoding !== null && headers.some((h) => h.includes('\ufffd'));
    process.stderr.write(
      `${file}: no column for the required field${unmapped.length > 1 ? 's' : ''} ${unmapped.map((f) => f.key).join(', ')}\n` +
        `  the file's columns: ${headers.map((h) => `"${h}"`).join(', ')}\n` +
        (garbled ? `  the headers do not read as ${info.encoding}: give the file's encoding with --encoding (e.g. gbk), or leave it out to detect it\n` : '') +
        (args.mapping === undefined
          ? `  matched: ${describeMapping(kind, mapping, headers) || 'nothing'}\n  name the columns with --col FIELD=HEADER, or pass --mapping NAME of a saved mapping\n`
          : ''),
    );
    return 1;
  }

  const request: ActualsJobRequest = {
    path,
    ...(info.encoding ? { encoding: info.encoding } : {}),
    ...(info.sheet ? { sheet: info.sheet } : {}),
    headerRow: info.headerRow,
    destination: actualsDestination(kind),
    mapping,
    options,
    // The source, as the wizard names it: a saved mapping's name, else the file name's pattern (never the header line).
    source: args.source ?? args.saveMapping ?? args.mapping ?? defaultSourceOf(file),
    resolutions: [],
    ...(args.replaceOtherSources ? { replaceOtherSources: true } : {}),
  };

  const preview = async (): Promise<ImportPreview> => {
    try {
      return (await importActuals(regionPath, 'preview', request, progress('checking'), () => false)) as ImportPreview;
    } finally {
      clearProgress();
    }
  };

  if (args.createUnknown) {
    // One create policy per dimension the mapped columns name; the supporting members the
    // preview lists are confirmed by the flag itself (the preview's count and hash).
    const dimensions = new Set(
      ACTUAL_FIELDS[kind].filter((f) => f.type === 'member' && mapping[f.key] !== null && mapping[f.key] !== undefined).map((f) => f.dimension as MemberDimension),
    );
    const policies: BulkPolicy[] = [...dimensions].map((dimension) => ({ dimension, action: 'create', defaults }));
    request.bulk = { policies };
    const p = await preview();
    if (p.bulk) request.bulk.confirm = { count: p.bulk.supporting.length, hash: p.bulk.supportingHash };
    const conflicts = p.bulk?.conflictCount ?? 0;
    if (conflicts > 0) {
      const shown = p.bulk!.conflicts.slice(0, 20).map((c) => `${file}:${c.row}: ${c.dimension} “${c.value}” ${c.attribute} “${c.other}” differs from “${c.kept}” (kept)`);
      process.stderr.write(`${shown.join('\n')}\n${file}: ${count(conflicts, 'attribute value')} differ from the member's first row; the first is kept\n`);
    }
  }

  if (args.skipUnknown) {
    // Every unknown value gets 'skip'. A preview lists the 1,000 with the most rows (decided
    // or not) and the first 500 issues, so each pass takes the undecided ones from both,
    // until a pass finds none.
    const decided = new Map<string, Resolution>();
    const decide = (dimension: MemberDimension, value: string) => {
      const key = `${dimension}\u0000${value}`;
      if (decided.has(key)) return false;
      decided.set(key, { dimension, value, action: 'skip' });
      return true;
    };
    for (;;) {
      const p = await preview();
      let fresh = 0;
      for (const u of p.unknowns ?? []) if (!u.resolution && decide(u.dimension, u.value)) fresh++;
      for (const i of p.issues) {
        const dimension = i.params?.dimension;
        const value = i.params?.value;
        if (i.message !== 'importWizard.issue.unknownMember' || value === undefined) continue;
        if (!(MEMBER_DIMENSIONS as readonly unknown[]).includes(dimension)) continue;
        if (decide(dimension as MemberDimension, String(value))) fresh++;
      }
      if (fresh === 0) break;
      request.resolutions = [...decided.values()];
    }
  }

  if (args.dryRun) {
    const p = await preview();
    if (p.issueCount > 0) {
      printIssues(file, p.issues, p.issueCount);
      process.stderr.write(`${file}: ${count(p.issueCount, 'problem')} in ${count(p.rowCount, 'row')}; an import would write nothing\n`);
      return 1;
    }
    const b = p.batch;
    if (args.createUnknown && p.bulk) {
      const would: Record<string, number> = {};
      for (const d of p.bulk.dimensions) if (d.created > 0) would[d.dimension] = d.created;
      for (const s of p.bulk.supporting) would[s.dimension] = (would[s.dimension] ?? 0) + 1;
      if (Object.keys(would).length) process.stdout.write(`${kind}: would create ${describeCreated(would)}\n`);
    }
    process.stdout.write(
      `${kind}: ${file} is fine: ${count(p.rowCount, 'row')}` +
        (b
          ? ` → ${count(b.lines, 'line')}, ${months(b.periodFrom, b.periodTo)}, source "${b.source}": ${planCounts(b)} (dry run: nothing written)\n${takenLines(b.taken, true).map((l) => `${l}\n`).join('')}`
          : ' (dry run: nothing written)\n'),
    );
    process.stdout.write(roundingLines(kind, p.rounding));
    if (b && b.otherSources.length > 0 && !args.replaceOtherSources) {
      process.stderr.write(otherSourcesRefusal(file, b));
      return 2;
    }
    return 0;
  }

  let result: ImportCommitResult;
  try {
    result = (await importActuals(regionPath, 'commit', request, progress('importing'), () => false)) as ImportCommitResult;
  } catch (e) {
    clearProgress();
    // Rows of other sources and no --replace-other-sources: say whose, by batch and month (exit 2, nothing written).
    if (e instanceof AppError && e.code === 'CONFLICT' && e.details.issues?.[0]?.path === 'replaceOtherSources') {
      const b = (await preview()).batch;
      if (b && b.otherSources.length > 0) {
        process.stderr.write(otherSourcesRefusal(file, b));
        return 2;
      }
      throw e;
    }
    if (!(e instanceof AppError) || e.code !== 'INVALID_INPUT' || isRefusal(e)) throw e;
    // Rejected for its rows: the preview says each problem with its value and column.
    let issues: ImportIssue[];
    let total: number;
    try {
      const p = await preview();
      issues = p.issues;
      total = p.issueCount;
    } catch {
      issues = [];
      total = 0;
    }
    if (total === 0) {
      issues = issuesOfCommit(e.details.issues ?? [], headers, mapping);
      total = issues.length;
    }
    if (total === 0) throw e;
    printIssues(file, issues, total);
    process.stderr.write(`${file}: ${count(total, 'problem')}; nothing was imported\n`);
    return 1;
  }
  clearProgress();
  // Lines: what the region holds now (an ERP export by invoice has several rows per line).
  const lines = result.inserted + result.updated;
  process.stdout.write(
    `${kind}: imported ${count(lines, 'line')} (${count(result.imported, 'row')}) from ${file} into ${basename(regionPath)}` +
      ` (batch ${result.batchId ?? '-'}, source "${request.source}"): ${resultCounts(result)}\n` +
      takenLines(result.taken ?? [], false)
        .map((l) => `${l}\n`)
        .join(''),
  );
  process.stdout.write(roundingLines(kind, result.rounding));
  if (args.saveMapping !== undefined) {
    saveUsedMapping(regionPath, kind, args.saveMapping, mapping, headers, request.options);
    process.stdout.write(`saved the mapping "${args.saveMapping}" (${describeMapping(kind, mapping, headers)}) in ${basename(regionPath)}\n`);
  }
  if (args.createUnknown && result.createdBy && Object.keys(result.createdBy).length > 0) {
    process.stdout.write(`${kind}: created ${describeCreated(result.createdBy)}\n`);
  }
  return 0;
}

