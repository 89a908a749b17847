import { z } from 'zod';
import { asyncCommand, command, query } from '../endpoint';
import { AMOUNT_UNITS, MEMBER_ATTRIBUTES, MEMBER_DIMENSIONS, RESOLUTION_ACTIONS, type MemberAttribute } from '../actuals';
import { MAX_SOURCE_LENGTH } from '../sourceName';
import {
  CREATABLE_MEMBERS,
  DUPLICATE_CHOICES,
  EXPORT_FORMATS,
  TEXT_ENCODINGS,
  type DataFileInfo,
  type ImportCommitResult,
  type ImportPreview,
  type ImportDestinationInfo,
  type SavedMapping,
} from '../importTypes';
import { MONEY_ROUNDINGS } from '../importValues';

// The import wizard and table exports. A destination names what imported rows become:
// 'master:<entity>' for master data, 'targets:ho' for head office's target,
// 'actuals:<kind>' for the actuals.

const MAX_PATH = 4096;
const pathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'path contains a NUL character');

export const importDestinationSchema = z.string().regex(/^[a-z]+:[a-zA-Z]+$/, 'a destination looks like "master:customer"').max(64);

const readOptions = {
  path: pathSchema,
  encoding: z.enum(TEXT_ENCODINGS).optional(),
  sheet: z.string().min(1).max(200).optional(),
  /** 1-based row number of the header row. */
  headerRow: z.number().int().min(1).max(1_000_000).optional(),
};

const fieldKeySchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/).max(64);
/** fieldKey → 0-based column index, or null (not imported). */
export const columnMappingSchema = z.record(fieldKeySchema, z.number().int().min(0).max(16_383).nullable());

const idSchema = z.number().int().positive();

/** Actuals destinations: how dates and amounts are read. */
export const actualsReadOptionsSchema = z
  .object({
    dateOrder: z.enum(['ymd', 'dmy', 'mdy']),
    dateSystem: z.union([z.literal(1900), z.literal(1904)]),
    amountUnit: z.enum(AMOUNT_UNITS),
    rounding: z.enum(MONEY_ROUNDINGS).optional(),
  })
  .strict();

/** Actuals destinations: the user's decision for one unknown customer, SKU, city… */
export const resolutionSchema = z
  .object({
    dimension: z.enum(MEMBER_DIMENSIONS),
    value: z.string().min(1).max(500),
    action: z.enum(RESOLUTION_ACTIONS),
    id: idSchema.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    provinceId: idSchema.optional(),
    cityId: idSchema.optional(),
    channelId: idSchema.optional(),
    brandId: idSchema.optional(),
    categoryId: idSchema.optional(),
  })
  .strict();

const attributeValue = z.string().trim().min(1).max(200);

/** Actuals destinations: one decision for every unknown value of a dimension. */
export const bulkPolicySchema = z
  .object({
    dimension: z.enum(MEMBER_DIMENSIONS),
    action: z.enum(RESOLUTION_ACTIONS),
    defaults: z
      .object(Object.fromEntries(MEMBER_ATTRIBUTES.map((a) => [a, attributeValue.optional()])) as Record<MemberAttribute, z.ZodOptional<typeof attributeValue>>)
      .strict()
      .optional(),
    column: z.number().int().min(0).max(16_383).optional(),
  })
  .strict()
  .refine((p) => p.action !== 'map' || p.column !== undefined, { message: 'a map policy needs the column to map by', path: ['column'] });

export const bulkRequestSchema = z
  .object({
    policies: z
      .array(bulkPolicySchema)
      .max(MEMBER_DIMENSIONS.length)
      .refine((list) => new Set(list.map((p) => p.dimension)).size === list.length, 'one policy per dimension'),
    confirm: z
      .object({ count: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/, 'the hash the preview gave') })
      .strict()
      .optional(),
  })
  .strict();

/** Master-data destinations: one confirmed member to create, as the preview listed it. */
export const createMemberSchema = z
  .object({
    entity: z.enum(CREATABLE_MEMBERS),
    value: z.string().trim().min(1).max(500),
  })
  .strict();

const rowsInput = z
  .object({
    ...readOptions,
    destination: importDestinationSchema,
    mapping: columnMappingSchema,
    /** Actuals destinations only (ignored by the others). */
    options: actualsReadOptionsSchema.optional(),
    /** Actuals destinations: the source (saved mapping name); same source + same months replaces. Default: the file name's pattern. */
    source: z.string().trim().min(1).max(MAX_SOURCE_LENGTH).optional(),
    resolutions: z.array(resolutionSchema).max(100_000).optional(),
    /** Actuals commits: the user confirmed overwriting rows of other sources (the preview's otherSources); without it such a commit is refused. */
    replaceOtherSources: z.boolean().optional(),
    /** Actuals destinations: bulk decisions per dimension (per-value resolutions override them). */
    bulk: bulkRequestSchema.optional(),
    /** Master-data destinations: a code on many rows is taken from its first (default) or last row. */
    duplicates: z.enum(DUPLICATE_CHOICES).optional(),
    /** Master-data destinations: the members to create that the user confirmed (the preview's toCreate). */
    createMembers: z.array(createMemberSchema).max(10_000).optional(),
  })
  .strict();

export const ioEndpoints = {
  /** Electron: the open dialog for a data file; null when cancelled. The web host uploads instead. */
  'import.chooseFile': asyncCommand<{ path: string; fileName: string } | null>([])(z.object({}).strict()),
  /** How the file reads: format, encoding, sheets, header row, headers and the first rows. */
  'import.inspect': query<DataFileInfo>([])(z.object(readOptions).strict()),
  /** The destination's fields, for the mapping step. */
  'import.destination': query<ImportDestinationInfo>([])(z.object({ destination: importDestinationSchema }).strict()),
  /** Every row checked as the commit would, nothing written. */
  'import.preview': query<ImportPreview>(['master', 'targets', 'actuals', 'expenses'])(rowsInput),
  /** All or nothing, one undo step: refuses (INVALID_INPUT with the issues) when any row is invalid. */
  'import.commit': asyncCommand<ImportCommitResult>(['master', 'targets', 'actuals', 'expenses', 'mappings'])(rowsInput),
  'import.mappings': query<SavedMapping[]>(['mappings'])(z.object({ destination: importDestinationSchema }).strict()),
  /** Saves a mapping under a source name; the columns are kept by header text. */
  'import.saveMapping': command<SavedMapping[]>(['mappings'])(
    z
      .object({
        destination: importDestinationSchema,
        name: z.string().trim().min(1).max(200),
        columns: z.record(fieldKeySchema, z.string().max(500).nullable()),
        /** Actuals destinations: remembered with the source's columns. */
        options: actualsReadOptionsSchema.optional(),
      })
      .strict(),
  ),
  /** Writes one master-data table as CSV or XLSX; null when the save dialog was cancelled. */
  'export.table': query<{ path: string; rowCount: number } | null>(['master'])(
    z.object({ entity: z.string().regex(/^[a-z]+$/).max(32), format: z.enum(EXPORT_FORMATS) }).strict(),
  ),
};
