import {
  actualKindOfDestination, type ActualKind, type BatchPlan, type BulkPreview, type MemberAttribute, type MemberDimension, type TakenRows,
} from '../../../../shared/actuals';
import { AppError, refusal } from '../../../../shared/errors';
import type { ImportCommitResult, ImportIssue, ImportPreview } from '../../../../shared/importTypes';
import type { DateOptions, ExactDecimal } from '../../../../shared/importValues';
import { jobTransaction, openForBulkWork } from '../../db/bulk';
import { readDb, writeDb, type ReadDb, type WriteDb } from '../../db/handle';
import {
  BATCH_KIND, derivedMonthsOfBatch, kindOfBatch, liveRows, refreshDerived, removeReplaced, replacedByBatchMonth, type BatchMonthRows,
} from '../../repos/actualsTables';
import { deleteBatch, findBatchRow, insertBatch, insertBatchLosses, setBatchRowCount, sourceBatchIds } from '../../repos/imports';
import { RoundingTally } from '../rounding';
import { ACTUAL_FIELDS, type ActualField } from './fields';
import { KIND_WRITERS, type KindAccumulator, type RowContext } from './kinds';
import { insertCreated, Resolver, SKIP, UNKNOWN } from './members';
import type { Grid } from '../dataFile';
import { streamRows, workbookGridOf } from './reader';
import type { ActualsJobRequest } from './request';
import { cachedFieldParser, type Parsed } from './values';
import { phaseTracer } from '../../trace';

// The actuals import engine: one pass over the file (streamed), every cell parsed
// and every member resolved, rows gathered into the kind's lines; then either the
// preview (what the commit would do, nothing written) or the commit (one
// transaction: new members, the batch, the same source's rows in the file's months
// removed, the lines written). It runs in a job worker on its own connection; the
// CLI and the benchmark call it directly.

export const MAX_ISSUES = 500;
/** Progress is reported in thousandths: reading takes the first part, writing the rest. */
const PROGRESS_TOTAL = 1000;

export async function importActuals(
  regionPath: string,
  mode: 'preview' | 'commit',
  request: ActualsJobRequest,
  onProgress: (done: number, total: number) => void,
  shouldCancel: () => boolean,
): Promise<ImportPreview | ImportCommitResult> {
  // A workbook is read (in the workbook worker) before the region file is opened; a CSV is streamed in the pass.
  const workbook = await workbookGridOf(request.path, { encoding: request.encoding, sheet: request.sheet, headerRow: request.headerRow });
  const sqlite = openForBulkWork(regionPath);
  try {
    return mode === 'preview'
      ? previewActuals(readDb(sqlite), request, onProgress, shouldCancel, workbook)
      : commitActuals(writeDb(sqlite), request, onProgress, shouldCancel, workbook);
  } finally {
    sqlite.close();
  }
}

function kindOf(destination: string): ActualKind {
  const kind = actualKindOfDestination(destination);
  if (!kind) throw new AppError('NOT_FOUND', `no import destination ${destination}`, { issues: [{ path: 'destination', message: `no import destination ${destination}` }] });
  return kind;
}

interface Pass {
  kind: ActualKind;
  acc: KindAccumulator;
  resolver: Resolver;
  rowCount: number;
  badRows: number;
  skipped: number;
  issues: ImportIssue[];
  issueCount: number;
  fileName: string;
  hash: string;
  encoding: string | null;
  mappingIssues: ImportIssue[];
  rounding: RoundingTally;
}

interface Mapped {
  field: ActualField;
  column: number;
  /** The name field beside a member field (customerName beside customer). */
  nameColumn: number | null;
  /** The attribute fields of a member field (customerCity beside customer), read for members created in bulk. */
  attributes: { attribute: MemberAttribute; column: number }[];
}

function mappingProblems(kind: ActualKind, request: ActualsJobRequest): { used: Mapped[]; issues: ImportIssue[] } {
  const fields = ACTUAL_FIELDS[kind];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(request.mapping)) {
    if (!byKey.has(key)) {
      throw new AppError('INVALID_INPUT', `${request.destination} has no field ${key}`, { issues: [{ path: `mapping.${key}`, message: 'unknown field' }] });
    }
  }
  const col = (key: string) => {
    const c = request.mapping[key];
    return c === null || c === undefined ? null : c;
  };
  const issues: ImportIssue[] = fields
    .filter((f) => f.required && col(f.key) === null)
    .map((f) => ({ row: 0, column: '', field: f.key, message: 'importWizard.issue.requiredUnmapped' }));
  const used: Mapped[] = [];
  for (const f of fields) {
    const c = col(f.key);
    if (c === null || f.type === 'name' || f.attribute) continue;
    const nameField = f.type === 'member' ? fields.find((x) => x.type === 'name' && x.dimension === f.dimension && x.key === `${f.key}Name`) : undefined;
    const attributes = fields
      .filter((x) => x.attribute?.of === f.key && col(x.key) !== null)
      .map((x) => ({ attribute: x.attribute!.attribute, column: col(x.key)! }));
    used.push({ field: f, column: c, nameColumn: nameField ? col(nameField.key) : null, attributes });
  }
  return { used, issues };
}

