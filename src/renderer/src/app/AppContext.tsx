import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type {
  AppEvent,
  AppInfo,
  EndpointInput,
  EditState,
  ProgressEvent,
  RegionSummary,
  StepVersion,
} from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import type { DisplayUnit, Language } from '../../../shared/units';
import { ALL_AREAS } from '../../../shared/areas';
import { api, ApiError, toErrorData } from '../api/client';
import { enqueue, runCommand } from '../api/commands';
import { queries, useQuery } from '../api/queries';
import { changeLanguage } from '../i18n';
import { emitAppEvent } from './appEvents';

// The app-wide state: which file is open, its undo state, the running file task
// (open, create, demo) and its progress, the one error shown, and which dialog is
// up. Every change to the open file goes through the commands' one queue
// (api/commands.ts), so that a commit on blur always lands before the undo that the
// same click triggers; what a change touched reloads through the query layer.

export type BusyKind = 'open' | 'create' | 'demo' | 'close';
export type DialogKind = 'new' | 'open' | 'about';
export type ErrorTitleKey = 'errors.title' | 'errors.openTitle' | 'errors.createTitle' | 'errors.demoTitle' | 'errors.saveTitle';

export interface ShownError {
  titleKey: ErrorTitleKey;
  data: AppErrorData;
}

export type CreateInput = Omit<EndpointInput<'file.create'>, 'path'>;

/** Undo or redo switched the target page to the version it changed: said in a notice. */
export interface StepNotice {
  which: 'undo' | 'redo';
  label: string;
  version: StepVersion;
}

export interface AppController {
  info: AppInfo;
  language: Language;
  summary: RegionSummary | null;
  editState: EditState | null;
  busy: BusyKind | null;
  progress: ProgressEvent | null;
  error: ShownError | null;
  dialog: DialogKind | null;
  /** The plan version the target page shows (null: the working plan). Kept here so that undo can switch it. */
  targetVersionId: number | null;
  notice: StepNotice | null;

  setLanguage(language: Language): void;
  setUnit(unit: DisplayUnit): void;
  showDialog(dialog: DialogKind | null): void;
  /** Open: the native dialog (Electron) or the in-app list of the host's folder (web). */
  openFile(): void;
  openPath(path: string): Promise<void>;
  openUploaded(file: File): Promise<void>;
  openDemo(): Promise<void>;
  /** Resolves null on success, else the error (the form shows it inline). */
  createRegion(input: CreateInput): Promise<AppErrorData | null>;
  cancelJob(): void;
  closeFile(): void;
  undo(): void;
  redo(): void;
  showError(error: ShownError | null): void;
  showTargetVersion(id: number | null): void;
  dismissNotice(): void;
}

const AppContext = createContext<AppController | null>(null);

export function useApp(): AppController {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppProvider>');
  return app;
}

interface ProviderProps {
  info: AppInfo;
  initialSummary: RegionSummary | null;
  children: ReactNode;
}

