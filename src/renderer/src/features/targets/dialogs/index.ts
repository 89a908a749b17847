// The Targets area's dialogs, used by the Targets page.
export { HoTargetDialog } from './HoTargetDialog';
export { VersionsDialog } from './VersionsDialog';
export { CompareDialog } from './CompareDialog';
export { SeasonalityDialog } from './SeasonalityDialog';
export { BalanceDialog } from './BalanceDialog';
export { ManualWeightsDialog } from './ManualWeightsDialog';
export { AddRowDialog, type AddRowResult } from './AddRowDialog';