function dateOptions(request: ActualsJobRequest): DateOptions {
  return { order: request.options.dateOrder, system: request.options.dateSystem };
}

/** Reads the whole file into the kind's lines. */
function pass(
  db: ReadDb,
  request: ActualsJobRequest,
  share: number,
  onProgress: (d: number, t: number) => void,
  shouldCancel: () => boolean,
  workbook: Grid | undefined,
): Pass {
  const kind = kindOf(request.destination);
  const { used, issues: mappingIssues } = mappingProblems(kind, request);
  const resolver = new Resolver(db, request.resolutions, request.bulk?.policies ?? []);
  const bulk = resolver.bulk;
  const acc = KIND_WRITERS[kind].accumulator(db, resolver);
  const p: Pass = {
    kind,
    acc,
    resolver,
    rowCount: 0,
    badRows: 0,
    skipped: 0,
    issues: [],
    issueCount: 0,
    fileName: '',
    hash: '',
    encoding: null,
    mappingIssues,
    rounding: new RoundingTally(),
  };
  let headers: string[] = [];
  const headerOf = (c: number) => headers[c] || `#${c + 1}`;
  const parseField = cachedFieldParser({
    dates: dateOptions(request),
    unit: request.options.amountUnit,
    rounding: request.options.rounding ?? 'round',
  });
  const values: Record<string, Parsed> = {};
  // The row's money values, tallied for the rounding summary once the row is taken (slots
  // reused row after row: a million rows would otherwise leave millions of small objects).
  const money: { field: string; cents: number; change?: ExactDecimal }[] = [];
  let moneyCount = 0;
  const ctx: RowContext = {
    row: 0,
    values,
    issue: (field, message, params) => {
      const m = used.find((u) => u.field.key === field);
      add(field, m ? headerOf(m.column) : '', message, params);
    },
  };
  let rowHasIssue = false;
  const add = (field: string, column: string, message: string, params?: Record<string, string | number>) => {
    rowHasIssue = true;
    p.issueCount++;
    if (p.issues.length < MAX_ISSUES) p.issues.push({ row: ctx.row, column, field, message, ...(params ? { params } : {}) });
  };
  const file = streamRows(
    request.path,
    { encoding: request.encoding, sheet: request.sheet, headerRow: request.headerRow },
    (cells, rowNumber) => {
      p.rowCount++;
      ctx.row = rowNumber;
      rowHasIssue = false;
      moneyCount = 0;
      let skip = false;
      for (const m of used) {
        const text = (cells[m.column] ?? '').trim();
        const f = m.field;
        if (f.type === 'member') {
          if (text === '') {
            values[f.key] = null;
            if (f.required) add(f.key, headerOf(m.column), 'importWizard.value.empty', { value: '' });
            continue;
          }
          const name = m.nameColumn !== null ? (cells[m.nameColumn] ?? '').trim() : null;
          const id = resolver.resolve(f.dimension as MemberDimension, text, rowNumber, name, cells);
          if (m.attributes.length > 0) {
            // Attributes matter only for members the import creates in bulk (and offer their values while still unknown).
            const created = id > 0 && bulk.creates.size > 0 ? bulk.created(f.dimension as MemberDimension, id) : undefined;
            if (created || id === UNKNOWN) {
              for (const a of m.attributes) {
                const v = (cells[a.column] ?? '').trim();
                bulk.noteFileValue(a.attribute, v);
                if (created) bulk.note(created, a.attribute, v, rowNumber);
              }
            }
          }
          if (id === SKIP) skip = true;
          else if (id === UNKNOWN) add(f.key, headerOf(m.column), 'importWizard.issue.unknownMember', { value: text, dimension: f.dimension as string });
          values[f.key] = id;
          continue;
        }
        const r = parseField(f, text);
        if (r.ok) {
          values[f.key] = r.value;
          if (f.type === 'money' && typeof r.value === 'number') {
            const slot = money[moneyCount] ?? (money[moneyCount] = { field: '', cents: 0 });
            slot.field = f.key;
            slot.cents = r.value;
            slot.change = r.change;
            moneyCount++;
          }
        } else {
          values[f.key] = null;
          add(f.key, headerOf(m.column), r.message, r.params);
        }
      }
      if (skip && !rowHasIssue) {
        p.skipped++;
        return;
      }
      if (!rowHasIssue) acc.add(ctx);
      if (rowHasIssue) p.badRows++;
      else for (let k = 0; k < moneyCount; k++) p.rounding.add(money[k].field, money[k].cents, money[k].change);
      // Every mapped field is set again by the next row before it is read: no reset needed.
    },
    {
      onProgress: (done, total) => onProgress(Math.floor((done / Math.max(total, 1)) * share * PROGRESS_TOTAL), PROGRESS_TOTAL),
      shouldCancel,
      onHeader: (h) => {
        headers = h;
      },
    },
    workbook,
  );
  p.fileName = file.fileName;
  p.hash = file.hash;
  p.encoding = file.encoding;
  for (const r of resolver.badResolutions) {
    p.mappingIssues.push({ row: 0, column: '', field: r.dimension, message: 'importWizard.issue.badResolution', params: { value: r.value } });
  }
  bulk.finish();
  for (const [dimension, byAttribute] of bulk.missing()) {
    for (const [attribute, n] of byAttribute) {
      p.mappingIssues.push({ row: 0, column: '', field: dimension, message: 'importWizard.issue.bulkMissing', params: { dimension, attribute, n } });
    }
  }
  for (const city of bulk.citiesWithoutProvince()) {
    p.mappingIssues.push({ row: 0, column: '', field: 'city', message: 'importWizard.issue.cityNeedsProvince', params: { value: city } });
  }
  const supporting = bulk.supportingList();
  const confirm = request.bulk?.confirm;
  if (supporting.length > 0 && (!confirm || confirm.count !== supporting.length || confirm.hash !== bulk.supportingHash())) {
    p.mappingIssues.push({ row: 0, column: '', field: 'bulk', message: 'importWizard.issue.confirmSupporting', params: { n: supporting.length } });
  }
  acc.finish(ctx);
  return p;
}

