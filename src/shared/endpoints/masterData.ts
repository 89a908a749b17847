import { z } from 'zod';
import { command, query } from '../endpoint';
import { ENTITY_NAMES, type EntityName, type MasterRow, type RefItem } from '../masterData';

// Master data editors: list, apply a batch of cells, usage, remove, and the
// bundled geography catalog. Cell values are what parseCell returns (money in cents,
// refs as ids); a string for a non-text field is parsed as typed text by the core.

const entitySchema = z.enum(ENTITY_NAMES);
const idSchema = z.number().int().positive();
const cellValueSchema = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(idSchema).max(10_000),
]);
const fieldKeySchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/).max(64);
const rowSchema = z.record(fieldKeySchema, cellValueSchema).refine(
  (row) => row.id === undefined || (typeof row.id === 'number' && Number.isInteger(row.id) && row.id > 0),
  'id must be a positive integer',
);

export const APPLY_LABELS = ['edit', 'paste', 'fill', 'clear', 'import', 'append'] as const;
export const REMOVE_MODES = ['delete', 'reassign', 'merge'] as const;

export interface MasterListResult {
  rows: MasterRow[];
  refs: Partial<Record<EntityName, RefItem[]>>;
}
export interface MasterUsageResult {
  uses: { table: string; count: number }[];
  total: number;
}
export interface GeoDivisionInfo {
  code: string;
  level: 'province' | 'city';
  parent: string | null;
  zhHant: string;
  zhHans: string;
}

export const masterDataEndpoints = {
  'master.list': query<MasterListResult>(['master'])(z.object({ entity: entitySchema }).strict()),
  /**
   * All or nothing: any invalid cell → INVALID_INPUT with issues
   * [{ path: 'rows.<index>.<field>', message, key, params }] and nothing written. One undo step.
   */
  'master.apply': command<{ ids: number[] }>(['master'])(
    z.object({ entity: entitySchema, rows: z.array(rowSchema).min(1).max(100_000), label: z.enum(APPLY_LABELS) }).strict(),
  ),
  'master.usage': query<MasterUsageResult>(['master', 'actuals', 'targets', 'expenses', 'promotions', 'team', 'chapters'])(
    z.object({ entity: entitySchema, ids: z.array(idSchema).min(1).max(100_000) }).strict(),
  ),
  'master.remove': command<{ removed: number }>(['master', 'actuals', 'targets', 'expenses', 'promotions', 'team', 'chapters'])(
    z.object({
      entity: entitySchema,
      ids: z.array(idSchema).min(1).max(100_000),
      mode: z.enum(REMOVE_MODES),
      targetId: idSchema.optional(),
    }).strict(),
  ),
  'master.geoCatalog': query<{ source: string; divisions: GeoDivisionInfo[] }>([])(z.object({}).strict()),
  /** Adds picked provinces and cities (names in the given script, default zhHant); codes already in the file are skipped. */
  'master.addGeography': command<{ provinceIds: number[]; cityIds: number[] }>(['master'])(
    z.object({
      codes: z.array(z.string().regex(/^\d{6}$/)).min(1).max(1_000),
      script: z.enum(['zhHant', 'zhHans']).optional(),
    }).strict(),
  ),
  /**
   * A city not in the national list (a development zone, a foreign market) under an existing
   * province (provinceId) or a new custom region (provinceName). One undo step; refused with
   * issues on name / provinceId / provinceName.
   */
  'master.addCustomCity': command<{ cityId: number; provinceId: number }>(['master'])(
    z
      .object({
        name: z.string().max(1_000),
        provinceId: idSchema.optional(),
        provinceName: z.string().max(1_000).optional(),
      })
      .strict()
      .refine((v) => (v.provinceId === undefined) !== (v.provinceName === undefined), 'give either provinceId or provinceName'),
  ),
} as const;
