import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError, refusal, type MessageKey } from '../../../shared/errors';
import { safeFileName } from '../../../shared/fileNames';
import { translate } from '../../../shared/i18n';
import { HQ_EXTENSION } from '../../../shared/hq';
import {
  HqRefusal, confirmRegion, cycleOf, expensesByRegion, nationalByBrandCategory, nationalByChannel, nationalByRegionMonth, receivePaths,
  returnRegion, statusBoard, updateCycle,
} from '../hq';
import { receiptLog } from '../hq/log';
import { consolidatedModel, readNationalTargets, regionTargetInputs, setTargetCells, setTargets, targetGrid, terminalChannelView } from '../hq';
import { writeConsolidatedWorkbook } from '../io/hqWorkbook';
import { regionTargetFileName, writeRegionTargetFile } from '../io/hqTargets';
import { installationSigner } from '../io/planPackage';
import { RETURN_EXTENSION, writeReturnFile } from '../io/planReturn';
import { changeBetween, drillToRegions, regionPlan } from '../hq';
import { writeAtomically } from '../io/atomicWrite';
import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';

/** Who receives and decides: the OS account, as the receipt log and the return file name them. */
function whoAmI(): string {
  try {
    return userInfo().username || 'head office';
  } catch {
    return 'head office';
  }
}

/** Head office's refusals (a decision it cannot take) become a CONFLICT the UI words in its language. */
async function refusing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof HqRefusal) throw refusal('CONFLICT', `hq.reason.${e.reason}` as MessageKey, e.message, { params: e.params });
    throw e;
  }
}