const sum = (rows: readonly BatchMonthRows[]) => rows.reduce((n, r) => n + r.rows, 0);

/** The rows replaced and overwritten, named by batch, file and source, in the order the preview lists them. */
function takenRows(db: ReadDb, replaced: readonly BatchMonthRows[], overwritten: readonly BatchMonthRows[]): TakenRows[] {
  const batches = new Map<number, { fileName: string; source: string }>();
  const batchOf = (id: number) => {
    let b = batches.get(id);
    if (!b) {
      const row = findBatchRow(db, id);
      b = { fileName: row?.source_name ?? '', source: row?.mapping_name ?? '' };
      batches.set(id, b);
    }
    return b;
  };
  const out: TakenRows[] = [
    ...replaced.map((r) => ({ action: 'replace' as const, ...r, ...batchOf(r.batchId) })),
    ...overwritten.map((r) => ({ action: 'overwrite' as const, ...r, ...batchOf(r.batchId) })),
  ].map(({ action, batchId, fileName, source, period, rows }) => ({ action, batchId, fileName, source, period, rows }));
  const order = (t: TakenRows) => (t.action === 'replace' ? 0 : 1);
  return out.sort((a, b) => order(a) - order(b) || a.source.localeCompare(b.source) || a.batchId - b.batchId || a.period - b.period);
}

/** The other sources whose rows are overwritten, in the order they are listed. */
function otherSourcesOf(taken: readonly TakenRows[]): string[] {
  return [...new Set(taken.filter((t) => t.action === 'overwrite').map((t) => t.source))];
}

/** Refuses a commit that would overwrite rows of other sources unless the user confirmed it. */
function refuseOtherSources(p: Pass, taken: readonly TakenRows[]): AppError {
  const sources = otherSourcesOf(taken);
  const rows = sum(taken.filter((t) => t.action === 'overwrite'));
  const names = sources.map((s) => (s === '' ? 'the demo data' : `"${s}"`)).join(', ');
  return refusal(
    'CONFLICT',
    'importWizard.preview.other.refused',
    `${p.fileName}: the import would overwrite ${rows} rows of other sources (${names}); confirm it to go ahead (the command line: --replace-other-sources)`,
    { path: 'replaceOtherSources', params: { n: rows, sources: sources.map((s) => (s === '' ? '—' : s)).join('、') } },
  );
}

