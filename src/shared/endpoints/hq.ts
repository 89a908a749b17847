import { z } from 'zod';
import { ALL_AREAS } from '../areas';
import type { BrowseEntry } from '../contract';
import { asyncCommand, query } from '../endpoint';
import { serverUrlSchema, type HqLocation } from '../hqServer';
import type { TargetGridRow, TerminalChannelView } from '../hqTargets';
import type { Board, ConsolidationChange, Decision, DimensionRow, ExpenseRow, NationalCell, Receipt } from '../hq';
import { REGION_PLAN_CUTS, type RegionPlan } from '../hqViews';

// 總部匯總: head office's workspace (a .rplanhq file), the other thing a window can have
// open besides a region file. Its commands do not run through a region file's undo
// transaction: the head-office store commits each step itself (a receipt, a decision).

/** What a host's dialog or folder listing is asked for. */
export const FILE_KINDS = ['region', 'hq', 'package'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface HqSummary {
  /** The file's path, or the server URL without its password. */
  path: string;
  /** The file's name, or the database's. */
  fileName: string;
  /** Where the workspace lives: a file, or a database on a PostgreSQL server. */
  location: HqLocation;
  planYear: number;
  name: string;
  tolerance: number;
  expenseCap: number | null;
  dueDate: string | null;
  regionCount: number;
}

/** One row of the receipt log, newest first. */
export interface ReceiptLogRow {
  id: number;
  receivedAt: string;
  receivedBy: string;
  fileName: string;
  fingerprint: string | null;
  regionName: string | null;
  revision: number | null;
  verdict: 'accepted' | 'refused';
  reason: string | null;
  /** The verdict's words in the language of the receipt. */
  message: string;
}

export interface ReturnResult {
  decision: Decision;
  /** Where the signed return file was written; null when the user cancelled the save dialog. */
  returnPath: string | null;
}

const MAX_PATH = 4096;
const pathSchema = z.string().min(1).max(MAX_PATH).refine((p) => !p.includes('\0'), 'path contains a NUL character');
const regionRef = z.string().trim().min(1, 'region is required').max(100);
const fraction = z.number().min(0).max(10);
/** A signing key's fingerprint as the receipt shows it: five groups of four hex digits. */
const fingerprintSchema = z.string().regex(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/, 'a fingerprint is five groups of four hex digits (ABCD-…)');
const dueDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');

/** A national figure to drill: a month, a brand (and category) or a channel; codes as the regions' packages carry them. */
const dimCode = z.string().trim().min(1).max(100);
const drillFilterSchema = z
  .object({ month: z.number().int().min(1).max(12).optional(), brandCode: dimCode.optional(), categoryCode: dimCode.optional(), channelCode: dimCode.optional() })
  .strict();
/** A moment of the receipt log (ISO 8601 with its offset) or "now". */
const moment = z.union([z.literal('now'), z.iso.datetime({ offset: true, message: 'a moment is an ISO 8601 time (2026-12-07T01:00:00Z) or "now"' })]);
/** The largest chart image taken (a wide chart at three times the screen's pixels is about 2 MB). */
const MAX_PNG_DATA_URL = 20_000_000;

export const hqEndpoints = {
  /**
   * The open head-office workspace, or null; wrapped, because a view keeps showing its
   * last answer while a query answers null.
   */
  'hq.current': query<{ workspace: HqSummary | null }>(['hq'])(z.object({}).strict()),
  /** Workspaces or plan packages in the host's folder (the web host); [] where dialogs are native. */
  'hq.browse': query<BrowseEntry[]>(['app', 'hq'])(z.object({ kind: z.enum(['hq', 'package']) }).strict()),
  'hq.board': query<Board>(['hq'])(z.object({}).strict()),
  'hq.receipts': query<ReceiptLogRow[]>(['hq'])(z.object({}).strict()),
  /** The national plan against head office's targets by region × month. */
  'hq.national': query<NationalCell[]>(['hq'])(z.object({}).strict()),
  'hq.byBrand': query<DimensionRow[]>(['hq'])(z.object({}).strict()),
  'hq.byChannel': query<DimensionRow[]>(['hq'])(z.object({}).strict()),
  'hq.expenses': query<ExpenseRow[]>(['hq'])(z.object({}).strict()),

  /** Creates a workspace for one plan cycle and opens it (closing any open file). Omitted path: the host asks where. */
  'hq.create': asyncCommand<HqSummary | null>(ALL_AREAS)(
    z.object({
      path: pathSchema.optional(),
      planYear: z.number().int().min(2000).max(2100),
      name: z.string().trim().min(1, 'cycle name is required').max(100),
      regions: z.array(z.string().trim().min(1).max(100)).max(1000),
      tolerance: fraction.optional(),
      expenseCap: fraction.nullable().optional(),
      /** The date packages are due: a region not in by then is late on the board. */
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD').nullable().optional(),
    }).strict(),
  ),
  /** Omitted path: the host's open dialog. Resolves null when cancelled. */
  'hq.open': asyncCommand<HqSummary | null>(ALL_AREAS)(z.object({ path: pathSchema.optional() }).strict()),
  'hq.close': asyncCommand<null>(ALL_AREAS)(z.object({}).strict()),
  /** Receives plan packages, each checked and logged; omitted paths: the host's open dialog (null when cancelled). */
  'hq.receive': asyncCommand<Receipt[] | null>(['hq'])(
    z
      .object({
        paths: z.array(pathSchema).min(1).max(1000).optional(),
        /** Accept a known region's new key, only if the package is signed by this key (the fingerprint head office checked with the region). */
        acceptNewKey: fingerprintSchema.optional(),
        /** Add the package's region although it is not expected. */
        registerRegion: z.literal(true).optional(),
      })
      .strict()
      .refine((v) => (v.acceptNewKey === undefined && v.registerRegion === undefined) || v.paths?.length === 1, {
        message: 'accepting a new key or registering a region applies to one package file: name exactly one path',
        path: ['paths'],
      }),
  ),
  /** 退回: returns a region's accepted revision with a comment and writes its signed return file where exports go. */
  'hq.return': asyncCommand<ReturnResult>(['hq'])(
    z.object({ region: regionRef, comment: z.string().trim().min(1, 'a return needs a comment').max(4000) }).strict(),
  ),
  /** The consolidated workbook (XLSX) where the host puts exports (omitted path: the host asks); null when cancelled. */
  'hq.exportWorkbook': asyncCommand<{ path: string } | null>([])(z.object({ path: pathSchema.optional() }).strict()),
  /** One target file per region with head office's target, for the region's 總部目標 import, where the host puts exports. */
  'hq.exportTargets': asyncCommand<{ paths: string[]; skipped: string[] }>([])(z.object({}).strict()),
  /**
   * Head office's target by region × month from its CSV or workbook (區域, 月份,
   * 銷售額目標（元）, 銷量目標（箱）): all rows or none; a bad row is named by its line.
   * No path: the host's open dialog (Electron); the browser uploads the file first.
   */
  'hq.importTargets': asyncCommand<{ count: number } | null>(['hq'])(z.object({ path: pathSchema.optional() }).strict()),
  /** 確認: locks a region's accepted revision as the version of record. */
  'hq.confirm': asyncCommand<Decision>(['hq'])(z.object({ region: regionRef }).strict()),
  /**
   * Creates a workspace in an empty database on a PostgreSQL server (15 or newer) and
   * opens it. The URL's password is used to connect and is kept nowhere.
   */
  'hq.createOnServer': asyncCommand<HqSummary>(ALL_AREAS)(
    z.object({
      url: serverUrlSchema,
      planYear: z.number().int().min(2000).max(2100),
      name: z.string().trim().min(1, 'cycle name is required').max(100),
      regions: z.array(z.string().trim().min(1).max(100)).max(1000),
      tolerance: fraction.optional(),
      expenseCap: fraction.nullable().optional(),
      dueDate: dueDateSchema.nullable().optional(),
    }).strict(),
  ),
  /** Opens the workspace in the database a PostgreSQL URL names. */
  'hq.openServer': asyncCommand<HqSummary>(ALL_AREAS)(z.object({ url: serverUrlSchema }).strict()),
  /** hq settings: the cycle's name, tolerance, expense-ratio cap and due date (omitted: unchanged; null: none). */
  'hq.updateSettings': asyncCommand<HqSummary>(['hq'])(
    z.object({
      name: z.string().trim().min(1, 'cycle name is required').max(100).optional(),
      tolerance: fraction.optional(),
      expenseCap: fraction.nullable().optional(),
      dueDate: dueDateSchema.nullable().optional(),
    }).strict(),
  ),
  /** Head office's target grid: every region's target and accepted plan by month, amount and volume. */
  'hq.targetGrid': query<TargetGridRow[]>(['hq'])(z.object({}).strict()),
  /**
   * Typed or pasted target cells (month 1–12, or 0: a year total spread over the
   * months), all in one transaction; a region not in the workspace refuses them all.
   */
  'hq.setTargetCells': asyncCommand<{ count: number }>(['hq'])(
    z.object({
      cells: z
        .array(
          z.object({
            region: regionRef,
            month: z.number().int().min(0, 'month is 0 (the year) or 1–12').max(12, 'month is 0 (the year) or 1–12'),
            measure: z.enum(['amount', 'volume']),
            value: z.number().int('a target is a whole number of cents or cases').min(0, 'a target is not negative').max(1e15, 'a target is at most 10^15'),
          }).strict(),
        )
        .min(1)
        .max(10_000),
    }).strict(),
  ),
  /** The terminal and channel plans of the accepted revisions, summed nationally, each region underneath. */
  'hq.terminalChannel': query<TerminalChannelView>(['hq'])(z.object({}).strict()),
  /** A national figure (the filter: a month, a brand/category, a channel; none: the year) drilled to the regions that make it up. */
  'hq.drill': query<NationalCell[]>(['hq'])(drillFilterSchema),
  /** One region's accepted package's plan, cut one way × month, within the drilled figure's filter; read-only. */
  'hq.regionPlan': query<RegionPlan>(['hq'])(
    z.object({ region: regionRef, cut: z.enum(REGION_PLAN_CUTS), filter: drillFilterSchema.optional() }).strict(),
  ),
  /** What changed between two consolidations: each region whose accepted revision differs at `from` and at `to`. */
  'hq.change': query<ConsolidationChange[]>(['hq'])(z.object({ from: moment, to: moment }).strict()),
  /**
   * Saves a chart of the hq views (a PNG data URL the renderer drew) under `fileName`
   * where the host puts exports (a save dialog, or the web host's exports folder); null when cancelled.
   */
  'hq.savePng': asyncCommand<{ path: string } | null>([])(
    z
      .object({
        fileName: z.string().trim().min(1, 'a file name is required').max(200).refine((n) => !/[\\/\0]/.test(n), 'a file name has no folder in it'),
        dataUrl: z.string().max(MAX_PNG_DATA_URL, 'the image is too large').startsWith('data:image/png;base64,', 'the image is not a PNG data URL'),
      })
      .strict(),
  ),
} as const;
