import { z } from 'zod';
import { ALL_AREAS } from './areas';
import { asyncCommand, command, query } from './endpoint';
import { actualsEndpoints } from './endpoints/actuals';
import { analysisEndpoints } from './endpoints/analysis';
import { analysisCustomerEndpoints } from './endpoints/analysisCustomers';
import { analysisExpensesEndpoints } from './endpoints/analysisExpenses';
import { analysisPricesEndpoints } from './endpoints/analysisPrices';
import { analysisTerminalsEndpoints } from './endpoints/analysisTerminals';
import { expenseEndpoints } from './endpoints/expenses';
import { promotionEndpoints } from './endpoints/promotions';
import { teamEndpoints } from './endpoints/team';
import { planChannelEndpoints } from './endpoints/planChannel';
import { planWrittenEndpoints } from './endpoints/planWritten';
import { planTerminalEndpoints } from './endpoints/planTerminal';
import { planProductEndpoints } from './endpoints/planProduct';
import { submitCheckEndpoints } from './endpoints/submitCheck';
import { planVarianceEndpoints } from './endpoints/planVariance';
import { deckEndpoints } from './endpoints/deck';
import { submitEndpoints } from './endpoints/submit';
import { presentEndpoints } from './endpoints/present';
import { ioEndpoints } from './endpoints/io';
import { masterDataEndpoints } from './endpoints/masterData';
import { targetEndpoints } from './endpoints/targets';
import { hqEndpoints } from './endpoints/hq';
import type { AppErrorData, Result } from './errors';
import { DISPLAY_UNITS, LANGUAGES, type DisplayUnit, type Language } from './units';

// The one contract between the renderer and the core. Each endpoint has a name, says
// whether it is a query or a command (and which areas of the file it reads or
// changes), a zod schema for its input (parsed in the main process before any handler
// runs) and a result type. The Electron binding, the web host and the renderer's
// client are all typed from this object. To add an endpoint: add it here, implement
// it in src/main/core/handlers/, and the type checker points at every place that must
// know (docs/architecture.md).

export const displayUnitSchema = z.enum(DISPLAY_UNITS);
export const languageSchema = z.enum(LANGUAGES);

const MAX_PATH = 4096;
/** An absolute path to a region file, as a dialog, the recent list or the OS gave it. */
export const regionPathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((p) => !p.includes('\0'), 'path contains a NUL character');

const noInput = z.object({}).strict();

export const regionNameSchema = z
  .string()
  .trim()
  .min(1, 'region name is required')
  .max(100, 'region name is longer than 100 characters');
export const planYearSchema = z.number().int().min(2000).max(2100);

// ---- result types -------------------------------------------------------------

export type Transport = 'electron' | 'web';

export interface AppInfo {
  version: string;
  transport: Transport;
  /** True where the host shows the OS's own open/save dialogs (Electron). */
  nativeDialogs: boolean;
  platform: string;
  schemaVersion: number;
  /** The remembered UI language (kept by the host, so every transport remembers it). */
  language: Language;
}

export interface RegionSummary {
  path: string;
  fileName: string;
  regionId: string;
  regionName: string;
  planYear: number;
  displayUnit: DisplayUnit;
  managerName: string;
  notes: string;
  schemaVersion: number;
  createdAt: string;
  /**
   * True while the file's full integrity check runs in the background: the file is
   * shown but read-only (commands that write fail with READ_ONLY) until it passes.
   */
  checking?: boolean;
}

export interface RecentFile {
  path: string;
  fileName: string;
  regionName: string;
  planYear: number;
  openedAt: string;
  exists: boolean;
}

export interface BrowseEntry {
  path: string;
  fileName: string;
  sizeBytes: number;
  modifiedAt: string;
}

