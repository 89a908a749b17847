import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../shared/errors';
import type { DemoSize } from '../core/jobs/types';
import { DEMO } from '../core/handlers';
import { runJobHere } from '../core/jobs/run';
import { fileReport, type FileReport } from '../core/services/fileReport';
import { AlreadyReported, UsageError, isRefusal } from './errors';
import { HQ_USAGE } from './hqUsage';

// regionplan <command>: head office's batch work and the benchmarks, over the core.
// Exit 0 on success, 2 when a file is refused, 1 on any other error; messages on stderr.
// Run by `npm run cli`, by the built out/main/cli.js and by the installed app's --cli.
// `package verify` and `submit answer` exit 2 for a refused package or return file, like any refused file.

const USAGE = `usage: npm run cli -- <command> [options]

commands:
  demo --size typical|large|tiny --out FILE [--seed N] [--region NAME] [--year YYYY]
                 generate a deterministic demo region
  info FILE      region, year, schema version, row counts per table, integrity
  check FILE     like info, for scripts: exit 0 when the file is healthy and current,
                 2 with the reasons when it is not
  new FILE --region NAME --year YYYY [--unit yuan|wan|yi]
                 create an empty region file, as the app's 新建 does (refuses an
                 existing FILE; the display unit defaults to wan)
  import KIND FILE --into REGION_FILE [--col FIELD=HEADER ...] [--mapping NAME]
         [--save-mapping NAME] [--encoding E] [--sheet S] [--header-row N]
         [--date-order ymd|dmy|mdy] [--date-system 1900|1904] [--amount-unit yuan|wan]
         [--rounding round|refuse] [--source NAME] [--replace-other-sources]
         [--skip-unknown] [--dry-run] [--create-unknown [--default ATTRIBUTE=NAME ...]]
                 import actuals from a CSV, XLSX or XLS file into the region file;
                 KIND is sales, market, audit, visit, statement or expense.
                 Columns: --col FIELD=HEADER names a field's column (the wizard's
                 field keys, e.g. period, customer, sku, amount, volume; the header as
                 written, else as the wizard matches headers; --col FIELD= leaves the
                 field out); the rest come from the saved mapping NAME of the region
                 file, else are matched by header text. --save-mapping NAME keeps the
                 columns and read options used in the region file (after the import;
                 not with --dry-run), where the wizard and --mapping NAME find them.
                 All or nothing: any bad row lists the problems on stderr
                 (FILE:ROW: ...) and nothing is written (exit 1). Rows naming customers,
                 SKUs etc. the region does not have are errors unless --skip-unknown.
                 The source: --source, else the --save-mapping or --mapping name, else
                 the file name's pattern with dates and digits as * (sales_202603.csv
                 → sales_*), so each month's file of one export is one source.
                 Importing the same source for the same months again replaces those
                 rows; rows of another source with the same key are overwritten only
                 with --replace-other-sources (else exit 2, naming them).
                 --dry-run checks the file and says what the import would do.
                 --create-unknown creates every customer, SKU, store… the region does
                 not have, each taking its city, channel, salesperson (customers, stores)
                 or brand, category, pack size, price (SKUs) from the file's columns,
                 else from --default (e.g. --default city=蘇州市 --default channel=經銷商);
                 cities, channels, brands and categories those name are created too
                 (cities find their province in the national list, else --default
                 province=NAME). It prints what it created, per kind.
                 --encoding: utf-8, gbk (gb18030), utf-16le, utf-16be (default: detected)
                 --rounding: amounts with more decimals than cents are rounded half
                 away from zero to the cent (round, the default; the file's and the
                 imported totals are printed) or refused as errors (refuse).
                 Two-digit years (with --date-order dmy or mdy): 00-69 are 20xx.
  report FILE --pptx OUT [--doc review|plan] [--version NAME] [--lang zh-Hant|zh-Hans|en]
                 write the annual review (the default) or the plan as a PowerPoint deck
                 with native, editable charts, as the app's 總結與導出 exports it: the
                 shown slides in the manager's arrangement of the version (--version
                 NAME, default the working plan), in the language given (default
                 zh-Hant). The region file is only read; OUT is replaced if it exists.
  submit FILE --out DIR [--version NAME] [--state-dir DIR]
                 submit the plan to head office, as the app's 報送總部 does: run the
                 pre-submission check (exit 1 with its errors, nothing written), take
                 the frozen snapshot 報總部 第N版 yyyy-mm-dd of the version (default the
                 working plan), write the signed plan package (.rplanpkg) and the plan
                 workbook (.xlsx) into DIR, and log the submission in the region file.
                 The signing key is the installation's, kept in --state-dir (default
                 ~/.regionplan-web, the web host's).
  submit answer FILE RETURN_FILE [--lang zh-Hant|zh-Hans|en]
                 record head office's signed answer (.rplanret: returned with a
                 comment, or confirmed) in the region file's submission log, as the
                 app's 打開總部回覆… does: the file must be whole, answer a package this
                 region sent (region, year, revision, package id) and, after the first
                 answer pinned head office's key, be signed by that key. Exit 0 when
                 recorded (the same answer again changes nothing), 2 when refused, with
                 the reason key and words on stderr.
  package verify PKG [--pin FINGERPRINT] [--lang zh-Hant|zh-Hans|en] [--json]
                 open a plan package (.rplanpkg) as head office will: the zip's
                 entries, the signature (with --pin: by that key only), every file's
                 hash, the SQLite copy's integrity, application id and schema, and
                 the control totals (docs/plan-package.md). Exit 0 when it would be
                 accepted, 2 when refused, with the reason key and words on stderr.
${HQ_USAGE}
examples: a new region file, then head office's scripted monthly import of an ERP export
  npm run cli -- new 華東大區-2027.rplan --region 華東大區 --year 2027
  npm run cli -- import sales ERP銷售_2027-03.csv --into 華東大區-2027.rplan \\
      --col period="Order Date" --col customer="Customer ID" --col sku="Item No" \\
      --col amount="Net Sales" --col volume="Qty" --save-mapping "ERP 銷售明細"
  # every month after: the saved columns and options, the same source (a month
  # imported again replaces that month's rows of the source)
  npm run cli -- import sales ERP銷售_2027-04.csv --into 華東大區-2027.rplan --mapping "ERP 銷售明細"
`;

