export { addRole, removeRole, seedFromMaster, setHeadcount, teamPlan, DEFAULT_COST_PER_HEAD_YUAN } from './headcount';
export { applyTraining, removeTraining } from './training';
export { applyActions, listActions, removeActions } from './actions';
