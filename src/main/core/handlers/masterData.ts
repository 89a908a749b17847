import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import {
  addGeography, applyMasterRows, geoCatalog, listMaster, masterUsage, removeMaster, type MasterInputRow,
} from '../services/masterData';

export function registerMasterData(r: HandlerRegistry, session: Session): void {
  r.register('master.list', ({ entity }) => listMaster(session.requireFile(), entity));
  r.register('master.apply', ({ entity, rows, label }) => {
    const ids = applyMasterRows(session.requireFile(), entity, rows as MasterInputRow[], label);
    session.touch();
    return { ids };
  });
  r.register('master.usage', ({ entity, ids }) => masterUsage(session.requireFile(), entity, ids));
  r.register('master.remove', ({ entity, ids, mode, targetId }) => {
    const result = removeMaster(session.requireFile(), entity, ids, mode, targetId);
    session.touch();
    return result;
  });
  r.register('master.geoCatalog', () => geoCatalog());
  r.register('master.addGeography', ({ codes, script }) => {
    const result = addGeography(session.requireFile(), codes, script);
    session.touch();
    return result;
  });
}
