import type { HandlerRegistry } from '../registry';
import {
  addCustomCity, addGeography, applyMasterRows, geoCatalog, listMaster, masterUsage, removeMaster, type MasterInputRow,
} from '../services/masterData';

/** Master data: the region's dimensions, their uses, removal with reassign or merge, and the geography. */
export function registerMasterData(r: HandlerRegistry): void {
  r.query('master.list', ({ entity }, { db }) => listMaster(db, entity));
  r.command('master.apply', ({ entity, rows, label }, { db, touch }) => ({
    ids: applyMasterRows(db, entity, rows as MasterInputRow[], label, () => touch('actuals', 'analysis')),
  }));
  r.query('master.usage', ({ entity, ids }, { db }) => masterUsage(db, entity, ids));
  r.command('master.remove', ({ entity, ids, mode, targetId }, { db }) => removeMaster(db, entity, ids, mode, targetId));
  r.query('master.geoCatalog', () => geoCatalog());
  r.command('master.addGeography', ({ codes, script }, { db }) => addGeography(db, codes, script));
  r.command('master.addCustomCity', (input, { db }) => addCustomCity(db, input));
}