/** 總部匯總: the head-office workspace, receiving packages, the board, decisions and the national views. */
export function registerHq(r: HandlerRegistry, session: Session): void {
  const host = session.host;
  const store = () => session.requireHq().store;

  r.query('hq.current', async () => ({ workspace: await session.hqSummary() }));
  r.query('hq.browse', ({ kind }) => host.browse(kind));
  r.query('hq.board', () => statusBoard(store()));
  r.query('hq.receipts', () => receiptLog(store()));
  r.query('hq.national', () => nationalByRegionMonth(store()));
  r.query('hq.byBrand', () => nationalByBrandCategory(store()));
  r.query('hq.byChannel', () => nationalByChannel(store()));
  r.query('hq.expenses', () => expensesByRegion(store()));

  r.asyncCommand('hq.create', async ({ path, planYear, name, regions, tolerance, expenseCap, dueDate }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseSavePath(`${safeFileName(name, 'hq')}-${planYear}${HQ_EXTENSION}`, 'hq');
    if (chosen === null) return null;
    if (!chosen.toLowerCase().endsWith(HQ_EXTENSION)) throw new AppError('INVALID_INPUT', `${chosen}: a head-office workspace's name ends in ${HQ_EXTENSION}`);
    return session.createHq(chosen, {
      planYear, name, regions,
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(expenseCap !== undefined ? { expenseCap } : {}),
      ...(dueDate !== undefined ? { dueDate } : {}),
    });
  });
  r.asyncCommand('hq.open', async ({ path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseOpenPath('hq');
    if (chosen === null) return null;
    if (!chosen.toLowerCase().endsWith(HQ_EXTENSION)) {
      throw new AppError('FILE_REFUSED', `${chosen}: not a head-office workspace (${HQ_EXTENSION})`, { reason: 'wrong_extension', path: chosen });
    }
    session.grant(chosen);
    return session.openHq(chosen);
  });
  r.asyncCommand('hq.close', async () => {
    await session.closeHq();
    return null;
  });

  r.asyncCommand('hq.receive', async ({ paths, acceptNewKey, registerRegion }) => {
    const s = store();
    let chosen: string[];
    if (paths !== undefined) {
      chosen = paths.map((p) => session.assertMayUse(p));
    } else {
      const picked = await host.choosePackagePaths();
      if (picked === null) return null;
      chosen = picked;
    }
    const sayso = acceptNewKey !== undefined || registerRegion !== undefined;
    // Head office's say-so is for the one package file it looked at, never a whole folder.
    if (sayso && (!existsSync(chosen[0]) || !statSync(chosen[0]).isFile())) {
      throw new AppError('INVALID_INPUT', `${chosen[0]}: accepting a new key or registering a region applies to one package file, not a folder`, { path: chosen[0] });
    }
    const receipts = await receivePaths(s, chosen, {
      by: whoAmI(), language: session.state.language,
      ...(acceptNewKey !== undefined ? { acceptKey: acceptNewKey } : {}),
      ...(registerRegion ? { registerRegion: true } : {}),
    });
    // A refused file may be received again with head office's say-so: the window names it by its path.
    for (const receipt of receipts) if (receipt.verdict === 'refused') session.grant(receipt.path);
    return receipts;
  });

  r.asyncCommand('hq.return', async ({ region, comment }) => {
    const s = store();
    const language = session.state.language;
    const decision = await refusing(() => returnRegion(s, region, { by: whoAmI(), comment, language }));
    const cycle = await cycleOf(s.db);
    // `<region> <year> 第N版 回覆.rplanret`, in the user's language, where the host puts exports.
    const name = translate(language, 'hqUi.returnFileName', { region: decision.regionName, year: cycle.planYear, revision: decision.revision });
    const out = await host.chooseExportPath(`${safeFileName(name, 'return')}${RETURN_EXTENSION}`);
    if (out === null) return { decision, returnPath: null };
    writeReturnFile(decision, installationSigner(host.stateDir), out);
    return { decision, returnPath: out };
  });
  r.asyncCommand('hq.exportWorkbook', async ({ path }) => {
    const s = store();
    const language = session.state.language;
    const model = await consolidatedModel(s);
    const name = translate(language, 'hqUi.workbookFileName', { name: model.cycleName, year: model.planYear });
    const out = path !== undefined ? session.assertMayUse(path) : await host.chooseExportPath(`${safeFileName(name, 'hq')}.xlsx`);
    if (out === null) return null;
    writeConsolidatedWorkbook(model, out, { unit: 'wan', language });
    return { path: out };
  });
  r.asyncCommand('hq.importTargets', async ({ path }) => {
    const chosen = path !== undefined ? session.assertMayUse(path) : await host.chooseImportPath();
    if (chosen === null) return null;
    let rows;
    try {
      rows = await readNationalTargets(chosen);
    } catch (e) {
      // The file's own problems (a missing column, bad rows) are the user's to fix: say them as they are.
      throw new AppError('INVALID_INPUT', e instanceof Error ? e.message : String(e), { path: chosen });
    }
    const count = await refusing(() => setTargets(store(), rows, session.state.language));
    return { count };
  });
  r.asyncCommand('hq.exportTargets', async () => {
    const { inputs, skipped } = await regionTargetInputs(store());
    if (inputs.length === 0) return { paths: [], skipped };
    // One folder for all of them, not a save dialog per region: a file of the same
    // region's name there is an older target file, replaced.
    const folder = await host.chooseExportFolder();
    if (folder === null) return { paths: [], skipped };
    const paths: string[] = [];
    for (const input of inputs) {
      const out = join(folder, regionTargetFileName(input));
      writeRegionTargetFile(input, out, { language: session.state.language });
      paths.push(out);
    }
    return { paths, skipped };
  });
  r.asyncCommand('hq.confirm', async ({ region }) =>
    refusing(() => confirmRegion(store(), region, { by: whoAmI(), language: session.state.language })),
  );

  // A workspace on a PostgreSQL server: the URL (password and all) goes to the session's
  // connection and nowhere else; what comes back names the server without the password.
  r.asyncCommand('hq.createOnServer', async ({ url, planYear, name, regions, tolerance, expenseCap, dueDate }) =>
    session.createHqServer(url, {
      planYear, name, regions,
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(expenseCap !== undefined ? { expenseCap } : {}),
      ...(dueDate !== undefined ? { dueDate } : {}),
    }),
  );
  r.asyncCommand('hq.openServer', async ({ url }) => session.openHqServer(url));
  r.asyncCommand('hq.updateSettings', async ({ name, tolerance, expenseCap, dueDate }) => {
    await updateCycle(store(), {
      ...(name !== undefined ? { name } : {}),
      ...(tolerance !== undefined ? { tolerance } : {}),
      ...(expenseCap !== undefined ? { expenseCap } : {}),
      ...(dueDate !== undefined ? { dueDate } : {}),
    });
    return (await session.hqSummary())!;
  });
  r.query('hq.targetGrid', () => targetGrid(store()));
  r.asyncCommand('hq.setTargetCells', async ({ cells }) => ({ count: await refusing(() => setTargetCells(store(), cells, session.state.language)) }));
  r.query('hq.terminalChannel', () => terminalChannelView(store()));
  r.query('hq.drill', (filter) => drillToRegions(store(), filter));
  r.query('hq.regionPlan', ({ region, cut, filter }) => refusing(() => regionPlan(store(), region, cut, filter ?? {}, session.state.language)));
  r.query('hq.change', ({ from, to }) => {
    const now = new Date().toISOString();
    return changeBetween(store(), from === 'now' ? now : from, to === 'now' ? now : to);
  });
  r.asyncCommand('hq.savePng', async ({ fileName, dataUrl }) => {
    const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    // The bytes must be a PNG, whatever the data URL says: its eight-byte signature and an IHDR chunk first.
    if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
      throw new AppError('INVALID_INPUT', 'dataUrl: the image is not a PNG');
    }
    const name = safeFileName(fileName, 'chart').replace(/\.png$/i, '');
    const out = await host.chooseExportPath(`${name}.png`);
    if (out === null) return null;
    writeAtomically(out, bytes);
    return { path: out };
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
