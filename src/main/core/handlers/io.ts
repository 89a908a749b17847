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
import { actualKindOfTarget, DEFAULT_ACTUALS_READ_OPTIONS } from '../../../shared/actuals';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { ImportCommitResult, ImportPreview, ImportTargetInfo } from '../../../shared/importTypes';
import { statDataFile } from '../io/dataFile';
import { actualsTargetInfo } from '../io/actuals/fields';
import { runActualsJob } from '../io/actuals/job';
import { inspectLargeCsv } from '../io/actuals/reader';
import type { ActualsJobRequest } from '../io/actuals/request';

/** A CSV larger than this is sampled, not read whole, by the format step (its row count is then estimated). */
const SAMPLE_CSV_BYTES = 16 * 1024 * 1024;

/** The fields of any target: an actuals kind, or one the registry knows (master data, head office's target). */
function targetInfo(target: string): ImportTargetInfo {
  const kind = actualKindOfTarget(target);
  return kind ? actualsTargetInfo(kind) : requireTarget(target).info;
}

function actualsRequest(path: string, input: ChannelParsedInput<'import.preview'>): ActualsJobRequest {
  return {
    path,
    encoding: input.encoding,
    sheet: input.sheet,
    headerRow: input.headerRow,
    target: input.target,
    mapping: input.mapping,
    options: input.options ?? DEFAULT_ACTUALS_READ_OPTIONS,
    source: input.source ?? basename(path),
    resolutions: input.resolutions ?? [],
  };
}
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

  r.register('import.inspect', ({ path, ...options }) => {
    const p = session.assertMayUse(path);
    const { format, size } = statDataFile(p);
    return format === 'csv' && size > SAMPLE_CSV_BYTES ? inspectLargeCsv(p, options) : inspectDataFile(p, options);
  });

  r.register('import.target', ({ target }) => targetInfo(target));

  // Actuals imports run as jobs on their own connection (progress, cancel); the
  // small imports of master data and head office's target run here.
  r.register('import.preview', (input) => {
    const path = session.assertMayUse(input.path);
    if (actualKindOfTarget(input.target)) {
      return runActualsJob<ImportPreview>(session, { kind: 'actualsImport', mode: 'preview', request: actualsRequest(path, input) }, 'job.importCheck', false);
    }
    return previewImport(session.requireFile(), path, input);
  });

  r.register('import.commit', async (input) => {
    const path = session.assertMayUse(input.path);
    if (actualKindOfTarget(input.target)) {
      return runActualsJob<ImportCommitResult>(session, { kind: 'actualsImport', mode: 'commit', request: actualsRequest(path, input) }, 'job.importWrite', true);
    }
    const result = commitImport(session.requireFile(), path, input);
    session.touch();
    return result;
  });

  r.register('import.mappings', ({ target }) => {
    targetInfo(target);
    return listMappings(session.requireFile().sqlite, target);
  });

  r.register('import.saveMapping', ({ target, name, columns }) => {
    const saved = saveMapping(session.requireFile().sqlite, target, name, columns, targetInfo(target).fields.map((f) => f.key));
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
