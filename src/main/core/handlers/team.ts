import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import {
  addRole, applyActions, applyTraining, listActions, removeActions, removeRole, removeTraining, seedFromMaster, setHeadcount, teamPlan,
} from '../services/team';

/** Issue 6: the team and training plan, and the action list (PDCA). */
export function registerTeam(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  const edit = <T>(fn: () => T): T => {
    const value = fn();
    session.touch();
    return value;
  };
  r.register('team.plan', () => teamPlan(sqlite()));
  r.register('team.setHeadcount', ({ cells }) => edit(() => (setHeadcount(sqlite(), cells), null)));
  r.register('team.addRole', ({ role, headcount, costPerHeadCents }) => edit(() => (addRole(sqlite(), role, headcount, costPerHeadCents), null)));
  r.register('team.removeRole', ({ role }) => edit(() => (removeRole(sqlite(), role), null)));
  r.register('team.seedFromMaster', () => edit(() => seedFromMaster(sqlite())));
  r.register('team.training.apply', ({ rows }) => edit(() => applyTraining(sqlite(), rows)));
  r.register('team.training.remove', ({ ids }) => edit(() => removeTraining(sqlite(), ids)));
  r.register('team.actions.list', ({ today }) => listActions(sqlite(), today));
  r.register('team.actions.apply', ({ rows }) => edit(() => applyActions(sqlite(), rows)));
  r.register('team.actions.remove', ({ ids }) => edit(() => removeActions(sqlite(), ids)));
}
