import type { Messages } from './zh-Hant';
import { gridZhHans } from './grid';
import { masterDataZhHans } from './masterData';
import { actualsZhHans } from './actuals';
import { planZhHans } from './plan';
import { planProductZhHans } from './planProduct';
import { expensesZhHans } from './expenses';
import { analysisZhHans } from './analysis';
import { analysisCustomersZhHans } from './analysisCustomers';
import { analysisExpensesZhHans } from './analysisExpenses';
import { analysisPricesZhHans } from './analysisPrices';
import { analysisTerminalsZhHans } from './analysisTerminals';
import { promotionsZhHans } from './promotions';
import { planWrittenZhHans } from './planWritten';
import { deckZhHans } from './deck';
import { deckReviewZhHans } from './deckReview';
import { deckPlanZhHans } from './deckPlan';
import { hqZhHans } from './hq';
import { hqUiZhHans } from './hqUi';
import { hqPgZhHans } from './hqPg';
import { hqTargetsZhHans } from './hqTargets';
import { hqViewsZhHans } from './hqViews';
import { planPackageZhHans } from './planPackage';
import { planReturnZhHans } from './planReturn';
import { planTerminalZhHans } from './planTerminal';
import { submitCheckZhHans } from './submitCheck';
import { planVarianceZhHans } from './planVariance';
import { teamZhHans } from './team';
import { planWorkbookZhHans } from './planWorkbook';
import { hqWorkbookZhHans } from './hqWorkbook';
import { submitZhHans } from './submit';
import { webHostZhHans } from './webHost';
import { planChannelZhHans } from './planChannel';
import { targetsZhHans } from './targets';
import { importWizardZhHans } from './importWizard';
import { targetDialogsZhHans } from './targetDialogs';

// 简体中文. Same keys as zh-Hant (the compiler checks it); mainland wording where it
// differs (文件夹, 鼠标, 加载), not a character-by-character conversion.

