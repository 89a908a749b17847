import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  HqRefusal, closeHqStore, confirmRegion, consolidatedModel, createHqStore, openHqStore, readNationalTargets, receivePaths, regionTargetInputs, reopenRegion, returnRegion, setTargets, statusBoard,
  type HqStore, type HqTarget,
} from '../core/hq';
import { writeConsolidatedWorkbook } from '../core/io/hqWorkbook';
import { regionTargetFileName, writeRegionTargetFile } from '../core/io/hqTargets';
import { installationSigner } from '../core/io/planPackage';
import { RETURN_EXTENSION, writeReturnFile } from '../core/io/planReturn';
import { translate } from '../../shared/i18n';
import { HQ_EXTENSION, type Decision } from '../../shared/hq';
import { DISPLAY_UNITS, LANGUAGES, type DisplayUnit, type Language } from '../../shared/units';
import { AlreadyReported, UsageError } from './errors';
import { DEFAULT_STATE_DIR } from './submit';

// `hq …`: head office's workspace on the command line. HQ is a .rplanhq file or
// `--postgres URL`. Exit 0 ok, 1 an error, 2 when a package is refused (each refusal's
// reason key and words on stderr).

const percent = (text: string | undefined, flag: string): number | undefined => {
  if (text === undefined) return undefined;
  const n = Number(text.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${flag} must be a percentage 0–100, not ${text}`);
  return n / 100;
};

function targetOf(positionals: string[], postgres: string | undefined): { target: HqTarget; rest: string[] } {
  if (postgres !== undefined) return { target: { kind: 'postgres', url: postgres }, rest: positionals };
  const [file, ...rest] = positionals;
  if (!file) throw new UsageError('HQ: a .rplanhq file or --postgres URL is required');
  return { target: { kind: 'sqlite', path: resolve(file) }, rest };
}

async function withStore<T>(target: HqTarget, fn: (store: HqStore) => Promise<T>): Promise<T> {
  const store = await openHqStore(target);
  try {
    return await fn(store);
  } finally {
    await closeHqStore(store);
  }
}

const wan = (cents: number) => (cents / 1_000_000).toFixed(2);
const pct = (f: number | null) => (f === null ? '-' : `${(f * 100).toFixed(1)}%`);

function printDecision(d: Decision, file: string): void {
  process.stdout.write(`${d.regionName} revision ${d.revision}: ${d.verdict} by ${d.decidedBy} at ${d.decidedAt}${d.comment ? ` (${d.comment})` : ''}\n`);
  process.stdout.write(`return file for the region: ${file}\n`);
}

/** The signed return file's path in `dir`: region, year, revision and the answer, e.g. 華東大區-2027-r2-returned.rplanret. */
const returnFilePath = (dir: string, d: Decision) => join(dir, `${d.regionName.replace(/[\\/:*?"<>|]/g, '_')}-${d.planYear}-r${d.revision}-${d.verdict}${RETURN_EXTENSION}`);

export async function runHq(argv: string[]): Promise<number> {
  const [sub, ...args] = argv;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      postgres: { type: 'string' },
      year: { type: 'string' },
      regions: { type: 'string' },
      tolerance: { type: 'string' },
      cap: { type: 'string' },
      due: { type: 'string' },
      name: { type: 'string' },
      'accept-new-key': { type: 'boolean', default: false },
      register: { type: 'boolean', default: false },
      by: { type: 'string' },
      lang: { type: 'string', default: 'zh-Hant' },
      json: { type: 'boolean', default: false },
      comment: { type: 'string' },
      out: { type: 'string' },
      xlsx: { type: 'string' },
      in: { type: 'string' },
      unit: { type: 'string', default: 'wan' },
      'state-dir': { type: 'string' },
    },
  });
  const language = values.lang as Language;
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, not ${values.lang}`);
  const by = values.by ?? userInfo().username;
  const { target, rest } = targetOf(positionals, values.postgres);
  try {
    switch (sub) {
      case 'init': {
        if (rest.length > 0) throw new UsageError(`hq init takes one FILE or --postgres URL, not ${rest.join(' ')}`);
        if (target.kind === 'sqlite' && !target.path.endsWith(HQ_EXTENSION)) throw new UsageError(`the workspace file's name ends with ${HQ_EXTENSION}`);
        const year = Number(values.year);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year must be a year, not ${values.year ?? 'missing'}`);
        if (values.due !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.due)) throw new UsageError(`--due must be YYYY-MM-DD, not ${values.due}`);
        const store = await createHqStore(target, {
          planYear: year, name: values.name, regions: values.regions?.split(/[,，]/), tolerance: percent(values.tolerance, '--tolerance'),
          expenseCap: percent(values.cap, '--cap') ?? null, dueDate: values.due ?? null,
        });
        await closeHqStore(store);
        process.stdout.write(`head-office workspace for ${year} created${target.kind === 'sqlite' ? `: ${target.path}` : ' on the PostgreSQL server'}\n`);
        return 0;
      }
      case 'receive': {
        if (rest.length === 0) throw new UsageError('hq receive takes PKG… or DIR…');
        const receipts = await withStore(target, (store) =>
          receivePaths(store, rest.map((p) => resolve(p)), { by, acceptNewKey: values['accept-new-key'], registerRegion: values.register, language }),
        );
        for (const r of receipts) {
          if (r.verdict === 'accepted') process.stdout.write(`${r.fileName}: accepted: ${r.message}\n`);
          else process.stderr.write(`${r.fileName}: refused (${r.reason}): ${r.message}\n`);
        }
        if (receipts.length === 0) process.stderr.write('no .rplanpkg found\n');
        return receipts.some((r) => r.verdict === 'refused') ? 2 : 0;
      }
      case 'status': {
        const board = await withStore(target, (store) => statusBoard(store));
        if (values.json) {
          process.stdout.write(`${JSON.stringify(board, null, 2)}\n`);
          return 0;
        }
        const t = (key: string, params?: Record<string, string | number>) => translate(language, key, params);
        const c = board.cycle;
        const lines = [`${c.name} · ${c.planYear} · tolerance ${pct(c.tolerance)} · cap ${pct(c.expenseCap)}${c.dueDate ? ` · due ${c.dueDate}` : ''}`];
        lines.push(['region', 'state', 'rev', 'received at', 'plan (萬元)', 'target (萬元)', 'gap', 'expense ratio', 'late'].join('\t'));
        for (const r of board.regions) {
          const gap = r.targetCents > 0 ? (r.planCents - r.targetCents) / r.targetCents : null;
          lines.push(
            [r.regionName, t(`hq.state.${r.state}`), r.revision ?? '-', r.receivedAt ?? '-', wan(r.planCents), wan(r.targetCents), pct(gap), pct(r.expenseRatio), r.late ? 'LATE' : ''].join('\t'),
          );
          for (const w of r.warnings) lines.push(`\t! ${t(`hq.warning.${w.key}`, w.params)}`);
        }
        process.stdout.write(`${lines.join('\n')}\n`);
        return 0;
      }
      case 'return':
      case 'confirm':
      case 'reopen': {
        if (rest.length !== 1) throw new UsageError(`hq ${sub} takes one REGION, not ${rest.join(' ') || 'none'}`);
        const region = rest[0];
        if (sub === 'return' && !values.comment?.trim()) throw new UsageError('hq return needs --comment TEXT saying what to change');
        const outDir = resolve(values.out ?? '.');
        const signer = sub === 'reopen' ? null : installationSigner(resolve(values['state-dir'] ?? DEFAULT_STATE_DIR));
        let file = '';
        // The region's signed answer is written before the decision commits: no decision without its file.
        const write = (d: Decision) => {
          file = returnFilePath(outDir, d);
          writeReturnFile(d, signer!, file);
        };
        await withStore(target, async (store) => {
          if (sub === 'return') printDecision(await returnRegion(store, region, { by, comment: values.comment!, language, write }), file);
          else if (sub === 'confirm') printDecision(await confirmRegion(store, region, { by, comment: values.comment, language, write }), file);
          else {
            await reopenRegion(store, region, { by, comment: values.comment, language });
            process.stdout.write(`${region}: reopened\n`);
          }
        });
        return 0;
      }
      case 'targets': {
        // --in: head office's target by region × month from its file; --out: one target
        // file per region, for the region's 總部目標 import.
        if (!values.out && !values.in) throw new UsageError('hq targets takes --in FILE (set the targets) and/or --out DIR (write the regions\' target files)');
        if (values.in) {
          const rows = await readNationalTargets(resolve(values.in));
          const count = await withStore(target, (store) => setTargets(store, rows, language));
          process.stdout.write(`${count} targets set from ${values.in}\n`);
        }
        if (!values.out) return 0;
        const dir = resolve(values.out);
        mkdirSync(dir, { recursive: true });
        await withStore(target, async (store) => {
          const { inputs, skipped } = await regionTargetInputs(store);
          for (const input of inputs) {
            const written = writeRegionTargetFile(input, join(dir, regionTargetFileName(input)), { language });
            process.stdout.write(`${input.regionName}: ${written.path}\n`);
          }
          for (const name of skipped) process.stdout.write(`${name}: no file (no package received yet, or no target set)\n`);
        });
        return 0;
      }
      case 'export': {
        if (!values.xlsx) throw new UsageError('hq export needs --xlsx OUT for the consolidated workbook');
        const unit = values.unit as DisplayUnit;
        if (!(DISPLAY_UNITS as readonly string[]).includes(unit)) throw new UsageError(`--unit must be one of ${DISPLAY_UNITS.join(', ')}, not ${values.unit}`);
        await withStore(target, async (store) => {
          const written = writeConsolidatedWorkbook(await consolidatedModel(store), resolve(values.xlsx!), { unit, language });
          process.stdout.write(`${written.path} (${written.bytes} bytes)\n`);
        });
        return 0;
      }
      default:
        throw new UsageError(`hq takes init, receive, status, return, confirm, reopen, targets or export, not ${sub ?? 'nothing'}`);
    }
  } catch (e) {
    if (e instanceof HqRefusal) {
      process.stderr.write(`${e.reason}: ${e.message}\n`);
      throw new AlreadyReported(e.message);
    }
    throw e;
  }
}