export function AppProvider({ info, initialSummary, children }: ProviderProps) {
  const [language, setLanguageState] = useState<Language>(info.language);
  const [summary, setSummary] = useState<RegionSummary | null>(initialSummary);
  const [busy, setBusy] = useState<BusyKind | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);

  const busyRef = useRef<BusyKind | null>(null);
  const openPath = summary?.path ?? null;
  // Both belong to the file they were set for: another file's versions are others.
  const [targetVersion, setTargetVersion] = useState<{ path: string | null; id: number | null }>({ path: null, id: null });
  const targetVersionId = targetVersion.path === openPath ? targetVersion.id : null;
  const targetVersionRef = useRef(targetVersion);
  const showTargetVersion = useCallback(
    (id: number | null) => {
      targetVersionRef.current = { path: openPath, id };
      setTargetVersion(targetVersionRef.current);
    },
    [openPath],
  );
  const [shownNotice, setNotice] = useState<{ path: string | null; notice: StepNotice } | null>(null);
  const notice = shownNotice && shownNotice.path === openPath ? shownNotice.notice : null;

  // The open file's undo state and last save: reloaded whenever a command changed it.
  const edit = useQuery('edit.state', openPath === null ? null : {});
  const editState = openPath === null ? null : edit.data;
  const savedAt = editState?.savedAt ?? null;
  useEffect(() => {
    if (savedAt !== null) emitAppEvent('regionplan:saved', { savedAt });
  }, [savedAt]);

  // A command that changed the region's profile changes the summary (title, profile, unit).
  useEffect(
    () =>
      api.onChange((areas) => {
        if (areas.includes('region') && busyRef.current === null) {
          api.call('file.current').then(setSummary, () => undefined);
        }
      }),
    [],
  );

  const runFileTask = useCallback(
    async (kind: BusyKind, titleKey: ErrorTitleKey, task: () => Promise<RegionSummary | null>): Promise<AppErrorData | null> => {
      if (busyRef.current) return null;
      busyRef.current = kind;
      setBusy(kind);
      setError(null);
      try {
        const result = await enqueue(task);
        if (result) {
          setSummary(result);
          setDialog(null);
        }
        return null;
      } catch (e) {
        const data = toErrorData(e);
        // The user cancelled: nothing to report.
        if (data.code !== 'CANCELLED') setError({ titleKey, data });
        return data;
      } finally {
        busyRef.current = null;
        setBusy(null);
        setProgress(null);
      }
    },
    [],
  );

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    void changeLanguage(next).then(() => emitAppEvent('regionplan:language', { language: next }));
    api.call('app.setLanguage', { language: next }).catch((e: unknown) => {
      setError({ titleKey: 'errors.title', data: toErrorData(e) });
    });
  }, []);

  /** Runs a command of the menu or the top bar; its refusal goes to the error dialog. */
  const runAndReport = useCallback(async (endpoint: 'region.setDisplayUnit' | 'edit.undo' | 'edit.redo', input: object = {}) => {
    const outcome = await runCommand(endpoint, input as never);
    if (!outcome.ok) setError({ titleKey: 'errors.saveTitle', data: outcome.error });
  }, []);

  const setUnit = useCallback((unit: DisplayUnit) => void runAndReport('region.setDisplayUnit', { unit }), [runAndReport]);

  // Undo and redo may change a plan version that is not on screen (a scenario open, the
  // step an edit of the working plan): then the target page first switches to that
  // version and a notice says so, so that nothing changes out of sight. The step is
  // read in the command queue, right before it is undone, never from a stale state.
  const undoRedo = useCallback(
    (which: 'edit.undo' | 'edit.redo') => {
      if (openPath === null) return;
      void enqueue(async () => {
        try {
          const state = await api.call('edit.state');
          const version = which === 'edit.undo' ? state.undoVersion : state.redoVersion;
          const label = which === 'edit.undo' ? state.undoLabel : state.redoLabel;
          const shown = targetVersionRef.current.path === openPath ? targetVersionRef.current.id : null;
          if (version && label && (shown === null ? version.kind !== 'working' : shown !== version.id)) {
            showTargetVersion(version.kind === 'working' ? null : version.id);
            setNotice({ path: openPath, notice: { which: which === 'edit.undo' ? 'undo' : 'redo', label, version } });
          }
          await api.call(which);
        } catch (e) {
          setError({ titleKey: 'errors.saveTitle', data: toErrorData(e) });
        }
      });
    },
    [openPath, showTargetVersion],
  );

  const openPathAction = useCallback(
    async (path: string) => {
      await runFileTask('open', 'errors.openTitle', () => api.call('file.open', { path }));
    },
    [runFileTask],
  );

  const openFile = useCallback(() => {
    if (busyRef.current) return;
    if (info.nativeDialogs) void runFileTask('open', 'errors.openTitle', () => api.call('file.open', {}));
    else setDialog('open');
  }, [info.nativeDialogs, runFileTask]);

  const openUploaded = useCallback(
    async (file: File) => {
      await runFileTask('open', 'errors.openTitle', async () => {
        try {
          const path = await api.upload(file);
          return await api.call('file.open', { path });
        } catch (e) {
          // The upload's copy has another path; name the file the user dropped.
          const data = toErrorData(e);
          throw new ApiError({ ...data, path: data.path ?? file.name });
        }
      });
    },
    [runFileTask],
  );

  const openDemo = useCallback(async () => {
    await runFileTask('demo', 'errors.demoTitle', () => api.call('file.openDemo'));
  }, [runFileTask]);

  const createRegion = useCallback(
    (input: CreateInput) => runFileTask('create', 'errors.createTitle', () => api.call('file.create', input)),
    [runFileTask],
  );

  const cancelJob = useCallback(() => {
    if (!progress) return;
    api.call('job.cancel', { jobId: progress.jobId }).catch(() => undefined); // already finished
  }, [progress]);

  const closeFile = useCallback(() => {
    if (openPath === null) return;
    void runFileTask('close', 'errors.title', async () => {
      await api.call('file.close');
      setSummary(null);
      return null;
    });
  }, [openPath, runFileTask]);

  // Host events: progress of the running job, and files opened or closed by the host.
  useEffect(() => {
    return api.onEvent((event: AppEvent) => {
      switch (event.type) {
        case 'progress':
          setProgress(event.done >= event.total ? null : event);
          break;
        case 'file-changed':
          setSummary(event.summary);
          // The host opened or closed a file by itself: every answer is of the old file.
          // Our own open/create/close reports its change with its answer.
          if (busyRef.current === null) queries.invalidate(ALL_AREAS);
          break;
        case 'file-checked':
          // The open file's full check ended: passed, it takes edits now; failed, the
          // host has closed it (a file-changed event) and the refusal says why.
          if (event.error === null) {
            setSummary((s) => (s && s.path === event.path ? { ...s, checking: false } : s));
          } else {
            setError({ titleKey: 'errors.openTitle', data: event.error });
          }
          break;
        case 'menu':
          // Handled by useCommands, which owns the command table.
          break;
        default: {
          const unreachable: never = event;
          void unreachable;
        }
      }
    });
  }, []);

  const controller = useMemo<AppController>(
    () => ({
      info,
      language,
      summary,
      editState,
      busy,
      progress,
      error,
      dialog,
      setLanguage,
      setUnit,
      showDialog: setDialog,
      openFile,
      openPath: openPathAction,
      openUploaded,
      openDemo,
      createRegion,
      cancelJob,
      closeFile,
      undo: () => undoRedo('edit.undo'),
      redo: () => undoRedo('edit.redo'),
      showError: setError,
      targetVersionId,
      notice,
      showTargetVersion,
      dismissNotice: () => setNotice(null),
    }),
    [
      info, language, summary, editState, busy, progress, error, dialog, setLanguage, setUnit, openFile,
      openPathAction, openUploaded, openDemo, createRegion, cancelJob, closeFile, undoRedo, targetVersionId, notice, showTargetVersion,
    ],
  );

  return <AppContext.Provider value={controller}>{children}</AppContext.Provider>;
}
