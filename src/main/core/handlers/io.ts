import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { safeFileName } from '../../../shared/fileNames';
import { catalogs } from '../../../shared/i18n';
import { isEntityName } from '../../../shared/masterData';
import { writeExport } from '../io/exportFile';
import { readDataRows } from '../io/dataFile';
import { commitImport, listMappings, previewImport, readOptionsOf, saveMapping } from '../io/importRows';
import { masterExportTable } from '../io/masterExport';
import '../io/masterDestinations';
import '../io/hoTargetImport';
import { requireDestination } from '../io/destinations';
import { actualKindOfDestination, DEFAULT_ACTUALS_READ_OPTIONS } from '../../../shared/actuals';
import type { EndpointParsedInput } from '../../../shared/contract';
import type { ImportCommitResult, ImportPreview, ImportDestinationInfo } from '../../../shared/importTypes';
import { actualsDestinationInfo } from '../io/actuals/fields';
import { runActualsJob } from './actualsJob';
import { inspectForImport } from '../io/actuals/reader';
import type { ActualsJobRequest } from '../io/actuals/request';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { regionSummary } from '../services/region';
import { defaultSourceOf } from '../../../shared/sourceName';

/** The fields of any destination: an actuals kind, or one the registry knows (master data, head office's target). */
function destinationInfo(destination: string): ImportDestinationInfo {
  const kind = actualKindOfDestination(destination);
  return kind ? actualsDestinationInfo(kind) : requireDestination(destination).info;
}

function actualsRequest(path: string, input: EndpointParsedInput<'import.preview'>): ActualsJobRequest {
  return {
    path,
    encoding: input.encoding,
    sheet: input.sheet,
    headerRow: input.headerRow,
    destination: input.destination,
    mapping: input.mapping,
    options: input.options ?? DEFAULT_ACTUALS_READ_OPTIONS,
    source: input.source ?? defaultSourceOf(basename(path)),
    resolutions: input.resolutions ?? [],
    ...(input.replaceOtherSources ? { replaceOtherSources: true } : {}),
    ...(input.bulk ? { bulk: input.bulk } : {}),
  };
}

/** The import wizard's endpoints and table exports. */
export function registerIo(r: HandlerRegistry, session: Session): void {
  const host = session.host;

  r.asyncCommand('import.chooseFile', async () => {
    const path = await host.chooseImportPath();
    if (path === null) return null;
    session.grant(path);
    return { path, fileName: basename(path) };
  });

  r.query('import.inspect', ({ path, ...options }) => inspectForImport(session.assertMayUse(path), options));

  r.query('import.destination', ({ destination }) => destinationInfo(destination));

  // Actuals imports run as jobs on their own connection (progress, cancel); the
  // small imports of master data and head office's target run here.
  // The file is read (a workbook in the workbook worker) before the rows are checked or written.
  r.query('import.preview', async (input, { db }) => {
    const path = session.assertMayUse(input.path);
    if (actualKindOfDestination(input.destination)) {
      return runActualsJob<ImportPreview>(session, { kind: 'actualsImport', mode: 'preview', request: actualsRequest(path, input) }, 'job.importCheck');
    }
    const data = await readDataRows(path, readOptionsOf(input));
    return previewImport(db, data, input);
  });

  r.asyncCommand('import.commit', async (input, ctx) => {
    const path = session.assertMayUse(input.path);
    if (actualKindOfDestination(input.destination)) {
      const result = await runActualsJob<ImportCommitResult>(session, { kind: 'actualsImport', mode: 'commit', request: actualsRequest(path, input) }, 'job.importWrite');
      ctx.wrote();
      return result;
    }
    const data = await readDataRows(path, readOptionsOf(input));
    return ctx.edit(({ db }) => commitImport(db, data, input));
  });

  r.query('import.mappings', ({ destination }, { db }) => {
    destinationInfo(destination);
    return listMappings(db, destination);
  });

  r.command('import.saveMapping', ({ destination, name, columns, options }, { db }) => {
    const keys = destinationInfo(destination).fields.map((f) => f.key);
    return saveMapping(db, destination, name, columns, keys, actualKindOfDestination(destination) ? options : undefined);
  });

  r.query('export.table', async ({ entity, format }, { db, file }) => {
    if (!isEntityName(entity)) throw new AppError('INVALID_INPUT', `no master-data table ${entity}`, { issues: [{ path: 'entity', message: 'unknown entity' }] });
    const summary = regionSummary(db, file.path);
    const messages = catalogs[session.state.language];
    const entityLabel = messages.masterData.entity[entity];
    const suggested = safeFileName(`${entityLabel}-${summary.regionName}-${summary.planYear}.${format}`.replace(/--+/g, '-'), 'export');
    const path = await host.chooseExportPath(suggested);
    if (path === null) return null;
    const table = masterExportTable(db, entity, messages);
    writeExport(path, format, table.headers, table.rows, entityLabel);
    return { path, rowCount: table.rows.length };
  });
}