export const COUNT_KEYS = [
  'provinces', 'cities', 'counties', 'channels', 'ownBrands', 'competitorBrands', 'categories',
  'skus', 'salespeople', 'customers', 'terminals', 'salesActualRows', 'marketRows', 'storeAudits',
  'customerVisits', 'customerStatements', 'planVersions', 'targetCells', 'importBatches',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export interface MonthlyTotal {
  /** yyyymm */
  period: number;
  amountCents: number;
  volume: number;
  /** Over the lines whose gross profit is known. */
  grossProfitCents: number;
  /** Sales of lines whose gross profit is not known (the SKU's cost is missing): a margin leaves them out. */
  amountNoGpCents: number;
}

export interface RegionOverview {
  summary: RegionSummary;
  counts: Record<CountKey, number>;
  /** Years with sales actuals, ascending. */
  actualYears: number[];
  /** Head office's target for the plan year, by month 1..12 (cents). */
  hoTargetByMonth: number[];
}

/** The plan version an undo step changes: its id, name and kind as they are now. */
export interface StepVersion {
  id: number;
  name: string;
  kind: 'working' | 'snapshot' | 'scenario';
}

export interface EditState {
  canUndo: boolean;
  undoLabel: string | null;
  /** The plan version undo would change (null: none, or a step from before versions were recorded). */
  undoVersion: StepVersion | null;
  canRedo: boolean;
  redoLabel: string | null;
  redoVersion: StepVersion | null;
  /** ISO time of the last committed change, null when nothing changed since opening. */
  savedAt: string | null;
}

// ---- endpoints -------------------------------------------------------------------

export const contract = {
  'app.info': query<AppInfo>([])(noInput),

  'file.create': asyncCommand<RegionSummary | null>(ALL_AREAS)(
    z.object({
      regionName: regionNameSchema,
      planYear: planYearSchema,
      displayUnit: displayUnitSchema,
      /** Omitted: the host asks where to save (Electron: a save dialog). */
      path: regionPathSchema.optional(),
    }).strict(),
  ),
  /** Omitted path: the host shows its open dialog. Resolves null when cancelled. */
  'file.open': asyncCommand<RegionSummary | null>(ALL_AREAS)(z.object({ path: regionPathSchema.optional() }).strict()),
  'file.openDemo': asyncCommand<RegionSummary>(ALL_AREAS)(noInput),
  'file.close': asyncCommand<null>(ALL_AREAS)(noInput),
  'file.current': query<RegionSummary | null>(['region'])(noInput),
  'file.recent': query<RecentFile[]>(['app'])(noInput),
  'file.forgetRecent': asyncCommand<RecentFile[]>(['app'])(z.object({ path: regionPathSchema }).strict()),
  /** The host's folder of region files (the web host's workspace); [] where dialogs are native. */
  'file.browse': query<BrowseEntry[]>(['app'])(noInput),

  'region.overview': query<RegionOverview>(['region', 'master', 'targets', 'actuals'])(noInput),
  'region.updateProfile': command<RegionSummary>(['region'])(
    z.object({
      regionName: regionNameSchema.optional(),
      managerName: z.string().trim().max(100).optional(),
      notes: z.string().max(10_000).optional(),
    }).strict(),
  ),
  'region.setDisplayUnit': command<RegionSummary>(['region'])(z.object({ unit: displayUnitSchema }).strict()),
  'region.monthlyTotals': query<MonthlyTotal[]>(['actuals'])(z.object({ year: planYearSchema }).strict()),

  'edit.state': query<EditState>(['edit'])(noInput),
  'edit.undo': command<EditState>([])(noInput),
  'edit.redo': command<EditState>([])(noInput),

  'app.setLanguage': asyncCommand<null>(['app'])(z.object({ language: languageSchema }).strict()),
  'job.cancel': asyncCommand<null>([])(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  // Feature areas keep their endpoints in src/shared/endpoints/<area>.ts and are spread in here.
  ...ioEndpoints,
  ...masterDataEndpoints,
  ...targetEndpoints,
  ...actualsEndpoints,
  ...analysisEndpoints,
  ...analysisCustomerEndpoints,
  ...analysisExpensesEndpoints,
  ...analysisPricesEndpoints,
  ...analysisTerminalsEndpoints,
  ...expenseEndpoints,
  ...promotionEndpoints,
  ...teamEndpoints,
  ...planChannelEndpoints,
  ...planWrittenEndpoints,
  ...planTerminalEndpoints,
  ...planProductEndpoints,
  ...submitCheckEndpoints,
  ...planVarianceEndpoints,
  ...deckEndpoints,
  ...presentEndpoints,
  ...submitEndpoints,
  ...hqEndpoints,
} as const;

export type Contract = typeof contract;
export type EndpointName = keyof Contract;
export type EndpointInput<K extends EndpointName> = z.input<Contract[K]['input']>;
export type EndpointParsedInput<K extends EndpointName> = z.output<Contract[K]['input']>;
export type EndpointResult<K extends EndpointName> = Contract[K]['result'];
/** The endpoints that only read. */
export type QueryName = { [K in EndpointName]: Contract[K]['kind'] extends 'query' ? K : never }[EndpointName];
/** The endpoints that change something. */
export type CommandName = Exclude<EndpointName, QueryName>;
/** Commands the core runs as one synchronous transaction and undo step. */
export type EditCommandName = { [K in CommandName]: Contract[K] extends { run: 'edit' } ? K : never }[CommandName];
/** Commands whose work is asynchronous and commits by itself. */
export type AsyncCommandName = Exclude<CommandName, EditCommandName>;

export function isQuery(name: EndpointName): name is QueryName {
  return contract[name].kind === 'query';
}

export const ENDPOINT_NAMES = Object.keys(contract) as EndpointName[];

export function isEndpointName(name: unknown): name is EndpointName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

// ---- events (main → renderer) ---------------------------------------------------

export interface ProgressEvent {
  type: 'progress';
  jobId: string;
  /** A message key, e.g. "job.demo". */
  label: string;
  done: number;
  total: number;
}
/** The host opened or closed a file by itself (OS open-file, second instance, menu). */
export interface FileChangedEvent {
  type: 'file-changed';
  summary: RegionSummary | null;
}
/**
 * The background integrity check of the open file ended: passed (error null, writes
 * are allowed from now on) or failed (the host has closed the file; error says why).
 */
export interface FileCheckedEvent {
  type: 'file-checked';
  path: string;
  error: AppErrorData | null;
}
export const MENU_COMMANDS = [
  'new', 'open', 'open-demo', 'close', 'undo', 'redo', 'language-zh-Hant', 'language-zh-Hans',
  'language-en', 'unit-yuan', 'unit-wan', 'unit-yi', 'about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export interface MenuCommandEvent {
  type: 'menu';
  command: MenuCommand;
}
export type AppEvent = ProgressEvent | FileChangedEvent | FileCheckedEvent | MenuCommandEvent;

/**
 * A query a view shows, sent with an edit command: when the command changes an area the
 * query reads, the core answers it after the commit, in the command's own answer, and the
 * view has its new figures without asking again (one round trip per edit instead of two).
 */
export interface FollowUp {
  endpoint: string;
  input: unknown;
}
/** At most this many follow-ups ride on one command; the renderer asks for the rest itself. */
export const MAX_FOLLOW_UPS = 32;

/** What the renderer sees of the host: the typed invoke plus one event subscription. */
export interface RegionPlanApi {
  invoke<K extends EndpointName>(endpoint: K, input: EndpointInput<K>, followUps?: readonly FollowUp[]): Promise<Result<EndpointResult<K>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}
