import type { InputIssue } from '../../../shared/errors';
import { refusal } from '../../../shared/errors';
import { CREATABLE_MEMBERS, type CreatableMember, type DuplicateChoice, type DuplicateConflict, type DuplicateSummary, type MemberToCreate } from '../../../shared/importTypes';
import {
  buildRefLookup, codeKey, editableFields, ENTITIES, isEntityName, normalizeToken, refState, refTokens,
  type CellValue, type EntityName, type RefItem, type RefLookup,
} from '../../../shared/masterData';
import type { ReadDb, WriteDb } from '../db/handle';
import { ENTITY_TABLES, listEntityCodes, listRefItems, listTableCodes } from '../repos/masterData';
import { applyMasterRows, validateMasterRows, type PendingRefs } from '../services/masterData';
import { CUSTOMER, CUSTOMER_NAME, SKU, SKU_NAME } from './actuals/fields';
import { registerDestinations, type DestinationOptions, type ImportDestination, type RowIssue, type RowPlan, type TextRow } from './destinations';

// 'master:<entity>' import destinations, built from the entity specs. A row whose code
// matches an existing item updates it (only the mapped fields); a new code adds an
// item. The master-data service validates and writes (all or nothing, one undo step).
//
// The file may be a transaction export (an ERP's sales lines) rather than a list: the
// same customer or SKU code on hundreds of rows. Each code is taken once, from its first
// or last row as the user chooses, and the fields on which its rows disagree are listed.
// Channels, brands, categories and salespeople the file names but the region lacks are
// listed too, and created with the rows once the request confirms that list.

type ApplyRow = { id?: number } & Record<string, CellValue>;

const MAX_CONFLICTS = 500;
const CODE_MAX = 32;
const NAME_MAX = 100;
/** Provisional ids of members to create, far below the negative ids the service gives new rows. */
const PENDING_ID_BASE = -1_000_000_000;

function existingCodes(db: ReadDb, entity: EntityName): Map<string, number> {
  if (!ENTITIES[entity].codeField) return new Map();
  return new Map(listEntityCodes(db, entity).map((r) => [codeKey(r.code), r.id]));
}

export interface PickedRows {
  rows: TextRow[];
  /** For each kept row, its index in the file's rows. */
  index: number[];
  summary: DuplicateSummary;
}

/**
 * One row per code: the first or the last of the rows that carry it (rows without a
 * code are all kept, and fail as the service says). Lists every field on which the rows
 * of a code differ, with the value taken.
 */
export function pickOccurrences(entity: EntityName, rows: readonly TextRow[], choice: DuplicateChoice = 'first'): PickedRows {
  const codeField = ENTITIES[entity].codeField;
  const groups: number[][] = [];
  const byCode = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = codeField ? codeKey(row[codeField] ?? '') : '';
    if (key === '') {
      groups.push([i]);
      return;
    }
    const g = byCode.get(key);
    if (g) g.push(i);
    else {
      const fresh = [i];
      byCode.set(key, fresh);
      groups.push(fresh);
    }
  });
  const conflicts: DuplicateConflict[] = [];
  let conflictCount = 0;
  const kept: number[] = [];
  for (const g of groups) {
    const winner = choice === 'last' ? g[g.length - 1] : g[0];
    kept.push(winner);
    if (g.length < 2) continue;
    for (const field of Object.keys(rows[winner])) {
      if (field === codeField) continue;
      const seen = new Map<string, string>();
      for (const i of g) {
        const text = rows[i][field] ?? '';
        const k = normalizeToken(text);
        if (!seen.has(k)) seen.set(k, text);
      }
      if (seen.size < 2) continue;
      conflictCount++;
      if (conflicts.length < MAX_CONFLICTS) {
        conflicts.push({ code: rows[g[0]][codeField!] ?? '', field, values: [...seen.values()], winner: rows[winner][field] ?? '' });
      }
    }
  }
  kept.sort((a, b) => a - b);
  return {
    rows: kept.map((i) => rows[i]),
    index: kept,
    summary: { codes: byCode.size, repeatedRows: rows.length - kept.length, conflictCount, conflicts },
  };
}

const isCreatable = (e: EntityName | undefined): e is CreatableMember => !!e && (CREATABLE_MEMBERS as readonly string[]).includes(e);

/** The channels, brands, categories and salespeople the rows name that the region does not have. */
export function membersToCreate(db: ReadDb, entity: EntityName, rows: readonly TextRow[]): MemberToCreate[] {
  const fields = ENTITIES[entity].fields.filter((f) => (f.type === 'ref' || f.type === 'refList') && f.ref !== entity && isCreatable(f.ref));
  if (fields.length === 0) return [];
  const lookups = new Map<CreatableMember, RefLookup>();
  const lookup = (e: CreatableMember) => {
    let l = lookups.get(e);
    if (!l) lookups.set(e, (l = buildRefLookup(listRefItems(db, e))));
    return l;
  };
  const found = new Map<string, MemberToCreate>();
  for (const row of rows) {
    for (const f of fields) {
      const ref = f.ref as CreatableMember;
      for (const token of refTokens(f, row[f.key] ?? '')) {
        if (refState(lookup(ref), token) !== 'missing') continue;
        const key = `${ref}|${codeKey(token)}`;
        const m = found.get(key);
        if (m) m.rowCount++;
        else found.set(key, { entity: ref, value: token, code: '', name: normalizeToken(token).slice(0, NAME_MAX), rowCount: 1 });
      }
    }
  }
  // Codes: the file's text when it can be one, else made unique with a suffix.
  const taken = new Map<string, Set<string>>();
  for (const m of found.values()) {
    const table = ENTITY_TABLES[m.entity].table;
    let codes = taken.get(table);
    if (!codes) taken.set(table, (codes = new Set(listTableCodes(db, table).map(([, c]) => codeKey(c)))));
    const base = normalizeToken(m.value).replace(/\s+/g, '').slice(0, CODE_MAX) || m.entity.toUpperCase();
    let code = base;
    for (let n = 2; codes.has(codeKey(code)); n++) code = `${base.slice(0, CODE_MAX - String(n).length - 1)}-${n}`;
    codes.add(codeKey(code));
    m.code = code;
  }
  return [...found.values()];
}

