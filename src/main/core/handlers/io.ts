import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import { catalogs } from '../../../shared/i18n';
import { isEntityName } from '../../../shared/masterData';
import { writeExport } from '../io/exportFile';
import { commitImport, listMappings, previewImport, saveMapping } from '../io/importRows';
import { masterExportTable } from '../io/masterExport';
import '../io/masterTargets';
import '../io/hoTargetImport';
import { requireTarget } from '../io/targets';
import { actualKindOfTarget, DEFAULT_ACTUALS_READ_OPTIONS } from '../../../shared/actuals';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { ImportCommitResult, ImportPreview, ImportTargetInfo } from '../../../shared/importTypes';
import { actualsTargetInfo } from '../io/actuals/fields';
import { runActualsJob } from '../io/actuals/job';
import { inspectForImport } from '../io/actuals/reader';
import type { ActualsJobRequest } from '../io/actuals/request';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';

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

  r.register('import.inspect', ({ path, ...options }) => inspectForImport(session.assertMayUse(path), options));

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

  r.register('import.saveMapping', ({ target, name, columns, options }) => {
    const keys = targetInfo(target).fields.map((f) => f.key);
    const saved = saveMapping(session.requireFile().sqlite, target, name, columns, keys, actualKindOfTarget(target) ? options : undefined);
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
