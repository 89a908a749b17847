import { closeHqStore, openHqStore, receivePackage } from '../../../src/main/core/hq';

// One analyst's process: receives the packages named, one after the other, into the
// PostgreSQL workspace at the URL, and prints each verdict as a JSON line.

const [url, who, ...files] = process.argv.slice(2);
const store = await openHqStore({ kind: 'postgres', url });
try {
  for (const f of files) {
    const r = await receivePackage(store, f, { by: who });
    process.stdout.write(`${JSON.stringify({ file: f, verdict: r.verdict, reason: r.reason, packageId: r.packageId, rows: r.factRows })}\n`);
  }
} finally {
  await closeHqStore(store);
}
