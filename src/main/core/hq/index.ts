// Head office's core: the workspace (SQLite or PostgreSQL), receiving packages, the
// status board and decisions, national targets and the consolidated views.

export { HQ_APPLICATION_ID, HQ_FILE_EXTENSION, type HqTarget } from './dialect';
export { createHqStore, openHqStore, closeHqStore, cycleOf, updateCycle, type HqStore } from './store';
export { receivePackage, receivePaths, packagesAt } from './receive';
export { HqRefusal, findRegion, statusBoard, returnRegion, confirmRegion, reopenRegion, decisionsOf, setTargets } from './board';
export { nationalByRegionMonth, drillToRegions, nationalByBrandCategory, nationalByChannel, expensesByRegion, changeBetween, consolidatedModel } from './views';
export { regionTargetInputs } from './targetsOut';
export { readNationalTargets } from './targetsIn';
export { ServerProblem, serverProblemOf, checkServerForCreate, checkServerForOpen, type ServerProblemKind } from './server';
export { targetGrid, setTargetCells, spreadYear } from './targetGrid';
export { terminalChannelView, replaceTerminalChannel } from './terminalChannel';
export { regionPlan } from './regionPlan';
