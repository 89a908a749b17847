import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Insertable, Selectable } from 'kysely';
import type { Receipt, ReceiveOptions } from '../../../shared/hq';
import { translate } from '../../../shared/i18n';
import { PACKAGE_EXTENSION, type PackageManifest } from '../../../shared/submit';
import { phaseTracer } from '../trace';
import type { Db } from './dialect';
import { preparePackage, type PreparedPackage } from './prepare';
import { workerPreparer, type PackagePreparer } from './prepareThread';
import type { HqDatabase } from './schema';
import { cycleOf, type HqStore } from './store';
import { replaceTerminalChannel } from './terminalChannel';

// Receiving a plan package: the package's own checks (verifyPlanPackage, the receiver's
// checks of docs/plan-package.md), then head office's, in order: the plan year, the
// region, its pinned key, a confirmed region, a replayed package, a revision not newer
// than the accepted one, a revision that does not replace the accepted one, a package
// issued before the accepted one. Every verdict goes to the receipt log; an accepted
// package replaces the region's previous revision in the same transaction, so a
// refusal, or a failure half-way, changes nothing but the log. The package's own checks
// need no workspace (prepare.ts): a receive of many packages runs them for the next
// package on a worker thread while this one is checked and loaded here, in file order.

interface Refusal {
  reason: string;
  params: Record<string, string | number>;
}

type RegionRow = Selectable<HqDatabase['region']>;

const words = (language: ReceiveOptions['language'], r: Refusal): string => translate(language ?? 'zh-Hant', `hq.reason.${r.reason}`, r.params);

/** Head office's own checks, in order, inside the receipt's transaction (so two receivers see each other's work). */
async function hqChecks(
  trx: Db,
  m: PackageManifest,
  fingerprint: string,
  options: ReceiveOptions,
): Promise<Refusal | { region: RegionRow | null; bind: boolean; newKeyOver: string | null }> {
  const cycle = await cycleOf(trx);
  if (m.planYear !== cycle.planYear) return { reason: 'wrongYear', params: { year: m.planYear, cycleYear: cycle.planYear } };

  let region = (await trx.selectFrom('region').selectAll().where('id', '=', m.region.id).executeTakeFirst()) ?? null;
  let bind = false;
  if (!region) {
    const byName = await trx.selectFrom('region').selectAll().where('name', '=', m.region.name).executeTakeFirst();
    if (byName && byName.id === null) {
      region = byName;
      bind = true;
    } else if (byName || !options.registerRegion) {
      return { reason: byName && options.registerRegion ? 'regionNameTaken' : 'unknownRegion', params: { region: m.region.name } };
    }
  }
  if (!region) return { region: null, bind: false, newKeyOver: null };

  const keyChanged = region.fingerprint !== null && region.fingerprint !== fingerprint;
  if (keyChanged && !options.acceptNewKey && options.acceptKey !== fingerprint) {
    return { reason: 'keyChanged', params: { region: region.name, fingerprint, pinned: region.fingerprint! } };
  }
  if (region.state === 'confirmed') return { reason: 'regionConfirmed', params: { region: region.name, revision: region.revision ?? 0 } };
  const seen = await trx.selectFrom('package').select('package_id').where('package_id', '=', m.packageId).executeTakeFirst();
  if (seen) return { reason: 'replayed', params: { packageId: m.packageId } };
  if (region.package_id !== null && region.revision !== null) {
    const last = await trx.selectFrom('package').select(['revision', 'created_at']).where('package_id', '=', region.package_id).executeTakeFirstOrThrow();
    if (m.revision <= last.revision) return { reason: 'revisionNotNewer', params: { revision: m.revision, accepted: last.revision } };
    if (m.replaces !== last.revision) return { reason: 'skipsRevision', params: { revision: m.revision, replaces: m.replaces ?? '-', accepted: last.revision } };
    if (Date.parse(m.createdAt) < Date.parse(last.created_at)) return { reason: 'stale', params: { createdAt: m.createdAt, acceptedAt: last.created_at } };
  }
  return { region, bind, newKeyOver: keyChanged ? region.fingerprint : null };
}

