import type { Language } from '../../shared/units';

// Everything the Electron shell itself writes on screen: the application menu and the
// few native dialogs main shows without asking the renderer. The renderer has its own
// i18n catalogue; these live here because main must draw the menu before (and
// without) any page. A typed table, so a label missing in one language fails the
// type check rather than showing a key.

export interface ShellLabels {
  // menus
  file: string;
  edit: string;
  view: string;
  help: string;
  // File
  newFile: string;
  open: string;
  openRecent: string;
  noRecent: string;
  openDemo: string;
  close: string;
  quit: string;
  // Edit
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  // View
  language: string;
  unit: string;
  unitYuan: string;
  unitWan: string;
  unitYi: string;
  reload: string;
  devTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  // Help / macOS app menu
  about: string;
  services: string;
  hide: string;
  hideOthers: string;
  showAll: string;
  // native dialogs
  regionFileFilter: string;
  hqFileFilter: string;
  packageFileFilter: string;
  hqOpenDialogTitle: string;
  hqSaveDialogTitle: string;
  packageOpenDialogTitle: string;
  openDialogTitle: string;
  saveDialogTitle: string;
  importDialogTitle: string;
  exportDialogTitle: string;
  dataFileFilter: string;
  answerDialogTitle: string;
  exportFolderDialogTitle: string;
  receiveDialogTitle: string;
  answerFileFilter: string;
  openFailedTitle: string;
  openFailedMessage: string;
  ok: string;
  aboutDetail: string;
}

/** Each language's name in itself, so a user can always find their own. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-Hant': '繁體中文',
  'zh-Hans': '简体中文',
  en: 'English',
};

export const SHELL_LABELS = {
  'zh-Hant': {
    file: '文件',
    edit: '編輯',
    view: '視圖',
    help: '幫助',
    newFile: '新建區域文件…',
    open: '打開…',
    openRecent: '最近打開',
    noRecent: '（沒有最近打開的文件）',
    openDemo: '打開示範區域',
    close: '關閉文件',
    quit: '退出',
    undo: '撤銷',
    redo: '重做',
    cut: '剪切',
    copy: '複製',
    paste: '粘貼',
    selectAll: '全選',
    language: '語言',
    unit: '金額單位',
    unitYuan: '元',
    unitWan: '萬元',
    unitYi: '億元',
    reload: '重新加載',
    devTools: '開發者工具',
    resetZoom: '實際大小',
    zoomIn: '放大',
    zoomOut: '縮小',
    fullScreen: '全屏',
    about: '關於 RegionPlan',
    services: '服務',
    hide: '隱藏 RegionPlan',
    hideOthers: '隱藏其他',
    showAll: '全部顯示',
    regionFileFilter: 'RegionPlan 區域文件',
    hqFileFilter: 'RegionPlan 總部匯總',
    packageFileFilter: 'RegionPlan 計劃包',
    hqOpenDialogTitle: '打開總部匯總',
    hqSaveDialogTitle: '新建總部匯總',
    packageOpenDialogTitle: '接收計劃包',
    openDialogTitle: '打開區域文件',
    saveDialogTitle: '新建區域文件',
    importDialogTitle: '選擇要導入的文件',
    exportDialogTitle: '導出到',
    dataFileFilter: '表格文件（CSV、Excel）',
    answerDialogTitle: '打開總部回覆',
    exportFolderDialogTitle: '選擇寫出各區域目標文件的資料夾',
    receiveDialogTitle: '接收計劃包（可多選）',
    answerFileFilter: '總部回覆檔',
    openFailedTitle: '無法打開文件',
    openFailedMessage: '無法打開這個文件：',
    ok: '確定',
    aboutDetail: '區域經理年度總結與計劃工作台',
  },
  'zh-Hans': {
    file: '文件',
    edit: '编辑',
    view: '视图',
    help: '帮助',
    newFile: '新建区域文件…',
    open: '打开…',
    openRecent: '最近打开',
    noRecent: '（没有最近打开的文件）',
    openDemo: '打开示范区域',
    close: '关闭文件',
    quit: '退出',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    language: '语言',
    unit: '金额单位',
    unitYuan: '元',
    unitWan: '万元',
    unitYi: '亿元',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    about: '关于 RegionPlan',
    services: '服务',
    hide: '隐藏 RegionPlan',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    regionFileFilter: 'RegionPlan 区域文件',
    hqFileFilter: 'RegionPlan 总部汇总',
    packageFileFilter: 'RegionPlan 计划包',
    hqOpenDialogTitle: '打开总部汇总',
    hqSaveDialogTitle: '新建总部汇总',
    packageOpenDialogTitle: '接收计划包',
    openDialogTitle: '打开区域文件',
    saveDialogTitle: '新建区域文件',
    importDialogTitle: '选择要导入的文件',
    exportDialogTitle: '导出到',
    dataFileFilter: '表格文件（CSV、Excel）',
    answerDialogTitle: '打开总部回复',
    exportFolderDialogTitle: '选择写出各区域目标文件的文件夹',
    receiveDialogTitle: '接收计划包（可多选）',
    answerFileFilter: '总部回复文件',
    openFailedTitle: '无法打开文件',
    openFailedMessage: '无法打开这个文件：',
    ok: '确定',
    aboutDetail: '区域经理年度总结与计划工作台',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    help: 'Help',
    newFile: 'New Region File…',
    open: 'Open…',
    openRecent: 'Open Recent',
    noRecent: '(No recent files)',
    openDemo: 'Open Demo Region',
    close: 'Close File',
    quit: 'Quit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    language: 'Language',
    unit: 'Amount Unit',
    unitYuan: 'CNY',
    unitWan: '10k CNY (萬元)',
    unitYi: '100M CNY (億元)',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    about: 'About RegionPlan',
    services: 'Services',
    hide: 'Hide RegionPlan',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    regionFileFilter: 'RegionPlan Region File',
    hqFileFilter: 'RegionPlan Head-Office Workspace',
    packageFileFilter: 'RegionPlan Plan Package',
    hqOpenDialogTitle: 'Open Head-Office Workspace',
    hqSaveDialogTitle: 'New Head-Office Workspace',
    packageOpenDialogTitle: 'Receive Plan Packages',
    openDialogTitle: 'Open Region File',
    saveDialogTitle: 'New Region File',
    importDialogTitle: 'Choose a file to import',
    exportDialogTitle: 'Export to',
    dataFileFilter: 'Spreadsheets (CSV, Excel)',
    answerDialogTitle: 'Open head office\'s answer',
    exportFolderDialogTitle: 'Choose the folder for the regions\' target files',
    receiveDialogTitle: 'Receive plan packages (select several)',
    answerFileFilter: 'Head-office answers',
    openFailedTitle: 'Cannot open file',
    openFailedMessage: 'This file could not be opened:',
    ok: 'OK',
    aboutDetail: 'A planning workbench for regional sales managers',
  },
} as const satisfies Record<Language, ShellLabels>;

export function shellLabels(language: Language): ShellLabels {
  return SHELL_LABELS[language];
}
