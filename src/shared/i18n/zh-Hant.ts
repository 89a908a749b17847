import type { ErrorCode, RefusalReason } from '../errors';
import type { CountKey } from '../contract';
import type { DisplayUnit, Language } from '../units';
import { gridZhHant } from './grid';
import { masterDataZhHant } from './masterData';
import { actualsZhHant } from './actuals';
import { planZhHant } from './plan';
import { planProductZhHant } from './planProduct';
import { expensesZhHant } from './expenses';
import { analysisZhHant } from './analysis';
import { analysisCustomersZhHant } from './analysisCustomers';
import { analysisExpensesZhHant } from './analysisExpenses';
import { analysisPricesZhHant } from './analysisPrices';
import { analysisTerminalsZhHant } from './analysisTerminals';
import { promotionsZhHant } from './promotions';
import { planWrittenZhHant } from './planWritten';
import { deckZhHant } from './deck';
import { deckReviewZhHant } from './deckReview';
import { deckPlanZhHant } from './deckPlan';
import { hqZhHant } from './hq';
import { hqUiZhHant } from './hqUi';
import { hqPgZhHant } from './hqPg';
import { hqTargetsZhHant } from './hqTargets';
import { hqViewsZhHant } from './hqViews';
import { planPackageZhHant } from './planPackage';
import { planReturnZhHant } from './planReturn';
import { planTerminalZhHant } from './planTerminal';
import { submitCheckZhHant } from './submitCheck';
import { planVarianceZhHant } from './planVariance';
import { teamZhHant } from './team';
import { planWorkbookZhHant } from './planWorkbook';
import { hqWorkbookZhHant } from './hqWorkbook';
import { submitZhHant } from './submit';
import { webHostZhHant } from './webHost';
import { planChannelZhHant } from './planChannel';
import { targetsZhHant } from './targets';
import { importWizardZhHant } from './importWizard';
import { targetDialogsZhHant } from './targetDialogs';

// The source catalog (繁體中文, the default language). zh-Hans and en are typed as
// `Messages`, the same shape with string leaves, so a key missing from or added to
// one of them is a compile error. Keys are grouped by screen; `{{name}}` is an
// i18next interpolation. Undo labels and job labels sent by the core are keys
// too ("edit.profile", "job.demo"), which is why `edit` and `job` are top level.