function printReport(r: FileReport): void {
  const lines = [
    `file:            ${r.path}`,
    `region:          ${r.regionName}`,
    `region id:       ${r.regionId}`,
    `plan year:       ${r.planYear}`,
    `schema version:  ${r.schemaVersion}${r.needsMigration ? ' (older: opening it in the app migrates it after a backup)' : ''}`,
    `size:            ${(r.sizeBytes / 1024 / 1024).toFixed(1)} MB`,
    `integrity:       ${r.integrity === 'ok' ? 'ok' : r.integrity.join('; ')}`,
    'rows:',
    ...Object.entries(r.rowCounts).map(([t, n]) => `  ${t.padEnd(22)} ${String(n).padStart(10)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: {
          size: { type: 'string', default: 'typical' },
          out: { type: 'string' },
          seed: { type: 'string', default: String(DEMO.seed) },
          region: { type: 'string', default: DEMO.regionName },
          year: { type: 'string', default: String(DEMO.planYear) },
        },
      });
      const size = values.size as DemoSize;
      if (!['tiny', 'typical', 'large'].includes(size)) throw new UsageError(`--size must be typical, large or tiny, not ${values.size}`);
      if (!values.out) throw new UsageError('--out FILE is required');
      const seed = Number(values.seed);
      const year = Number(values.year);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, not ${values.seed}`);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year must be a year, not ${values.year}`);
      const out = resolve(values.out);
      if (existsSync(out)) throw new AppError('FILE_EXISTS', `${out}: already exists; choose another --out or remove it`);
      const started = Date.now();
      let lastPct = -1;
      await runJobHere(
        { kind: 'demo', size, seed, regionName: values.region, planYear: year, out },
        (done, total) => {
          const pct = Math.floor((done / Math.max(total, 1)) * 100);
          if (pct !== lastPct && pct % 10 === 0 && process.stderr.isTTY) process.stderr.write(`\r  ${pct}%`);
          lastPct = pct;
        },
        () => false,
      );
      if (process.stderr.isTTY) process.stderr.write('\r');
      process.stderr.write(`demo region (${size}, seed ${seed}) written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    case 'new': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { region: { type: 'string' }, year: { type: 'string' }, unit: { type: 'string' } },
      });
      if (positionals.length > 1) throw new UsageError(`new takes one FILE, not ${positionals.join(' ')}`);
      const { runNew } = await import('./newRegion');
      return runNew({ file: positionals[0], region: values.region, year: values.year, unit: values.unit });
    }
    case 'info':
    case 'check': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw new UsageError(`${command} takes one FILE`);
      const report = await fileReport(resolve(positionals[0]));
      if (command === 'info') {
        printReport(report);
        if (report.integrity === 'ok') return 0;
        process.stderr.write(`${report.path}: damaged (${report.integrity.slice(0, 3).join('; ')}); the app refuses it: restore it from a backup\n`);
        return 2;
      }
      const reasons = [
        ...(report.integrity === 'ok' ? [] : report.integrity.map((p) => `integrity: ${p}`)),
        ...(report.needsMigration ? [`schema ${report.schemaVersion} is older than this version's; open it in the app to migrate it`] : []),
      ];
      if (reasons.length > 0) {
        process.stderr.write(`${report.path}: not ok\n${reasons.map((r) => `  - ${r}`).join('\n')}\n`);
        return 2;
      }
      process.stdout.write(`${report.path}: ok (${report.regionName} ${report.planYear}, schema ${report.schemaVersion})\n`);
      return 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          into: { type: 'string' },
          mapping: { type: 'string' },
          encoding: { type: 'string' },
          sheet: { type: 'string' },
          'header-row': { type: 'string' },
          'date-order': { type: 'string' },
          'date-system': { type: 'string' },
          'amount-unit': { type: 'string' },
          rounding: { type: 'string' },
          source: { type: 'string' },
          'skip-unknown': { type: 'boolean', default: false },
          'dry-run': { type: 'boolean', default: false },
          col: { type: 'string', multiple: true },
          'save-mapping': { type: 'string' },
          'replace-other-sources': { type: 'boolean', default: false },
          'create-unknown': { type: 'boolean', default: false },
          default: { type: 'string', multiple: true },
        },
      });
      if (positionals.length > 2) throw new UsageError(`import takes KIND and one FILE, not ${positionals.slice(2).join(' ')}`);
      // Loaded on use: the import engine and the workbook reader are not needed by the other commands.
      const { runImport } = await import('./importActuals');
      return runImport({
        kind: positionals[0],
        file: positionals[1],
        into: values.into,
        mapping: values.mapping,
        encoding: values.encoding,
        sheet: values.sheet,
        headerRow: values['header-row'],
        dateOrder: values['date-order'],
        dateSystem: values['date-system'],
        amountUnit: values['amount-unit'],
        rounding: values.rounding,
        source: values.source,
        skipUnknown: values['skip-unknown'],
        dryRun: values['dry-run'],
        cols: values.col,
        saveMapping: values['save-mapping'],
        replaceOtherSources: values['replace-other-sources'],
        createUnknown: values['create-unknown'],
        defaults: values.default ?? [],
      });
    }
    case 'report': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { pptx: { type: 'string' }, doc: { type: 'string' }, version: { type: 'string' }, lang: { type: 'string' } },
      });
      if (positionals.length > 1) throw new UsageError(`report takes one FILE, not ${positionals.join(' ')}`);
      // Loaded on use: the PowerPoint writer is not needed by the other commands.
      const { runReport } = await import('./report');
      return runReport({ file: positionals[0], pptx: values.pptx, doc: values.doc, version: values.version, lang: values.lang });
    }
    case 'submit': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { out: { type: 'string' }, version: { type: 'string' }, 'state-dir': { type: 'string' }, lang: { type: 'string' } },
      });
      if (positionals[0] === 'answer') {
        if (positionals.length !== 3) throw new UsageError(`submit answer takes FILE RETURN_FILE, not ${positionals.slice(1).join(' ') || 'nothing'}`);
        const { runSubmitAnswer } = await import('./submitAnswer');
        return runSubmitAnswer({ file: positionals[1], answer: positionals[2], lang: values.lang });
      }
      if (positionals.length > 1) throw new UsageError(`submit takes one FILE, not ${positionals.join(' ')}`);
      // Loaded on use: the package and workbook writers are not needed by the other commands.
      const { runSubmit } = await import('./submit');
      return runSubmit({ file: positionals[0], out: values.out, version: values.version, stateDir: values['state-dir'] });
    }
    case 'package': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { pin: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean', default: false } },
      });
      const [sub, file, ...more] = positionals;
      if (sub !== 'verify') throw new UsageError(`package takes verify PKG, not ${sub ?? 'nothing'}`);
      if (more.length > 0) throw new UsageError(`package verify takes one PKG, not ${positionals.slice(1).join(' ')}`);
      const { runPackageVerify } = await import('./packageVerify');
      return runPackageVerify({ file, pin: values.pin, lang: values.lang, json: values.json });
    }
    case 'hq': {
      // Loaded on use: head office's store (and the PostgreSQL driver) is not needed by the other commands.
      const { runHq } = await import('./hq');
      return runHq(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

/** Runs one command line and resolves its exit code; it never exits the process itself. */
export async function runCommandLine(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (e) {
    if (e instanceof UsageError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      return 1;
    }
    if (e instanceof AlreadyReported) return 1;
    const code = e instanceof AppError ? e.code : '';
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return code === 'FILE_REFUSED' || code === 'FILE_NOT_FOUND' || isRefusal(e) ? 2 : 1;
  }
}