async function logReceipt(
  trx: Db,
  row: Insertable<HqDatabase['receipt']>,
): Promise<number> {
  const r = await trx.insertInto('receipt').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

const chunks = <T>(rows: T[], size: number): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Receives one package file into the workspace; the verdict is also in the receipt log. */
export async function receivePackage(store: HqStore, path: string, options: ReceiveOptions): Promise<Receipt> {
  const dir = mkdtempSync(join(tmpdir(), 'rplan-hq-'));
  try {
    const copyPath = join(dir, 'plan.sqlite');
    return await receivePrepared(store, path, copyPath, await preparePackage(path, copyPath, options.language ?? 'zh-Hant'), options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Head office's checks and the load of a package already prepared (its verified copy at `copyPath`), in one transaction. */
async function receivePrepared(store: HqStore, path: string, copyPath: string, prepared: PreparedPackage, options: ReceiveOptions): Promise<Receipt> {
  const language = options.language ?? 'zh-Hant';
  const now = options.now ?? new Date().toISOString();
  const trace = phaseTracer('hq receive');
  const fileName = basename(path);
  const { fileSha, verified, extras } = prepared;
  const base = { received_at: now, received_by: options.by, file_name: fileName, file_sha256: fileSha, fingerprint: verified.fingerprint };
  if (verified.verdict !== 'ok' || !verified.manifest || !verified.fingerprint || !extras) {
    const reason = verified.reason ?? 'refused';
    const receiptId = await store.dialect.writing(store.db, (trx) =>
      logReceipt(trx, {
        ...base, package_id: null, region_key: null, region_name: null, revision: null, verdict: 'refused', reason, params: '{}', words: verified.message,
      }),
    );
    return {
      receiptId, fileName, path, verdict: 'refused', reason, params: {}, message: verified.message, regionName: null, revision: null, packageId: null,
      fingerprint: verified.fingerprint, factRows: 0,
    };
  }
  const m = verified.manifest;
  const fingerprint = verified.fingerprint;
  // Month 0 of the control totals is the year.
  const year = m.controlTotals.plan.find((r) => r.month === 0)!;
  const totals = {
    plan_cents: year.amountCents,
    volume: year.volume,
    gross_profit_cents: year.grossProfitCents,
    budget_cents: m.controlTotals.expenseBudget.find((r) => r.month === 0)!.amountCents,
  };
  return await store.dialect.receiving(store.db, copyPath, m.region.id, async (trx, load): Promise<Receipt> => {
    trace('lock');
    const checked = await hqChecks(trx, m, fingerprint, options);
    trace('head office\'s checks');
    const known = {
      ...base, package_id: m.packageId, region_name: m.region.name, revision: m.revision,
    };
    if ('reason' in checked) {
      const message = words(language, checked);
      const regionKey = (await trx.selectFrom('region').select('key').where('id', '=', m.region.id).executeTakeFirst())?.key ?? null;
      const receiptId = await logReceipt(trx, { ...known, region_key: regionKey, verdict: 'refused', reason: checked.reason, params: JSON.stringify(checked.params), words: message });
      return {
        receiptId, fileName, path, verdict: 'refused', reason: checked.reason, params: checked.params, message, regionName: m.region.name, revision: m.revision,
        packageId: m.packageId, fingerprint, factRows: 0,
      };
    }
    let regionKey: number;
    if (checked.region) {
      regionKey = Number(checked.region.key);
    } else {
      const order = await trx.selectFrom('region').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
      const inserted = await trx
        .insertInto('region')
        .values({ id: m.region.id, name: m.region.name, expected: 0, state: 'pending', sort_order: Number(order?.n ?? 0) + 1 })
        .returning('key')
        .executeTakeFirstOrThrow();
      regionKey = Number(inserted.key);
    }
    const rows = await load(regionKey);
    trace('plan rows');
    // Head office's say-so is part of the verdict's words, so the log keeps it beside the refusal it overrode.
    const message = [
      translate(language, 'hq.accepted', { region: m.region.name, revision: m.revision, rows }),
      ...(checked.region ? [] : [translate(language, 'hq.registered', { region: m.region.name })]),
      ...(checked.newKeyOver !== null ? [translate(language, 'hq.keyAccepted', { fingerprint, pinned: checked.newKeyOver })] : []),
    ].join(language === 'en' ? '; ' : '；');
    const receiptId = await logReceipt(trx, { ...known, region_key: regionKey, verdict: 'accepted', reason: null, params: '{}', words: message });
    await trx
      .insertInto('package')
      .values({
        package_id: m.packageId, region_key: regionKey, revision: m.revision, replaces: m.replaces, created_at: m.createdAt, received_at: now,
        receipt_id: receiptId, fingerprint, manifest: JSON.stringify(m), ...totals,
      })
      .execute();
    await trx
      .updateTable('region')
      .set({ id: m.region.id, fingerprint, public_key: m.signer.publicKey, state: 'submitted', package_id: m.packageId, revision: m.revision })
      .where('key', '=', regionKey)
      .execute();
    await trx.deleteFrom('plan_month').where('region_key', '=', regionKey).execute();
    await trx
      .insertInto('plan_month')
      .values(
        m.controlTotals.plan
          .filter((r) => r.month >= 1)
          .map((r) => ({ region_key: regionKey, month: r.month, amount_cents: r.amountCents, volume: r.volume, gross_profit_cents: r.grossProfitCents })),
      )
      .execute();
    await trx.deleteFrom('expense_fact').where('region_key', '=', regionKey).execute();
    for (const part of chunks(extras.expenses, 500)) {
      await trx.insertInto('expense_fact').values(part.map((e) => ({ region_key: regionKey, ...e }))).execute();
    }
    await replaceTerminalChannel(trx, regionKey, extras.terminalChannel);
    for (const part of chunks(extras.dims, 500)) {
      await trx.insertInto('dim').values(part).onConflict((oc) => oc.columns(['kind', 'code']).doNothing()).execute();
    }
    trace('log, package, region, months, expenses, dimensions');
    return {
      receiptId, fileName, path, verdict: 'accepted', reason: null, params: {}, message, regionName: m.region.name, revision: m.revision, packageId: m.packageId,
      fingerprint, factRows: rows,
    };
  });
}

/** The package files a path names: the file itself, or every .rplanpkg in a folder, in name order. */
export function packagesAt(path: string): string[] {
  if (existsSync(path) && statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((n) => n.toLowerCase().endsWith(PACKAGE_EXTENSION))
      .sort()
      .map((n) => join(path, n));
  }
  return [path];
}

/**
 * Receives each file, or each package of each folder, in that order. With more than one,
 * package n + 1 is prepared (verified, its copy read) on a worker thread while package n
 * is checked and loaded here; the receipts, their order and every verdict are those of
 * receiving the files one after the other: head office's checks, the load and the log of
 * each package run here, in file order, each in its own transaction.
 */
export async function receivePaths(store: HqStore, paths: string[], options: ReceiveOptions): Promise<Receipt[]> {
  const files = paths.flatMap(packagesAt);
  // One package: nothing to overlap, and no worker to start.
  if (files.length === 1) return [await receivePackage(store, files[0], options)];
  if (files.length === 0) return [];
  const language = options.language ?? 'zh-Hant';
  const dir = mkdtempSync(join(tmpdir(), 'rplan-hq-'));
  let ahead: PackagePreparer | null = null;
  try {
    ahead = workerPreparer();
    const worker = ahead;
    const copyOf = (i: number) => join(dir, `${i}.sqlite`);
    const prepared: (Promise<PreparedPackage> | undefined)[] = [];
    const ask = (i: number) => {
      if (i >= files.length || prepared[i] !== undefined) return;
      const p = worker.prepare(files[i], copyOf(i), language);
      // Awaited in its turn; a failure before then must not be reported as unhandled.
      p.catch(() => undefined);
      prepared[i] = p;
    };
    // The first package is prepared here while the worker starts and takes the second.
    ask(1);
    prepared[0] = preparePackage(files[0], copyOf(0), language);
    const out: Receipt[] = [];
    for (let i = 0; i < files.length; i++) {
      // The worker takes the next package as soon as it is done with this one.
      ask(i + 1);
      const ready = (await prepared[i])!;
      out.push(await receivePrepared(store, files[i], copyOf(i), ready, options));
      rmSync(copyOf(i), { force: true });
    }
    return out;
  } finally {
    // The worker is stopped before the folder of copies it may still be writing goes.
    await ahead?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