export const zhHant = {
  app: {
    name: 'RegionPlan',
    tagline: '區域經理的年度總結與計劃工作台',
    description: '把區域的主數據、銷售目標、費用預算和實績放在一個文件裡，從總結到計劃，一次做完、當場演示。',
    loading: '正在載入…',
  },
  common: {
    cancel: '取消',
    close: '關閉',
    ok: '確定',
    open: '打開',
    create: '建立',
    dismiss: '知道了',
    working: '處理中…',
  },
  language: {
    label: '界面語言',
    short: { 'zh-Hant': '繁', 'zh-Hans': '简', en: 'EN' } satisfies Record<Language, string>,
    name: { 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文', en: 'English' } satisfies Record<Language, string>,
  },
  unit: {
    label: '金額單位',
    short: { yuan: '元', wan: '萬元', yi: '億' } satisfies Record<DisplayUnit, string>,
    hint: '只影響顯示；金額始終按分精確保存。',
    suggest: '改用{{unit}}',
    suggestTitle: '以{{current}}顯示，表中的金額都是 0.00。改用{{unit}}顯示。',
  },
  start: {
    newRegion: '新建區域文件',
    newRegionHint: '從一個空白區域和計劃年度開始',
    openFile: '打開文件…',
    openFileHint: '打開已有的區域文件（.rplan）',
    openDemo: '打開示範區域',
    openDemoHint: '華東大區：主數據齊全，含多年實績',
    recent: '最近打開',
    recentEmpty: '還沒有打開過區域文件。新建一個，或先看看示範區域。',
    recentMissing: '文件已移動或刪除',
    forget: '移除',
    forgetTitle: '從最近打開列表中移除「{{file}}」',
    planYear: '{{year}} 年度',
    drop: '把 .rplan 文件拖到這裡',
    dropHint: '也可以拖到窗口的任何位置',
    dropActive: '鬆開滑鼠即可打開',
    footer: '每次修改都會立即保存到區域文件中，無需手動保存。',
  },
  newRegion: {
    title: '新建區域文件',
    intro: '一個區域文件對應一個區域和一個計劃年度，歷年數據也保存在裡面。',
    regionName: '區域名稱',
    regionNamePlaceholder: '例如：華東大區',
    planYear: '計劃年度',
    displayUnit: '金額顯示單位',
    whereWeb: '文件將保存在工作資料夾中。',
    whereNative: '下一步選擇文件的保存位置。',
    submit: '建立',
    invalid: {
      nameRequired: '請填寫區域名稱。',
      nameTooLong: '區域名稱不能超過 100 個字。',
      yearInvalid: '計劃年度必須是 2000 到 2100 之間的整數。',
    },
  },
  openDialog: {
    title: '打開區域文件',
    intro: '工作資料夾中的區域文件，點擊即可打開。',
    empty: '工作資料夾中還沒有 .rplan 文件。',
    fileName: '文件名',
    size: '大小',
    modified: '修改時間',
    loading: '正在讀取文件列表…',
  },
  demo: {
    title: '正在準備示範區域',
    firstTime: '第一次打開時需要生成示範數據，通常只需幾秒鐘。',
    cancelled: '已取消生成示範區域。',
  },
  job: {
    demo: '正在生成示範區域數據',
    importCheck: '正在檢查導入文件…',
    importWrite: '正在導入…',
    removeBatch: '正在刪除導入批次…',
  },
  edit: {
    profile: '修改區域資料',
  },
  nav: {
    label: '功能區',
    overview: '總覽',
    masterData: '主數據',
    targets: '銷售目標',
    expenses: '費用與行動計劃',
    plan: '計劃書',
    actuals: '實績與市場數據',
    analysis: '分析',
    review: '總結與導出',
    submit: '報送總部',
  },
  topbar: {
    planYear: '{{year}} 年度計劃',
    undo: '撤銷',
    undoStep: '撤銷：{{label}}',
    redo: '重做',
    redoStep: '重做：{{label}}',
    nothingToUndo: '沒有可撤銷的操作',
    nothingToRedo: '沒有可重做的操作',
    stepInVersion: '{{label}}（{{version}}）',
    switchedUndo: '已切換到「{{version}}」並撤銷：{{label}}',
    switchedRedo: '已切換到「{{version}}」並重做：{{label}}',
    closeFile: '關閉文件',
  },
  status: {
    checking: '正在檢查文件，通過前只讀',
    checkingTitle: '正在對文件做完整的完整性檢查；檢查通過前不能修改，通過後即可編輯，無需重新打開。',
    file: '文件',
    schema: '文件格式版本 {{version}}',
    savedAt: '已保存 {{time}}',
    allSaved: '所有更改已自動保存',
  },
  overview: {
    title: '區域總覽',
    profile: {
      title: '區域資料',
      regionName: '區域名稱',
      managerName: '區域經理',
      managerPlaceholder: '填寫區域經理姓名',
      notes: '備註',
      notesPlaceholder: '例如：覆蓋範圍、本年度重點、需要總部支持的事項',
      hint: '離開輸入框或按 Enter 即保存，可以撤銷。',
    },
    kpi: {
      lastYearActual: '{{year}} 年銷售實績',
      hoTarget: '{{year}} 年總部目標',
      growth: '目標較 {{year}} 年增長',
      noTarget: '尚未設定',
      partial: '截至 {{month}}',
    },
    counts: {
      title: '數據概況',
      groups: {
        geography: '區域',
        products: '產品',
        customers: '渠道與客戶',
        records: '實績與市場數據',
      },
    },
    countLabel: {
      provinces: '省份',
      cities: '地市',
      counties: '縣',
      channels: '渠道',
      ownBrands: '本品牌',
      competitorBrands: '競品品牌',
      categories: '品類',
      skus: '單品（SKU）',
      salespeople: '業務人員',
      customers: '經銷商與客戶',
      terminals: '終端門店',
      salesActualRows: '銷售實績記錄',
      marketRows: '市場數據記錄',
      storeAudits: '終端檢查',
      customerVisits: '客戶拜訪',
      customerStatements: '客戶對賬單',
      planVersions: '計劃版本',
      targetCells: '目標數據格',
      importBatches: '導入批次',
    } satisfies Record<CountKey, string>,
    chart: {
      title: '月度銷售額',
      subtitle: '近兩年實績與 {{year}} 年總部目標（單位：{{unit}}）',
      actual: '{{year}} 年實績',
      target: '{{year}} 年總部目標',
      exact: '精確值',
      emptyTitle: '還沒有銷售實績',
      emptyBody: '請到「實績與市場數據」導入 ERP 導出的銷售實績，這裡就會顯示月度走勢和總部目標。',
      loading: '正在讀取實績…',
    },
  },
  about: {
    title: '關於 RegionPlan',
    version: '版本 {{version}}',
    schema: '區域文件格式版本 {{version}}',
    transport: '運行方式：{{transport}}',
    electron: '桌面應用',
    web: '本機網頁服務',
  },
  grid: gridZhHant,
  masterData: masterDataZhHant,
  targets: targetsZhHant,
  actuals: actualsZhHant,
  expenses: expensesZhHant,
  plan: planZhHant,
  planProduct: planProductZhHant,
  analysis: analysisZhHant,
  analysisCustomers: analysisCustomersZhHant,
  analysisExpenses: analysisExpensesZhHant,
  analysisPrices: analysisPricesZhHant,
  analysisTerminals: analysisTerminalsZhHant,
  promotions: promotionsZhHant,
  planWritten: planWrittenZhHant,
  deck: deckZhHant,
  deckReview: deckReviewZhHant,
  deckPlan: deckPlanZhHant,
  planPackage: planPackageZhHant,
  planReturn: planReturnZhHant,
  hq: hqZhHant,
  hqUi: hqUiZhHant,
  hqPg: hqPgZhHant,
  hqTargets: hqTargetsZhHant,
  hqViews: hqViewsZhHant,
  planTerminal: planTerminalZhHant,
  submitCheck: submitCheckZhHant,
  planVariance: planVarianceZhHant,
  team: teamZhHant,
  planWorkbook: planWorkbookZhHant,
  hqWorkbook: hqWorkbookZhHant,
  submit: submitZhHant,
  webHost: webHostZhHant,
  planChannel: planChannelZhHant,
  importWizard: importWizardZhHant,
  targetDialogs: targetDialogsZhHant,
  errors: {
    title: '無法完成操作',
    openTitle: '無法打開文件',
    createTitle: '無法建立區域文件',
    demoTitle: '無法打開示範區域',
    saveTitle: '沒有保存這次修改',
    fileLabel: '文件：',
    details: '技術細節',
    thisFile: '這個文件',
    notRegionFile: '只能打開 RegionPlan 的區域文件（.rplan）。「{{file}}」不是區域文件。',
    unacceptedText: '「{{field}}」的文字含有區域文件無法保存的字元（例如 NUL 等控制字元，或殘缺的字元）。請刪除後再試。',
  },
  errorCode: {
    INVALID_INPUT: '輸入的內容不符合要求，請檢查後再試。',
    UNKNOWN_ENDPOINT: '應用內部出錯：請求了不存在的功能。請更新到最新版本。',
    FORBIDDEN: '沒有權限進行這個操作。請通過「打開文件…」重新選擇文件。',
    NO_OPEN_FILE: '沒有打開的區域文件。請先打開或新建一個。',
    FILE_NOT_FOUND: '找不到「{{file}}」，可能已被移動、改名或刪除。',
    FILE_REFUSED: '「{{file}}」無法打開。',
    FILE_EXISTS: '「{{file}}」已經存在。請換一個名稱，或打開已有的文件。',
    NOT_SUPPORTED: '當前運行方式不支持這個操作。',
    CANCELLED: '操作已取消。',
    CONFLICT: '數據已被其他操作修改，請刷新後再試。',
    READ_ONLY: '「{{file}}」正在做完整檢查，檢查通過前只能查看，不能修改。請稍候再試。',
    NOT_WRITTEN: '您對「{{file}}」的上一次修改已保存，但它改動的數字暫時未能寫入（磁碟空間是否已滿，或檔案被其他程式鎖住？）。請騰出空間或關閉其他程式後再試；下次打開檔案時也會自動寫入。',
    NOT_FOUND: '找不到要操作的數據，可能已被刪除。',
    INTERNAL: '發生了意外錯誤。您的數據已保存到上一次修改；如果問題重複出現，請把技術細節發給支持人員。',
  } satisfies Record<ErrorCode, string>,
  refusal: {
    empty: '「{{file}}」是空文件，不是區域文件。',
    not_sqlite: '「{{file}}」不是 RegionPlan 的區域文件，無法打開。請確認選擇了正確的文件。',
    foreign: '「{{file}}」是其他程序的數據庫，不是 RegionPlan 的區域文件。',
    newer_schema: '「{{file}}」是用更新版本的 RegionPlan 保存的。請把應用更新到最新版本後再打開。',
    corrupt: '「{{file}}」已損壞，無法打開。請從備份恢復這個文件，或向同事重新索取一份。',
    truncated: '「{{file}}」不完整（可能複製或下載時中斷了）。請從備份恢復，或重新複製一份。',
    wrong_extension: '「{{file}}」不是區域文件：區域文件的擴展名必須是 .rplan。',
    is_directory: '「{{file}}」是一個資料夾，不是區域文件。',
    not_regular: '「{{file}}」不是普通文件（可能是管道、設備或套接字），不能作為區域文件打開。',
    unreadable: '無法讀取「{{file}}」：請檢查文件權限，或確認它沒有被其他程序鎖定。',
    inconsistent_schema: '「{{file}}」的格式版本號比它實際包含的表舊（文件曾被其他程序或舊版本改動過），無法安全升級，因此不能打開。文件未作任何改動；請從備份恢復。',
  } satisfies Record<RefusalReason, string>,
} as const;

/** Turns every string leaf into `string`: the shape every language must fill. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhHant>;
