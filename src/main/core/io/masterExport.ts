import type { Messages } from '../../../shared/i18n';
import { ENTITIES, type CellValue, type EntityName, type FieldSpec, type RefItem } from '../../../shared/masterData';
import type { ReadDb } from '../db/handle';
import { listMaster } from '../services/masterData';
import type { ExportCell } from './exportFile';

// A master-data table as an export: the headers are the field labels in the user's
// language; values are written so that importing the file back gives the same data
// (money in 元, enum values and yes/no as the screen shows them, references by name
// where the name is unique and by code where it is not).

export interface ExportTable {
  headers: string[];
  rows: ExportCell[][];
}

type LabelTree = Record<string, Record<string, Record<string, string> | undefined> | undefined>;

export function masterExportTable(db: ReadDb, entity: EntityName, messages: Messages): ExportTable {
  const spec = ENTITIES[entity];
  const { rows, refs } = listMaster(db, entity);
  const md = messages.masterData;
  const fieldLabels = md.field[entity] as Record<string, string>;
  const valueLabels = md.value as unknown as LabelTree;
  const refText = new Map<EntityName, Map<number, string>>();
  const textOfRef = (entityName: EntityName): Map<number, string> => {
    let map = refText.get(entityName);
    if (!map) {
      const items: readonly RefItem[] = refs[entityName] ?? [];
      const nameCount = new Map<string, number>();
      for (const i of items) nameCount.set(i.name, (nameCount.get(i.name) ?? 0) + 1);
      map = new Map(items.map((i) => [i.id, nameCount.get(i.name) === 1 ? i.name : i.code]));
      refText.set(entityName, map);
    }
    return map;
  };
  const cell = (f: FieldSpec, v: CellValue): ExportCell => {
    if (v === null || v === undefined) return null;
    const kind = f.type === 'computed' ? (f.shows ?? 'text') : f.type;
    switch (kind) {
      case 'money':
        return typeof v === 'number' ? v / 100 : null;
      case 'bool':
        return v ? md.value.bool.true : md.value.bool.false;
      case 'enum':
        return valueLabels[entity]?.[f.key]?.[String(v)] ?? String(v);
      case 'ref':
        return typeof v === 'number' && f.ref ? (textOfRef(f.ref).get(v) ?? `#${v}`) : null;
      case 'refList':
        return Array.isArray(v) && f.ref ? v.map((id) => textOfRef(f.ref!).get(id) ?? `#${id}`).join('、') : '';
      default:
        return typeof v === 'number' || typeof v === 'string' ? v : String(v);
    }
  };
  return {
    headers: spec.fields.map((f) => fieldLabels[f.key] ?? f.key),
    rows: rows.map((r) => spec.fields.map((f) => cell(f, r[f.key] ?? null))),
  };
}
