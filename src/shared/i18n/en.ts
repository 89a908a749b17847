import type { Messages } from './zh-Hant';
import { gridEn } from './grid';
import { masterDataEn } from './masterData';
import { actualsEn } from './actuals';
import { planEn } from './plan';
import { planProductEn } from './planProduct';
import { expensesEn } from './expenses';
import { analysisEn } from './analysis';
import { analysisCustomersEn } from './analysisCustomers';
import { analysisExpensesEn } from './analysisExpenses';
import { analysisPricesEn } from './analysisPrices';
import { analysisTerminalsEn } from './analysisTerminals';
import { promotionsEn } from './promotions';
import { planWrittenEn } from './planWritten';
import { deckEn } from './deck';
import { deckReviewEn } from './deckReview';
import { deckPlanEn } from './deckPlan';
import { hqEn } from './hq';
import { hqUiEn } from './hqUi';
import { hqPgEn } from './hqPg';
import { hqTargetsEn } from './hqTargets';
import { hqViewsEn } from './hqViews';
import { planPackageEn } from './planPackage';
import { planReturnEn } from './planReturn';
import { planTerminalEn } from './planTerminal';
import { submitCheckEn } from './submitCheck';
import { planVarianceEn } from './planVariance';
import { teamEn } from './team';
import { planWorkbookEn } from './planWorkbook';
import { hqWorkbookEn } from './hqWorkbook';
import { submitEn } from './submit';
import { webHostEn } from './webHost';
import { planChannelEn } from './planChannel';
import { targetsEn } from './targets';
import { importWizardEn } from './importWizard';
import { targetDialogsEn } from './targetDialogs';

// English. Same keys as zh-Hant (the compiler checks it).

