import { z } from 'zod';
import { channel } from './channel';
import { actualsChannels } from './channels/actuals';
import { analysisChannels } from './channels/analysis';
import { analysisCustomerChannels } from './channels/analysisCustomers';
import { analysisExpensesChannels } from './channels/analysisExpenses';
import { analysisPricesChannels } from './channels/analysisPrices';
import { analysisTerminalsChannels } from './channels/analysisTerminals';
import { expenseChannels } from './channels/expenses';
import { promotionChannels } from './channels/promotions';
import { teamChannels } from './channels/team';
import { ioChannels } from './channels/io';
import { masterDataChannels } from './channels/masterData';
import { targetChannels } from './channels/targets';
import type { Result } from './errors';
import { DISPLAY_UNITS, LANGUAGES, type DisplayUnit, type Language } from './units';

// The one IPC contract. Each channel has a name, a zod schema for its input (parsed
// in the main process before any handler runs) and a result type. The Electron
// binding, the web host and the renderer's client are all typed from this object.
// To add a channel: add it here, implement it in src/main/core/handlers/, and the
// type checker points at every place that must know.

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
  grossProfitCents: number;
}

export interface RegionOverview {
  summary: RegionSummary;
  counts: Record<CountKey, number>;
  /** Years with sales actuals, ascending. */
  actualYears: number[];
  /** Head office's target for the plan year, by month 1..12 (cents). */
  hoTargetByMonth: number[];
}

export interface EditState {
  canUndo: boolean;
  undoLabel: string | null;
  canRedo: boolean;
  redoLabel: string | null;
  /** ISO time of the last committed change, null when nothing changed since opening. */
  savedAt: string | null;
}

// ---- channels -------------------------------------------------------------------

export const contract = {
  'app.info': channel<AppInfo>()(noInput),

  'file.create': channel<RegionSummary | null>()(
    z.object({
      regionName: regionNameSchema,
      planYear: planYearSchema,
      displayUnit: displayUnitSchema,
      /** Omitted: the host asks where to save (Electron: a save dialog). */
      path: regionPathSchema.optional(),
    }).strict(),
  ),
  /** Omitted path: the host shows its open dialog. Resolves null when cancelled. */
  'file.open': channel<RegionSummary | null>()(z.object({ path: regionPathSchema.optional() }).strict()),
  'file.openDemo': channel<RegionSummary>()(noInput),
  'file.close': channel<null>()(noInput),
  'file.current': channel<RegionSummary | null>()(noInput),
  'file.recent': channel<RecentFile[]>()(noInput),
  'file.forgetRecent': channel<RecentFile[]>()(z.object({ path: regionPathSchema }).strict()),
  /** The host's folder of region files (the web host's workspace); [] where dialogs are native. */
  'file.browse': channel<BrowseEntry[]>()(noInput),

  'region.overview': channel<RegionOverview>()(noInput),
  'region.updateProfile': channel<RegionSummary>()(
    z.object({
      regionName: regionNameSchema.optional(),
      managerName: z.string().trim().max(100).optional(),
      notes: z.string().max(10_000).optional(),
    }).strict(),
  ),
  'region.setDisplayUnit': channel<RegionSummary>()(z.object({ unit: displayUnitSchema }).strict()),
  'region.monthlyTotals': channel<MonthlyTotal[]>()(z.object({ year: planYearSchema }).strict()),

  'edit.state': channel<EditState>()(noInput),
  'edit.undo': channel<EditState>()(noInput),
  'edit.redo': channel<EditState>()(noInput),

  'app.setLanguage': channel<null>()(z.object({ language: languageSchema }).strict()),
  'job.cancel': channel<null>()(z.object({ jobId: z.string().min(1).max(64) }).strict()),
  // Feature areas keep their channels in src/shared/channels/<area>.ts and are spread in here.
  ...ioChannels,
  ...masterDataChannels,
  ...targetChannels,
  ...actualsChannels,
  ...analysisChannels,
  ...analysisCustomerChannels,
  ...analysisExpensesChannels,
  ...analysisPricesChannels,
  ...analysisTerminalsChannels,
  ...expenseChannels,
  ...promotionChannels,
  ...teamChannels,
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type ChannelParsedInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelResult<K extends ChannelName> = Contract[K]['result'];

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

export function isChannelName(name: unknown): name is ChannelName {
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
export const MENU_COMMANDS = [
  'new', 'open', 'open-demo', 'close', 'undo', 'redo', 'language-zh-Hant', 'language-zh-Hans',
  'language-en', 'unit-yuan', 'unit-wan', 'unit-yi', 'about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export interface MenuCommandEvent {
  type: 'menu';
  command: MenuCommand;
}
export type AppEvent = ProgressEvent | FileChangedEvent | MenuCommandEvent;

/** What the renderer sees of the host: the typed invoke plus one event subscription. */
export interface RegionPlanApi {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<Result<ChannelResult<K>>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}