function bulkPreview(p: Pass): BulkPreview {
  const bulk = p.resolver.bulk;
  const missing = bulk.missing();
  const tally = p.resolver.unknownTally();
  const dimensions = new Set<MemberDimension>([...tally.keys(), ...bulk.policies.keys()]);
  return {
    dimensions: [...dimensions].map((dimension) => {
      const t = tally.get(dimension) ?? { unknown: 0, created: 0, skipped: 0, mapped: 0 };
      return {
        dimension,
        ...t,
        policy: bulk.policies.get(dimension)?.action ?? null,
        missing: [...(missing.get(dimension) ?? new Map<MemberAttribute, number>())].map(([attribute, count]) => ({ attribute, count })),
      };
    }),
    supporting: bulk.supportingList(),
    supportingHash: bulk.supportingHash(),
    conflicts: bulk.conflicts,
    conflictCount: bulk.conflictCount,
    fileValues: Object.fromEntries([...bulk.fileValues].map(([a, set]) => [a, [...set]])),
  };
}

function plan(db: ReadDb, p: Pass, request: ActualsJobRequest): BatchPlan {
  const writer = KIND_WRITERS[p.kind];
  const periods = p.acc.periods();
  const same = sourceBatchIds(db, BATCH_KIND[p.kind], request.source);
  const replaced = replacedByBatchMonth(db, p.kind, periods, same);
  const overwritten = writer.overwrites(db, p.acc, periods, same);
  const taken = takenRows(db, replaced, overwritten);
  return {
    kind: p.kind,
    source: request.source,
    periodFrom: periods.length ? periods[0] : null,
    periodTo: periods.length ? periods[periods.length - 1] : null,
    lines: p.acc.lines(),
    combined: p.acc.combined(),
    skipped: p.skipped,
    replaces: sum(replaced),
    overwrites: sum(overwritten),
    creates: p.resolver.creates.size,
    taken,
    otherSources: otherSourcesOf(taken),
  };
}

export function previewActuals(
  db: ReadDb,
  request: ActualsJobRequest,
  onProgress: (done: number, total: number) => void,
  shouldCancel: () => boolean,
  workbook?: Grid,
): ImportPreview {
  const p = pass(db, request, 0.95, onProgress, shouldCancel, workbook);
  const issues = [...p.mappingIssues, ...p.issues];
  const preview: ImportPreview = {
    rowCount: p.rowCount,
    validCount: p.rowCount - p.badRows - p.skipped,
    issues: issues.slice(0, MAX_ISSUES),
    issueCount: p.issueCount + p.mappingIssues.length,
    updates: 0,
    inserts: 0,
    unknowns: p.resolver.unknowns(),
    unknownCount: p.resolver.unknownCount(),
    batch: plan(db, p, request),
    bulk: bulkPreview(p),
  };
  const rounding = p.rounding.summary();
  if (rounding) preview.rounding = rounding;
  preview.updates = preview.batch!.overwrites;
  preview.inserts = preview.batch!.lines - preview.batch!.overwrites;
  onProgress(PROGRESS_TOTAL, PROGRESS_TOTAL);
  return preview;
}

function refuseIssues(p: Pass): AppError {
  const all = [...p.mappingIssues, ...p.issues];
  const first = all[0];
  const where = first.row === 0 ? `${first.field}` : `row ${first.row}, column "${first.column}"`;
  const count = p.issueCount + p.mappingIssues.length;
  const confirm = p.mappingIssues.find((i) => i.message === 'importWizard.issue.confirmSupporting');
  const what = confirm
    ? `the import would also create ${confirm.params?.n} supporting members (cities, channels, brands…) that were not confirmed: check the preview's list and confirm it with its count and hash`
    : `the first: ${where}: ${first.message}`;
  return new AppError('INVALID_INPUT', `${p.fileName}: ${count} problem(s), nothing imported; ${what}`, {
    issues: all.slice(0, MAX_ISSUES).map((i) => ({ path: i.row === 0 ? `mapping.${i.field}` : `rows.${i.row}.${i.field}`, message: i.message })),
  });
}

