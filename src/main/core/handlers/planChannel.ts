import type { HandlerRegistry } from '../registry';
import {
  applyChanges, applyFills, applyProspects, channelPlan, removeChanges, removeFills, removeProspects, signProspect,
} from '../services/plan/channel';

/** 渠道客戶建設規劃: the channel customer plan of a version (read), and its edits on the working plan. */
export function registerPlanChannel(r: HandlerRegistry): void {
  r.query('plan.channel.get', (input, { db }) => channelPlan(db, input));
  r.command('plan.channel.fills.apply', ({ rows }, { db }) => applyFills(db, rows));
  r.command('plan.channel.fills.remove', ({ ids }, { db }) => removeFills(db, ids));
  r.command('plan.channel.prospects.apply', ({ rows }, { db }) => applyProspects(db, rows));
  r.command('plan.channel.prospects.remove', ({ ids }, { db }) => removeProspects(db, ids));
  r.command('plan.channel.prospects.sign', ({ id }, { db }) => (signProspect(db, id), null));
  r.command('plan.channel.changes.apply', ({ rows }, { db }) => applyChanges(db, rows));
  r.command('plan.channel.changes.remove', ({ ids }, { db }) => removeChanges(db, ids));
}