export const en: Messages = {
  app: {
    name: 'RegionPlan',
    tagline: 'The annual review and plan workbench for regional sales managers',
    description:
      'Master data, sales targets, expense budgets and actuals for your region in one file: review the year, plan the next, and present it straight from here.',
    loading: 'Loading…',
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    ok: 'OK',
    open: 'Open',
    create: 'Create',
    dismiss: 'OK',
    working: 'Working…',
  },
  language: {
    label: 'Language',
    short: { 'zh-Hant': '繁', 'zh-Hans': '简', en: 'EN' },
    name: { 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文', en: 'English' },
  },
  unit: {
    label: 'Amounts in',
    short: { yuan: 'CNY', wan: '10k', yi: '100M' },
    hint: 'Only changes how amounts are shown; they are always stored exactly, to the fen.',
    suggest: 'Show in {{unit}}',
    suggestTitle: 'In {{current}}, every amount in the table shows as 0.00. Show them in {{unit}}.',
  },
  start: {
    newRegion: 'New region file',
    newRegionHint: 'Start from an empty region and plan year',
    openFile: 'Open file…',
    openFileHint: 'Open an existing region file (.rplan)',
    openDemo: 'Open the demo region',
    openDemoHint: 'East China: full master data and several years of actuals',
    recent: 'Recent files',
    recentEmpty: 'No region files opened yet. Create one, or look around the demo region first.',
    recentMissing: 'File moved or deleted',
    forget: 'Remove',
    forgetTitle: 'Remove “{{file}}” from the recent files',
    planYear: 'Plan {{year}}',
    drop: 'Drop a .rplan file here',
    dropHint: 'or anywhere in the window',
    dropActive: 'Release to open',
    footer: 'Every change is saved to the region file the moment you make it; there is no Save button.',
  },
  newRegion: {
    title: 'New region file',
    intro: 'A region file holds one region and one plan year, together with its history.',
    regionName: 'Region name',
    regionNamePlaceholder: 'e.g. East China',
    planYear: 'Plan year',
    displayUnit: 'Show amounts in',
    whereWeb: 'The file is saved in the workspace folder.',
    whereNative: 'Next, choose where to save the file.',
    submit: 'Create',
    invalid: {
      nameRequired: 'Enter a region name.',
      nameTooLong: 'The region name can be at most 100 characters.',
      yearInvalid: 'The plan year must be a whole number between 2000 and 2100.',
    },
  },
  openDialog: {
    title: 'Open a region file',
    intro: 'Region files in the workspace folder. Click one to open it.',
    empty: 'There are no .rplan files in the workspace folder yet.',
    fileName: 'File name',
    size: 'Size',
    modified: 'Modified',
    loading: 'Reading the folder…',
  },
  demo: {
    title: 'Preparing the demo region',
    firstTime: 'The first time, the demo data is generated. This usually takes a few seconds.',
    cancelled: 'The demo region was not generated (cancelled).',
  },
  job: {
    demo: 'Generating the demo region',
    importCheck: 'Checking the import file…',
    importWrite: 'Importing…',
    removeBatch: 'Removing the import batch…',
  },
  edit: {
    profile: 'Edit region profile',
  },
  nav: {
    label: 'Areas',
    overview: 'Overview',
    masterData: 'Master data',
    targets: 'Sales targets',
    expenses: 'Expenses & actions',
    plan: 'Plan chapters',
    actuals: 'Actuals & market data',
    analysis: 'Analysis',
    review: 'Review & export',
    submit: 'Submit',
  },
  topbar: {
    planYear: 'Plan {{year}}',
    undo: 'Undo',
    undoStep: 'Undo: {{label}}',
    redo: 'Redo',
    redoStep: 'Redo: {{label}}',
    nothingToUndo: 'Nothing to undo',
    nothingToRedo: 'Nothing to redo',
    stepInVersion: '{{label}} ({{version}})',
    switchedUndo: 'Switched to “{{version}}” and undid: {{label}}',
    switchedRedo: 'Switched to “{{version}}” and redid: {{label}}',
    closeFile: 'Close file',
  },
  status: {
    checking: 'Checking the file: read-only until it passes',
    checkingTitle: 'The file is being checked in full; it cannot be changed until the check passes, then editing works without reopening it.',
    file: 'File',
    schema: 'File format version {{version}}',
    savedAt: 'Saved at {{time}}',
    allSaved: 'All changes are saved automatically',
  },
  overview: {
    title: 'Region overview',
    profile: {
      title: 'Region profile',
      regionName: 'Region name',
      managerName: 'Regional manager',
      managerPlaceholder: 'Name of the regional manager',
      notes: 'Notes',
      notesPlaceholder: 'e.g. coverage, this year’s priorities, support needed from head office',
      hint: 'Saved when you leave a field or press Enter; you can undo it.',
    },
    kpi: {
      lastYearActual: '{{year}} sales',
      hoTarget: '{{year}} head-office target',
      growth: 'Target vs {{year}}',
      noTarget: 'Not set yet',
      partial: 'through {{month}}',
    },
    counts: {
      title: 'Data summary',
      groups: {
        geography: 'Geography',
        products: 'Products',
        customers: 'Channels & customers',
        records: 'Actuals & market data',
      },
    },
    countLabel: {
      provinces: 'Provinces',
      cities: 'Cities',
      counties: 'Counties',
      channels: 'Channels',
      ownBrands: 'Our brands',
      competitorBrands: 'Competitor brands',
      categories: 'Categories',
      skus: 'SKUs',
      salespeople: 'Sales staff',
      customers: 'Distributors & customers',
      terminals: 'Stores',
      salesActualRows: 'Sales actual rows',
      marketRows: 'Market data rows',
      storeAudits: 'Store audits',
      customerVisits: 'Customer visits',
      customerStatements: 'Customer statements',
      planVersions: 'Plan versions',
      targetCells: 'Target cells',
      importBatches: 'Import batches',
    },
    chart: {
      title: 'Monthly sales',
      subtitle: 'Actuals of the last two years and the {{year}} head-office target (in {{unit}})',
      actual: '{{year}} actual',
      target: '{{year}} HO target',
      exact: 'Exact',
      emptyTitle: 'No sales actuals yet',
      emptyBody:
        'Import the sales actuals from your ERP export under “Actuals & market data”; the monthly trend and the head-office target will then appear here.',
      loading: 'Reading the actuals…',
    },
  },
  about: {
    title: 'About RegionPlan',
    version: 'Version {{version}}',
    schema: 'Region file format version {{version}}',
    transport: 'Running as: {{transport}}',
    electron: 'desktop app',
    web: 'local web host',
  },
  grid: gridEn,
  masterData: masterDataEn,
  targets: targetsEn,
  actuals: actualsEn,
  expenses: expensesEn,
  plan: planEn,
  planProduct: planProductEn,
  analysis: analysisEn,
  analysisCustomers: analysisCustomersEn,
  analysisExpenses: analysisExpensesEn,
  analysisPrices: analysisPricesEn,
  analysisTerminals: analysisTerminalsEn,
  promotions: promotionsEn,
  planWritten: planWrittenEn,
  deck: deckEn,
  deckReview: deckReviewEn,
  deckPlan: deckPlanEn,
  planPackage: planPackageEn,
  planReturn: planReturnEn,
  hq: hqEn,
  hqUi: hqUiEn,
  hqPg: hqPgEn,
  hqTargets: hqTargetsEn,
  hqViews: hqViewsEn,
  planTerminal: planTerminalEn,
  submitCheck: submitCheckEn,
  planVariance: planVarianceEn,
  team: teamEn,
  planWorkbook: planWorkbookEn,
  hqWorkbook: hqWorkbookEn,
  submit: submitEn,
  webHost: webHostEn,
  planChannel: planChannelEn,
  importWizard: importWizardEn,
  targetDialogs: targetDialogsEn,
  errors: {
    title: 'That did not work',
    openTitle: 'The file could not be opened',
    createTitle: 'The region file could not be created',
    demoTitle: 'The demo region could not be opened',
    saveTitle: 'This change was not saved',
    fileLabel: 'File: ',
    details: 'Technical details',
    thisFile: 'this file',
    notRegionFile: 'Only RegionPlan region files (.rplan) can be opened. “{{file}}” is not a region file.',
    unacceptedText:
      'The text in “{{field}}” contains a character a region file cannot store (a control character such as NUL, or a broken character). Remove it and try again.',
  },
  errorCode: {
    INVALID_INPUT: 'Some of the input is not valid. Check it and try again.',
    UNKNOWN_ENDPOINT: 'Internal error: a feature that does not exist was requested. Please update the app.',
    FORBIDDEN: 'This is not allowed. Choose the file again with “Open file…”.',
    NO_OPEN_FILE: 'No region file is open. Open or create one first.',
    FILE_NOT_FOUND: '“{{file}}” was not found. It may have been moved, renamed or deleted.',
    FILE_REFUSED: '“{{file}}” cannot be opened.',
    FILE_EXISTS: '“{{file}}” already exists. Choose another name, or open the existing file.',
    NOT_SUPPORTED: 'This is not available when RegionPlan runs this way.',
    CANCELLED: 'Cancelled.',
    CONFLICT: 'The data was changed by another action. Refresh and try again.',
    READ_ONLY: '“{{file}}” is still being checked in full and is read-only until the check passes. Try again in a moment.',
    NOT_WRITTEN:
      'Your last change to “{{file}}” is saved, but the figures it changed could not be written out yet (is the disk full, or the file locked by another program?). Free some space or close the other program, then try again; they are also written when the file next opens.',
    NOT_FOUND: 'The data you were working on was not found; it may have been deleted.',
    INTERNAL:
      'Something unexpected went wrong. Your data is saved up to the last change; if this keeps happening, send the technical details to support.',
  },
  refusal: {
    empty: '“{{file}}” is empty; it is not a region file.',
    not_sqlite: '“{{file}}” is not a RegionPlan region file and cannot be opened. Check that you picked the right file.',
    foreign: '“{{file}}” is another program’s database, not a RegionPlan region file.',
    newer_schema: '“{{file}}” was saved by a newer version of RegionPlan. Update the app to the latest version, then open it again.',
    corrupt: '“{{file}}” is damaged and cannot be opened. Restore it from a backup, or ask a colleague for a fresh copy.',
    truncated: '“{{file}}” is incomplete (a copy or download was probably interrupted). Restore it from a backup, or copy it again.',
    wrong_extension: '“{{file}}” is not a region file: region files end in .rplan.',
    is_directory: '“{{file}}” is a folder, not a region file.',
    not_regular: '“{{file}}” is not a regular file (a pipe, a device or a socket), so it cannot be opened as a region file.',
    unreadable: '“{{file}}” cannot be read. Check the file’s permissions, or whether another program has it locked.',
    inconsistent_schema: '“{{file}}” says it has an older format than the tables it holds (another program or an older version changed it), so it cannot be upgraded safely and is not opened. The file was not changed; restore it from a backup.',
  },
};