export const zhHans: Messages = {
  app: {
    name: 'RegionPlan',
    tagline: '区域经理的年度总结与计划工作台',
    description: '把区域的主数据、销售目标、费用预算和实绩放在一个文件里，从总结到计划，一次做完、当场演示。',
    loading: '正在加载…',
  },
  common: {
    cancel: '取消',
    close: '关闭',
    ok: '确定',
    open: '打开',
    create: '创建',
    dismiss: '知道了',
    working: '处理中…',
  },
  language: {
    label: '界面语言',
    short: { 'zh-Hant': '繁', 'zh-Hans': '简', en: 'EN' },
    name: { 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文', en: 'English' },
  },
  unit: {
    label: '金额单位',
    short: { yuan: '元', wan: '万元', yi: '亿' },
    hint: '只影响显示；金额始终按分精确保存。',
    suggest: '改用{{unit}}',
    suggestTitle: '以{{current}}显示，表中的金额都是 0.00。改用{{unit}}显示。',
  },
  start: {
    newRegion: '新建区域文件',
    newRegionHint: '从一个空白区域和计划年度开始',
    openFile: '打开文件…',
    openFileHint: '打开已有的区域文件（.rplan）',
    openDemo: '打开示范区域',
    openDemoHint: '华东大区：主数据齐全，含多年实绩',
    recent: '最近打开',
    recentEmpty: '还没有打开过区域文件。新建一个，或先看看示范区域。',
    recentMissing: '文件已移动或删除',
    forget: '移除',
    forgetTitle: '从最近打开列表中移除“{{file}}”',
    planYear: '{{year}} 年度',
    drop: '把 .rplan 文件拖到这里',
    dropHint: '也可以拖到窗口的任何位置',
    dropActive: '松开鼠标即可打开',
    footer: '每次修改都会立即保存到区域文件中，无需手动保存。',
  },
  newRegion: {
    title: '新建区域文件',
    intro: '一个区域文件对应一个区域和一个计划年度，历年数据也保存在里面。',
    regionName: '区域名称',
    regionNamePlaceholder: '例如：华东大区',
    planYear: '计划年度',
    displayUnit: '金额显示单位',
    whereWeb: '文件将保存在工作文件夹中。',
    whereNative: '下一步选择文件的保存位置。',
    submit: '创建',
    invalid: {
      nameRequired: '请填写区域名称。',
      nameTooLong: '区域名称不能超过 100 个字。',
      yearInvalid: '计划年度必须是 2000 到 2100 之间的整数。',
    },
  },
  openDialog: {
    title: '打开区域文件',
    intro: '工作文件夹中的区域文件，点击即可打开。',
    empty: '工作文件夹中还没有 .rplan 文件。',
    fileName: '文件名',
    size: '大小',
    modified: '修改时间',
    loading: '正在读取文件列表…',
  },
  demo: {
    title: '正在准备示范区域',
    firstTime: '第一次打开时需要生成示范数据，通常只需几秒钟。',
    cancelled: '已取消生成示范区域。',
  },
  job: {
    demo: '正在生成示范区域数据',
    importCheck: '正在检查导入文件…',
    importWrite: '正在导入…',
    removeBatch: '正在删除导入批次…',
  },
  edit: {
    profile: '修改区域资料',
  },
  nav: {
    label: '功能区',
    overview: '总览',
    masterData: '主数据',
    targets: '销售目标',
    expenses: '费用与行动计划',
    plan: '计划书',
    actuals: '实绩与市场数据',
    analysis: '分析',
    review: '总结与导出',
    submit: '报送总部',
  },
  topbar: {
    planYear: '{{year}} 年度计划',
    undo: '撤销',
    undoStep: '撤销：{{label}}',
    redo: '重做',
    redoStep: '重做：{{label}}',
    nothingToUndo: '没有可撤销的操作',
    nothingToRedo: '没有可重做的操作',
    stepInVersion: '{{label}}（{{version}}）',
    switchedUndo: '已切换到“{{version}}”并撤销：{{label}}',
    switchedRedo: '已切换到“{{version}}”并重做：{{label}}',
    closeFile: '关闭文件',
  },
  status: {
    checking: '正在检查文件，通过前只读',
    checkingTitle: '正在对文件做完整的完整性检查；检查通过前不能修改，通过后即可编辑，无需重新打开。',
    file: '文件',
    schema: '文件格式版本 {{version}}',
    savedAt: '已保存 {{time}}',
    allSaved: '所有更改已自动保存',
  },
  overview: {
    title: '区域总览',
    profile: {
      title: '区域资料',
      regionName: '区域名称',
      managerName: '区域经理',
      managerPlaceholder: '填写区域经理姓名',
      notes: '备注',
      notesPlaceholder: '例如：覆盖范围、本年度重点、需要总部支持的事项',
      hint: '离开输入框或按 Enter 即保存，可以撤销。',
    },
    kpi: {
      lastYearActual: '{{year}} 年销售实绩',
      hoTarget: '{{year}} 年总部目标',
      growth: '目标较 {{year}} 年增长',
      noTarget: '尚未设定',
      partial: '截至 {{month}}',
    },
    counts: {
      title: '数据概况',
      groups: {
        geography: '区域',
        products: '产品',
        customers: '渠道与客户',
        records: '实绩与市场数据',
      },
    },
    countLabel: {
      provinces: '省份',
      cities: '地市',
      counties: '县',
      channels: '渠道',
      ownBrands: '本品牌',
      competitorBrands: '竞品品牌',
      categories: '品类',
      skus: '单品（SKU）',
      salespeople: '业务人员',
      customers: '经销商与客户',
      terminals: '终端门店',
      salesActualRows: '销售实绩记录',
      marketRows: '市场数据记录',
      storeAudits: '终端检查',
      customerVisits: '客户拜访',
      customerStatements: '客户对账单',
      planVersions: '计划版本',
      targetCells: '目标数据格',
      importBatches: '导入批次',
    },
    chart: {
      title: '月度销售额',
      subtitle: '近两年实绩与 {{year}} 年总部目标（单位：{{unit}}）',
      actual: '{{year}} 年实绩',
      target: '{{year}} 年总部目标',
      exact: '精确值',
      emptyTitle: '还没有销售实绩',
      emptyBody: '请到“实绩与市场数据”导入 ERP 导出的销售实绩，这里就会显示月度走势和总部目标。',
      loading: '正在读取实绩…',
    },
  },
  about: {
    title: '关于 RegionPlan',
    version: '版本 {{version}}',
    schema: '区域文件格式版本 {{version}}',
    transport: '运行方式：{{transport}}',
    electron: '桌面应用',
    web: '本机网页服务',
  },
  grid: gridZhHans,
  masterData: masterDataZhHans,
  targets: targetsZhHans,
  actuals: actualsZhHans,
  expenses: expensesZhHans,
  plan: planZhHans,
  planProduct: planProductZhHans,
  analysis: analysisZhHans,
  analysisCustomers: analysisCustomersZhHans,
  analysisExpenses: analysisExpensesZhHans,
  analysisPrices: analysisPricesZhHans,
  analysisTerminals: analysisTerminalsZhHans,
  promotions: promotionsZhHans,
  planWritten: planWrittenZhHans,
  deck: deckZhHans,
  deckReview: deckReviewZhHans,
  deckPlan: deckPlanZhHans,
  planPackage: planPackageZhHans,
  planReturn: planReturnZhHans,
  hq: hqZhHans,
  hqUi: hqUiZhHans,
  hqPg: hqPgZhHans,
  hqTargets: hqTargetsZhHans,
  hqViews: hqViewsZhHans,
  planTerminal: planTerminalZhHans,
  submitCheck: submitCheckZhHans,
  planVariance: planVarianceZhHans,
  team: teamZhHans,
  planWorkbook: planWorkbookZhHans,
  hqWorkbook: hqWorkbookZhHans,
  submit: submitZhHans,
  webHost: webHostZhHans,
  planChannel: planChannelZhHans,
  importWizard: importWizardZhHans,
  targetDialogs: targetDialogsZhHans,
  errors: {
    title: '无法完成操作',
    openTitle: '无法打开文件',
    createTitle: '无法创建区域文件',
    demoTitle: '无法打开示范区域',
    saveTitle: '没有保存这次修改',
    fileLabel: '文件：',
    details: '技术细节',
    thisFile: '这个文件',
    notRegionFile: '只能打开 RegionPlan 的区域文件（.rplan）。“{{file}}”不是区域文件。',
    unacceptedText: '“{{field}}”的文字含有区域文件无法保存的字符（例如 NUL 等控制字符，或残缺的字符）。请删除后再试。',
  },
  errorCode: {
    INVALID_INPUT: '输入的内容不符合要求，请检查后再试。',
    UNKNOWN_ENDPOINT: '应用内部出错：请求了不存在的功能。请更新到最新版本。',
    FORBIDDEN: '没有权限进行这个操作。请通过“打开文件…”重新选择文件。',
    NO_OPEN_FILE: '没有打开的区域文件。请先打开或新建一个。',
    FILE_NOT_FOUND: '找不到“{{file}}”，可能已被移动、改名或删除。',
    FILE_REFUSED: '“{{file}}”无法打开。',
    FILE_EXISTS: '“{{file}}”已经存在。请换一个名称，或打开已有的文件。',
    NOT_SUPPORTED: '当前运行方式不支持这个操作。',
    CANCELLED: '操作已取消。',
    CONFLICT: '数据已被其他操作修改，请刷新后再试。',
    READ_ONLY: '“{{file}}”正在做完整检查，检查通过前只能查看，不能修改。请稍候再试。',
    NOT_WRITTEN: '您对“{{file}}”的上一次修改已保存，但它改动的数字暂时未能写入（磁盘空间是否已满，或文件被其他程序锁住？）。请腾出空间或关闭其他程序后再试；下次打开文件时也会自动写入。',
    NOT_FOUND: '找不到要操作的数据，可能已被删除。',
    INTERNAL: '发生了意外错误。您的数据已保存到上一次修改；如果问题重复出现，请把技术细节发给支持人员。',
  },
  refusal: {
    empty: '“{{file}}”是空文件，不是区域文件。',
    not_sqlite: '“{{file}}”不是 RegionPlan 的区域文件，无法打开。请确认选择了正确的文件。',
    foreign: '“{{file}}”是其他程序的数据库，不是 RegionPlan 的区域文件。',
    newer_schema: '“{{file}}”是用更新版本的 RegionPlan 保存的。请把应用更新到最新版本后再打开。',
    corrupt: '“{{file}}”已损坏，无法打开。请从备份恢复这个文件，或向同事重新索取一份。',
    truncated: '“{{file}}”不完整（可能复制或下载时中断了）。请从备份恢复，或重新复制一份。',
    wrong_extension: '“{{file}}”不是区域文件：区域文件的扩展名必须是 .rplan。',
    is_directory: '“{{file}}”是一个文件夹，不是区域文件。',
    not_regular: '“{{file}}”不是普通文件（可能是管道、设备或套接字），不能作为区域文件打开。',
    unreadable: '无法读取“{{file}}”：请检查文件权限，或确认它没有被其他程序锁定。',
    inconsistent_schema: '“{{file}}”的格式版本号比它实际包含的表旧（文件曾被其他程序或旧版本改动过），无法安全升级，因此不能打开。文件未作任何改动；请从备份恢复。',
  },
};
