import type { HandlerRegistry } from '../registry';
import {
  applyChanges, applyFills, applyProspects, channelPlan, removeChanges, removeFills, removeProspects, signProspect,
} from '../services/plan/channel';

/** 渠道客戶建設規劃: the channel customer plan of a version (read), and its edits on the working plan. */
export function registerPlanChannel(r: HandlerRegistry): void {
  r.query('planChannel.get', (input, { db }) => channelPlan(db, input));
  r.command('planChannel.fills.apply', ({ rows }, { db }) => applyFills(db, rows));
  r.command('planChannel.fills.remove', ({ ids }, { db }) => removeFills(db, ids));
  r.command('planChannel.prospects.apply', ({ rows }, { db }) => applyProspects(db, rows));
  r.command('planChannel.prospects.remove', ({ ids }, { db }) => removeProspects(db, ids));
  r.command('planChannel.prospects.sign', ({ id }, { db }) => (signProspect(db, id), null));
  r.command('planChannel.changes.apply', ({ rows }, { db }) => applyChanges(db, rows));
  r.command('planChannel.changes.remove', ({ ids }, { db }) => removeChanges(db, ids));
}
