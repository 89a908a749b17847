import type { HandlerRegistry } from '../registry';
import {
  addRole, applyActions, applyTraining, listActions, removeActions, removeRole, removeTraining, seedFromMaster, setHeadcount, teamPlan,
} from '../services/team';

/** The team and training plan, and the action list (PDCA). */
export function registerTeam(r: HandlerRegistry): void {
  r.query('team.plan', (_, { db }) => teamPlan(db));
  r.command('team.setHeadcount', ({ cells }, { db }) => (setHeadcount(db, cells), null));
  r.command('team.addRole', ({ role, headcount, costPerHeadCents }, { db }) => (addRole(db, role, headcount, costPerHeadCents), null));
  r.command('team.removeRole', ({ role }, { db }) => (removeRole(db, role), null));
  r.command('team.seedFromMaster', (_, { db }) => seedFromMaster(db));
  r.command('team.training.apply', ({ rows }, { db }) => applyTraining(db, rows));
  r.command('team.training.remove', ({ ids }, { db }) => removeTraining(db, ids));
  r.query('team.actions.list', ({ today }, { db }) => listActions(db, today));
  r.command('team.actions.apply', ({ rows }, { db }) => applyActions(db, rows));
  r.command('team.actions.remove', ({ ids }, { db }) => removeActions(db, ids));
}