export function commitActuals(
  db: WriteDb,
  request: ActualsJobRequest,
  onProgress: (done: number, total: number) => void,
  shouldCancel: () => boolean,
  workbook?: Grid,
): ImportCommitResult {
  // The write lock is taken first (BEGIN IMMEDIATE), so that the ids given to new members
  // and the rows replaced are exactly those the commit sees; nothing is written until
  // every row is valid, and anything thrown rolls the whole import back.
  const trace = phaseTracer('import');
  const result = jobTransaction(
    db,
    (): ImportCommitResult => {
      const p = pass(db, request, 0.6, onProgress, shouldCancel, workbook);
      trace('read and check');
      if (p.issueCount > 0 || p.mappingIssues.length > 0) throw refuseIssues(p);
      if (shouldCancel()) throw new AppError('CANCELLED', 'the import was cancelled; nothing was written');
      const writer = KIND_WRITERS[p.kind];
      const periods = p.acc.periods();
      const same = sourceBatchIds(db, BATCH_KIND[p.kind], request.source);
      const replacedRows = replacedByBatchMonth(db, p.kind, periods, same);
      const overwritten = writer.overwrites(db, p.acc, periods, same);
      const overwrites = sum(overwritten);
      const taken = takenRows(db, replacedRows, overwritten);
      if (overwrites > 0 && !request.replaceOtherSources) throw refuseOtherSources(p, taken);
      // Supporting members first (provinces, cities, channels, brands…): the new customers and SKUs point at them.
      const createdBy = p.resolver.bulk.insertSupporting(db);
      const created = insertCreated(db, p.resolver.creates.values(), p.acc.skuFigures(), createdBy);
      const batchId = insertBatch(db, {
        kind: BATCH_KIND[p.kind],
        source_name: p.fileName,
        source_hash: p.hash,
        imported_at: new Date().toISOString(),
        period_from: periods.length ? periods[0] : null,
        period_to: periods.length ? periods[periods.length - 1] : null,
        mapping_name: request.source,
        encoding: p.encoding,
      });
      const replaced = removeReplaced(db, p.kind, periods, same);
      // What each earlier batch loses, recorded before the rows change hands (they keep no trace of it).
      const byBatch = (rows: readonly BatchMonthRows[]) => {
        const m = new Map<number, number>();
        for (const r of rows) m.set(r.batchId, (m.get(r.batchId) ?? 0) + r.rows);
        return m;
      };
      insertBatchLosses(db, [
        ...[...byBatch(replacedRows)].map(([id, n]) => ({ batch_id: id, by_batch_id: batchId, by_file: p.fileName, action: 'replace' as const, row_count: n })),
        ...[...byBatch(overwritten)].map(([id, n]) => ({ batch_id: id, by_batch_id: batchId, by_file: p.fileName, action: 'overwrite' as const, row_count: n })),
      ]);
      trace('members, batch, replaced rows');
      // Batches of the same source that no longer hold a row are gone with their rows.
      for (const id of same) {
        if (liveRows(db, p.kind, id) === 0) deleteBatch(db, id);
      }
      const { lines, derived } = writer.write(db, p.acc, batchId, (done, total) => {
        onProgress(Math.floor((0.6 + 0.4 * (done / Math.max(total, 1))) * PROGRESS_TOTAL), PROGRESS_TOTAL);
        if (shouldCancel()) throw new AppError('CANCELLED', 'the import was cancelled; nothing was written');
      });
      trace('write');
      refreshDerived(db, p.kind, periods.filter((m) => !derived.includes(m)));
      trace('derived tables');
      setBatchRowCount(db, batchId, lines);
      const rounding = p.rounding.summary();
      return {
        imported: p.rowCount - p.skipped,
        inserted: lines - overwrites,
        updated: overwrites,
        batchId,
        skipped: p.skipped,
        replaced,
        overwritten: overwrites,
        combined: p.acc.combined(),
        created,
        taken,
        createdBy,
        ...(rounding ? { rounding } : {}),
      };
    },
    true,
  );
  trace('commit');
  onProgress(PROGRESS_TOTAL, PROGRESS_TOTAL);
  return result;
}

/** Removes a batch and every row it wrote, in one transaction. */
export function removeActualsBatch(regionPath: string, batchId: number, shouldCancel: () => boolean): { removed: number } {
  const sqlite = openForBulkWork(regionPath);
  try {
    const db = writeDb(sqlite);
    const batch = findBatchRow(db, batchId);
    if (!batch) throw new AppError('NOT_FOUND', `there is no import batch ${batchId}`, { issues: [{ path: 'id', message: 'no such batch' }] });
    const kind = kindOfBatch(db, batch);
    if (!kind) throw new AppError('INVALID_INPUT', `batch ${batchId} is not an actuals import (${batch.kind})`, { issues: [{ path: 'id', message: 'not an actuals batch' }] });
    if (shouldCancel()) throw new AppError('CANCELLED', 'cancelled');
    return jobTransaction(db, () => {
      const removed = liveRows(db, kind, batchId);
      const periods = derivedMonthsOfBatch(db, kind, batchId);
      deleteBatch(db, batchId);
      refreshDerived(db, kind, periods);
      return { removed };
    });
  } finally {
    sqlite.close();
  }
}
