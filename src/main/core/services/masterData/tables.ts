import { ENTITIES, type CellValue, type EntityName, type FieldSpec } from '../../../../shared/masterData';
import { ENTITY_TABLES } from '../../repos/masterData';

// The column of every field, and its values as stored (the entities' tables and
// links: ENTITY_TABLES in repos/masterData.ts).

/** creditLimitCents → credit_limit_cents */
export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The fields stored as columns of the entity's own table (not links, not computed). */
export function columnFields(entity: EntityName): FieldSpec[] {
  const links = ENTITY_TABLES[entity].links;
  return ENTITIES[entity].fields.filter((f) => f.type !== 'computed' && !(f.key in links));
}

export function toDb(spec: FieldSpec, value: CellValue): string | number | null {
  if (spec.type === 'bool') return value === true || value === 1 ? 1 : 0;
  if (Array.isArray(value) || typeof value === 'boolean') throw new Error(`${spec.key}: not a column value`);
  return value;
}

export function fromDb(spec: FieldSpec, value: unknown): CellValue {
  if (spec.type === 'bool') return value === 1;
  return (value ?? null) as CellValue;
}