function pendingRefs(members: readonly MemberToCreate[]): PendingRefs {
  const out: Partial<Record<EntityName, RefItem[]>> = {};
  members.forEach((m, i) => (out[m.entity] ??= []).push({ id: PENDING_ID_BASE - i, code: m.code, name: m.name }));
  return out;
}

interface Planned {
  rows: ApplyRow[];
  plan: RowPlan;
}

function planRows(db: ReadDb, entity: EntityName, rows: TextRow[]): Planned {
  const codeField = ENTITIES[entity].codeField;
  const existing = codeField ? existingCodes(db, entity) : new Map<string, number>();
  let updates = 0;
  let inserts = 0;
  const out = rows.map((row) => {
    const code = codeField ? row[codeField] : undefined;
    const id = code ? existing.get(codeKey(code)) : undefined;
    if (id !== undefined) {
      updates++;
      return { id, ...row } as ApplyRow;
    }
    inserts++;
    return { ...row } as ApplyRow;
  });
  return { rows: out, plan: { updates, inserts } };
}

const ROW_PATH = /^rows\.(\d+)\.(.+)$/;

/** The service's issues ("rows.<i>.<field>", a message key and params) as row issues of the file's rows. */
function fromInputIssues(issues: readonly (InputIssue & { key?: string; params?: Record<string, string | number> })[], index: readonly number[]): RowIssue[] {
  return issues.map((i) => {
    const m = ROW_PATH.exec(i.path);
    return {
      index: m ? (index[Number(m[1])] ?? -1) : -1,
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

/** Today as YYYY-MM-DD: the start date of a salesperson an import creates (the file has none). */
const today = () => new Date().toISOString().slice(0, 10);

function createMembers(db: WriteDb, members: readonly MemberToCreate[]): void {
  for (const entity of CREATABLE_MEMBERS) {
    const items = members.filter((m) => m.entity === entity);
    if (items.length === 0) continue;
    applyMasterRows(
      db,
      entity,
      items.map((m) => ({ code: m.code, name: m.name, ...(entity === 'salesperson' ? { startDate: today() } : {}) })),
      'import',
    );
  }
}

/** ERP export headers (the actuals imports' own) that name a customer's or a SKU's code and name. */
const ALIASES: Partial<Record<EntityName, Record<string, readonly string[]>>> = {
  customer: { code: CUSTOMER, name: CUSTOMER_NAME },
  sku: { code: SKU, name: SKU_NAME },
};

function masterDestination(entity: EntityName): ImportDestination {
  const fields = editableFields(entity).map((f) => {
    const aliases = ALIASES[entity]?.[f.key];
    return {
      key: f.key,
      labelKey: `masterData.field.${entity}.${f.key}`,
      type: f.type,
      // A required field with a default (a customer's status) may be left unmapped: new rows get the default.
      required: !!f.required && f.default === undefined,
      ...(aliases ? { aliases: [...aliases] } : {}),
    };
  });
  const pick = (rows: TextRow[], options?: DestinationOptions) => pickOccurrences(entity, rows, options?.duplicates);
  return {
    info: { destination: `master:${entity}`, labelKey: `masterData.entity.${entity}`, fields },
    validate(db, rows, options) {
      const picked = pick(rows, options);
      const planned = planRows(db, entity, picked.rows);
      const pending = pendingRefs(membersToCreate(db, entity, picked.rows));
      return dedupe(fromInputIssues(validateMasterRows(db, entity, planned.rows, pending), picked.index));
    },
    plan(db, rows, options) {
      return planRows(db, entity, pick(rows, options).rows).plan;
    },
    review(db, rows, options) {
      const picked = pick(rows, options);
      return { duplicates: picked.summary, toCreate: membersToCreate(db, entity, picked.rows) };
    },
    commit(db, rows, options) {
      const picked = pick(rows, options);
      const members = membersToCreate(db, entity, picked.rows);
      const confirmed = new Set((options?.createMembers ?? []).map((m) => `${m.entity}|${codeKey(m.value)}`));
      const unconfirmed = members.filter((m) => !confirmed.has(`${m.entity}|${codeKey(m.value)}`));
      if (unconfirmed.length > 0) {
        const list = unconfirmed.slice(0, 10).map((m) => m.value).join('、') + (unconfirmed.length > 10 ? '…' : '');
        throw refusal(
          'INVALID_INPUT',
          'importWizard.master.notConfirmed',
          `the file names ${unconfirmed.length} members the region does not have (${list}); confirm creating them (createMembers)`,
          { path: 'createMembers', params: { n: unconfirmed.length, list } },
        );
      }
      createMembers(db, members);
      // Planned after the members exist, so the rows' references find them.
      const planned = planRows(db, entity, picked.rows);
      applyMasterRows(db, entity, planned.rows, 'import');
      return { ...planned.plan, created: members.length };
    },
  };
}

registerDestinations((name) => {
  const m = /^master:([a-z]+)$/.exec(name);
  return m && isEntityName(m[1]) ? masterDestination(m[1]) : null;
});
