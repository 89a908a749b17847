import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../src/main/core/db/migrations';
import { runJobHere } from '../src/main/core/jobs/run';
import { chartCustomers, chartSales } from './cases/analysis';
import { chartExpenses } from './cases/analysisExpenses';
import { chartPrices } from './cases/analysisPrices';
import { chartTerminals } from './cases/analysisTerminals';
import { chaptersOpenChannel } from './cases/chaptersChannel';
import { chaptersOpenWritten } from './cases/chaptersWritten';
import { chaptersOpenTerminal } from './cases/chaptersTerminal';
import { chaptersOpenProduct } from './cases/chaptersProduct';
import { chaptersOpenVariance } from './cases/chaptersVariance';
import { LARGE, demoLarge, openLarge } from './cases/foundation';
import { gridCustomersLarge, gridTerminalsLarge, paste1000 } from './cases/grid';
import { expenseReallocate } from './cases/expenses';
import { import1mGbk } from './cases/import';
import { reportPptxLarge } from './cases/report';
import { reportPdfLarge } from './cases/reportPdf';
import { presentNext } from './cases/present';
import { packageLarge } from './cases/package';
import { hqReceive50, hqReceive50Pg, hqView } from './cases/hq';
import { newPlanLarge, spreadMidLevel, spreadRegionTotal, targetsFirstOpen, targetsOpen } from './cases/targets';
import { workbookLarge } from './cases/workbook';
import { compareLarge, editWithVersionsLarge, scenarioLarge, snapshotLarge, undoSpreadLarge } from './cases/versions';
import type { BenchCase, BenchContext, BenchResult } from './types';

// npm run bench [-- --json] [--only PREFIX]
// Each case prints its own time and, where it has one, a baseline measured in the
// same run; the ratio is what to watch. Later issues append their cases here.

const CASES: BenchCase[] = [
  demoLarge, openLarge, paste1000, gridTerminalsLarge, gridCustomersLarge, spreadRegionTotal, spreadMidLevel, targetsOpen, import1mGbk, expenseReallocate,
  chartSales, chartCustomers, chartTerminals, chartPrices, chartExpenses,
  chaptersOpenChannel,
  chaptersOpenWritten,
  chaptersOpenTerminal,
  chaptersOpenProduct,
  chaptersOpenVariance,
  reportPptxLarge,
  reportPdfLarge,
  presentNext,
  workbookLarge,
  packageLarge,
  hqReceive50, hqReceive50Pg, hqView,
  targetsFirstOpen, snapshotLarge, scenarioLarge, compareLarge, undoSpreadLarge, editWithVersionsLarge, newPlanLarge,
];

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
const workDir = resolve('.bench');
mkdirSync(workDir, { recursive: true });

const largeRegionPath = join(workDir, `large-seed${LARGE.seed}-schema${SCHEMA_VERSION}.rplan`);
const ctx: BenchContext = {
  workDir,
  largeRegionPath,
  async largeRegion() {
    const path = largeRegionPath;
    if (!existsSync(path)) {
      if (!values.json) process.stderr.write(`generating the large demo region into ${path} (once)...\n`);
      const temp = `${path}.tmp.rplan`;
      rmSync(temp, { force: true });
      await runJobHere({ kind: 'demo', size: 'large', seed: LARGE.seed, regionName: LARGE.regionName, planYear: LARGE.planYear, out: temp }, () => undefined, () => false);
      renameSync(temp, path);
    }
    return path;
  },
};

const selected = CASES.filter((c) => !values.only || c.name.startsWith(values.only));
if (selected.length === 0) {
  process.stderr.write(`no case starts with "${values.only}"; cases: ${CASES.map((c) => c.name).join(', ')}\n`);
  process.exit(1);
}

const results: BenchResult[] = [];
for (const c of selected) {
  const r = await c.run(ctx);
  results.push(r);
  if (values.json) process.stdout.write(`${JSON.stringify(r)}\n`);
}

if (!values.json) {
  const rows = results.map((r) => [
    r.case,
    r.ours_ms.toFixed(1),
    r.baseline_ms === null ? '—' : r.baseline_ms.toFixed(1),
    r.ratio === null ? '—' : r.ratio.toFixed(2),
    r.peak_rss_mb === undefined ? '' : String(r.peak_rss_mb),
    [r.baseline, r.note].filter(Boolean).join('; '),
  ]);
  const head = ['case', 'ours ms', 'baseline ms', 'ratio', 'peak RSS MB', 'baseline / note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 5 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
}
