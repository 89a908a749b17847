import { performance } from 'node:perf_hooks';
import { importActuals } from '../../src/main/core/io/actuals/engine';
import type { ActualsJobRequest } from '../../src/main/core/io/actuals/request';
import type { ImportCommitResult } from '../../src/shared/importTypes';
import { peakRssMb } from '../measure';

// The measured side of `import-1m-gbk`, in its own process so that its peak RSS is the
// import's alone: node --import tsx bench/cases/importChild.ts REGION_FILE REQUEST_JSON
// Prints one JSON line: { ms, peakRssMb, result }. Only the importActuals call is timed.

const [regionPath, requestJson] = process.argv.slice(2);
if (!regionPath || !requestJson) {
  process.stderr.write('usage: importChild.ts REGION_FILE REQUEST_JSON\n');
  process.exit(1);
}
const request = JSON.parse(requestJson) as ActualsJobRequest;
const t0 = performance.now();
const result = (await importActuals(regionPath, 'commit', request, () => undefined, () => false)) as ImportCommitResult;
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ ms, peakRssMb: peakRssMb(), result })}\n`);
