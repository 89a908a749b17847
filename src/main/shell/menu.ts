import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile, RegionSummary } from '../../shared/contract';
import { LANGUAGES, type DisplayUnit, type Language } from '../../shared/units';
import { LANGUAGE_NAMES, shellLabels } from './menuLabels';

// The application menu as a plain template. Only types come from electron, so the
// template can be built and checked without an Electron runtime; index.ts turns it
// into a Menu. It is rebuilt whenever what it shows changes (language, recent list,
// open file, display unit) rather than mutated in place: rebuilding is cheap and
// there is then only one place that decides what the menu looks like.

export interface MenuState {
  language: Language;
  recent: RecentFile[];
  /** The open region file, or null on the start screen. */
  current: RegionSummary | null;
  /** Reload and developer tools are offered only in development builds. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

export interface MenuActions {
  /** Actions the renderer performs (so its own state stays the source of truth). */
  send(command: MenuCommand): void;
  /** Opens a recent file directly in main; the renderer hears of it as file-changed. */
  openRecent(path: string): void;
  showAbout(): void;
}

const LANGUAGE_COMMANDS: Record<Language, MenuCommand> = {
  'zh-Hant': 'language-zh-Hant',
  'zh-Hans': 'language-zh-Hans',
  en: 'language-en',
};

const UNIT_COMMANDS: Record<DisplayUnit, MenuCommand> = { yuan: 'unit-yuan', wan: 'unit-wan', yi: 'unit-yi' };

/**
 * On Windows and Linux a single `&` in a label marks the access key and is not
 * shown, so text that comes from the user (region and file names) is escaped.
 */
function literal(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const l = shellLabels(state.language);
  const mac = state.platform === 'darwin';
  const fileOpen = state.current !== null;

  const recentItems: MenuItemConstructorOptions[] =
    state.recent.length === 0
      ? [{ label: l.noRecent, enabled: false }]
      : state.recent.map((r) => ({
          label: literal(`${r.regionName} ${r.planYear} — ${r.fileName}`, state.platform),
          // A file that has since been moved or deleted stays listed (the start
          // screen lets the user forget it) but cannot be opened from here.
          enabled: r.exists,
          click: () => actions.openRecent(r.path),
        }));

  const fileMenu: MenuItemConstructorOptions = {
    label: l.file,
    submenu: [
      { label: l.newFile, accelerator: 'CmdOrCtrl+N', click: () => actions.send('new') },
      { label: l.open, accelerator: 'CmdOrCtrl+O', click: () => actions.send('open') },
      { label: l.openRecent, submenu: recentItems },
      { label: l.openDemo, click: () => actions.send('open-demo') },
      { type: 'separator' },
      { label: l.close, accelerator: 'CmdOrCtrl+W', enabled: fileOpen, click: () => actions.send('close') },
      // macOS keeps Quit in the application menu.
      ...(mac ? [] : [{ type: 'separator' as const }, { label: l.quit, role: 'quit' as const }]),
    ],
  };

  // Undo/redo go to the renderer, which calls edit.undo/edit.redo so that its own
  // view of the data refreshes (or, inside a text field, undoes the typing).
  const redoAccelerator = mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y';
  const editMenu: MenuItemConstructorOptions = {
    label: l.edit,
    submenu: [
      { label: l.undo, accelerator: 'CmdOrCtrl+Z', click: () => actions.send('undo') },
      { label: l.redo, accelerator: redoAccelerator, click: () => actions.send('redo') },
      // Windows and Linux users expect both Ctrl+Y and Ctrl+Shift+Z; a menu item
      // has one accelerator, so the second lives on a hidden twin.
      ...(mac
        ? []
        : [{ label: l.redo, accelerator: 'Shift+CmdOrCtrl+Z', visible: false, click: () => actions.send('redo') }]),
      { type: 'separator' },
      { label: l.cut, role: 'cut' },
      { label: l.copy, role: 'copy' },
      { label: l.paste, role: 'paste' },
      { label: l.selectAll, role: 'selectAll' },
    ],
  };

  const unit = state.current?.displayUnit ?? null;
  const unitLabels: Record<DisplayUnit, string> = { yuan: l.unitYuan, wan: l.unitWan, yi: l.unitYi };
  const viewMenu: MenuItemConstructorOptions = {
    label: l.view,
    submenu: [
      {
        label: l.language,
        submenu: LANGUAGES.map((lang) => ({
          label: LANGUAGE_NAMES[lang],
          type: 'radio' as const,
          checked: lang === state.language,
          click: () => actions.send(LANGUAGE_COMMANDS[lang]),
        })),
      },
      {
        label: l.unit,
        // The unit belongs to the open file, so there is nothing to choose without one.
        enabled: fileOpen,
        submenu: (Object.keys(UNIT_COMMANDS) as DisplayUnit[]).map((u) => ({
          label: unitLabels[u],
          type: 'radio' as const,
          checked: u === unit,
          enabled: fileOpen,
          click: () => actions.send(UNIT_COMMANDS[u]),
        })),
      },
      { type: 'separator' },
      ...(state.isPackaged
        ? []
        : [
            { label: l.reload, role: 'reload' as const },
            { label: l.devTools, role: 'toggleDevTools' as const },
            { type: 'separator' as const },
          ]),
      { label: l.resetZoom, role: 'resetZoom' },
      { label: l.zoomIn, role: 'zoomIn' },
      { label: l.zoomOut, role: 'zoomOut' },
      { type: 'separator' },
      { label: l.fullScreen, role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: l.help,
    role: 'help',
    submenu: [
      ...(mac ? [] : [{ type: 'separator' as const }, { label: l.about, click: () => actions.showAbout() }]),
    ],
  };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'RegionPlan',
          submenu: [
            { label: l.about, click: () => actions.showAbout() },
            { type: 'separator' },
            { label: l.services, role: 'services' },
            { type: 'separator' },
            { label: l.hide, role: 'hide' },
            { label: l.hideOthers, role: 'hideOthers' },
            { label: l.showAll, role: 'unhide' },
            { type: 'separator' },
            { label: `${l.quit} RegionPlan`, role: 'quit' },
          ],
        },
      ]
    : [];

  return [...appMenu, fileMenu, editMenu, viewMenu, helpMenu];
}
