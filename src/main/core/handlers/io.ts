import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { catalogs } from '../../../shared/i18n';
import { isEntityName } from '../../../shared/masterData';
import { writeExport } from '../io/exportFile';
import { inspectDataFile } from '../io/dataFile';
import { commitImport, listMappings, previewImport, saveMapping } from '../io/importRows';
import { masterExportTable } from '../io/masterExport';
import '../io/masterTargets';
import '../io/hoTargetImport';
import { requireTarget } from '../io/targets';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';

function safeFileName(name: string): string {
  const cleaned = Array.from(name, (ch) => (/[\\/:*?"<>|]/.test(ch) || ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  return cleaned.trim() || 'export';
}

/** The import wizard's channels and table exports. */
export function registerIo(r: HandlerRegistry, session: Session): void {
  const host = session.host;

  r.register('import.chooseFile', async () => {
    const path = await host.chooseImportPath();
    if (path === null) return null;
    session.grant(path);
    return { path, fileName: basename(path) };
  });

  r.register('import.inspect', ({ path, ...options }) => inspectDataFile(session.assertMayUse(path), options));

  r.register('import.target', ({ target }) => requireTarget(target).info);

  r.register('import.preview', (input) => previewImport(session.requireFile(), session.assertMayUse(input.path), input));

  r.register('import.commit', (input) => {
    const file = session.requireFile();
    const result = commitImport(file, session.assertMayUse(input.path), input);
    session.touch();
    return result;
  });

  r.register('import.mappings', ({ target }) => {
    requireTarget(target);
    return listMappings(session.requireFile().sqlite, target);
  });

  r.register('import.saveMapping', ({ target, name, columns }) => {
    const saved = saveMapping(session.requireFile().sqlite, target, name, columns);
    session.touch();
    return saved;
  });

  r.register('export.table', async ({ entity, format }) => {
    if (!isEntityName(entity)) throw new AppError('INVALID_INPUT', `no master-data table ${entity}`, { issues: [{ path: 'entity', message: 'unknown entity' }] });
    const file = session.requireFile();
    const summary = session.summary();
    const messages = catalogs[session.state.language];
    const entityLabel = messages.masterData.entity[entity];
    const suggested = safeFileName(`${entityLabel}-${summary?.regionName ?? ''}-${summary?.planYear ?? ''}.${format}`.replace(/--+/g, '-'));
    const path = await host.chooseExportPath(suggested);
    if (path === null) return null;
    const table = masterExportTable(file, entity, messages);
    writeExport(path, format, table.headers, table.rows, entityLabel);
    return { path, rowCount: table.rows.length };
  });
}
