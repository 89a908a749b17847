import type { InputIssue } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { codeKey, editableFields, ENTITIES, isEntityName, type CellValue, type EntityName } from '../../../shared/masterData';
import type { ReadDb } from '../db/handle';
import { listEntityCodes } from '../repos/masterData';
import { applyMasterRows, validateMasterRows } from '../services/masterData';
import { registerDestinations, type ImportDestination, type RowIssue, type RowPlan, type TextRow } from './destinations';

// 'master:<entity>' import destinations, built from the entity specs. A row whose code
// matches an existing item updates it (only the mapped fields); a new code adds an
// item. The master-data service validates and writes (all or nothing, one undo step).

type ApplyRow = { id?: number } & Record<string, CellValue>;

function existingCodes(db: ReadDb, entity: EntityName): Map<string, number> {
  if (!ENTITIES[entity].codeField) return new Map();
  return new Map(listEntityCodes(db, entity).map((r) => [codeKey(r.code), r.id]));
}

interface Planned {
  rows: ApplyRow[];
  plan: RowPlan;
  /** Issues found here (a code twice in the file). */
  issues: RowIssue[];
}

function planRows(db: ReadDb, entity: EntityName, rows: TextRow[]): Planned {
  const codeField = ENTITIES[entity].codeField;
  const existing = codeField ? existingCodes(db, entity) : new Map<string, number>();
  const seen = new Map<string, number>();
  const issues: RowIssue[] = [];
  let updates = 0;
  let inserts = 0;
  const out = rows.map((row, index) => {
    const code = codeField ? row[codeField] : undefined;
    const key = code ? codeKey(code) : '';
    if (key) {
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ index, field: codeField!, message: 'masterData.invalid.duplicateInBatch', params: { value: code!, row: first }, indexParams: ['row'] });
      } else seen.set(key, index);
    }
    const id = key ? existing.get(key) : undefined;
    if (id !== undefined) {
      updates++;
      return { id, ...row } as ApplyRow;
    }
    inserts++;
    return { ...row } as ApplyRow;
  });
  return { rows: out, plan: { updates, inserts }, issues };
}

const ROW_PATH = /^rows\.(\d+)\.(.+)$/;

/** The service's issues ("rows.<i>.<field>", a message key and params) as row issues. */
function fromInputIssues(issues: readonly (InputIssue & { key?: string; params?: Record<string, string | number> })[]): RowIssue[] {
  return issues.map((i) => {
    const m = ROW_PATH.exec(i.path);
    return {
      index: m ? Number(m[1]) : -1,
      field: m ? m[2] : i.path,
      message: i.key ?? i.message,
      ...(i.params ? { params: i.params } : {}),
    };
  });
}

function dedupe(issues: RowIssue[]): RowIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.index}|${i.field}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function masterDestination(entity: EntityName): ImportDestination {
  const fields = editableFields(entity).map((f) => ({
    key: f.key,
    labelKey: `masterData.field.${entity}.${f.key}`,
    type: f.type,
    // A required field with a default (a customer's status) may be left unmapped: new rows get the default.
    required: !!f.required && f.default === undefined,
  }));
  return {
    info: { destination: `master:${entity}`, labelKey: `masterData.entity.${entity}`, fields },
    validate(db, rows) {
      const planned = planRows(db, entity, rows);
      return dedupe([...planned.issues, ...fromInputIssues(validateMasterRows(db, entity, planned.rows))]);
    },
    plan(db, rows) {
      return planRows(db, entity, rows).plan;
    },
    commit(db, rows) {
      const planned = planRows(db, entity, rows);
      if (planned.issues.length > 0) {
        throw new AppError('INVALID_INPUT', `${planned.issues.length} rows repeat a code`, {
          issues: planned.issues.map((i) => ({ path: `rows.${i.index}.${i.field}`, message: i.message })),
        });
      }
      applyMasterRows(db, entity, planned.rows, 'import');
      return planned.plan;
    },
  };
}

registerDestinations((name) => {
  const m = /^master:([a-z]+)$/.exec(name);
  return m && isEntityName(m[1]) ? masterDestination(m[1]) : null;
});
