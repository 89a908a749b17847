import type {
  CompareResult, TargetDim, TargetMeasure, TargetNode, TargetSummary, TargetTreeResult,
} from '../../../../shared/endpoints/targets';
import { AppError } from '../../../../shared/errors';
import { Memo } from '../../db/changes';
import type { ReadDb } from '../../db/handle';
import type { RegionFile } from '../../db/regionFile';
import { workingVersionId } from '../../repos/planVersions';
import { salesByMonth } from '../../repos/region';
import { CUBE_READS, MONTHS, targetCache, type TargetCache, type TargetRefs, type VersionCube } from './model';
import { lockMask, readLocks } from './locks';
import { hoTargetRows, listVersions } from './versions';

// Reading the cube: the tree at any hierarchy, the gap check, and versions side by side.

/** Nodes the first answer may hold before deeper levels are left to load on expand. */
const EAGER_NODES = 600;

/** The cube's value of a cell in the contract's unit (cents for amount). */
function unitScale(measure: TargetMeasure): number {
  return measure === 'amount' ? 100 : 1;
}

interface Acc {
  path: number[];
  months: Float64Array;
  lastYear: Float64Array;
  cells: number;
  lockedCells: number;
  monthCells: Uint32Array;
  monthLocked: Uint32Array;
}

function newAcc(path: number[]): Acc {
  return {
    path,
    months: new Float64Array(MONTHS),
    lastYear: new Float64Array(MONTHS),
    cells: 0,
    lockedCells: 0,
    monthCells: new Uint32Array(MONTHS),
    monthLocked: new Uint32Array(MONTHS),
  };
}

function toNode(refs: TargetRefs, levels: readonly TargetDim[], acc: Acc, scale: number, hasChildren: boolean, childrenLoaded: boolean): TargetNode {
  const depth = acc.path.length - 1;
  const dim = levels[depth];
  const id = acc.path[depth];
  const l = refs.label(dim, id);
  const lockedMonths: number[] = [];
  for (let m = 0; m < MONTHS; m++) if (acc.monthCells[m] > 0 && acc.monthLocked[m] === acc.monthCells[m]) lockedMonths.push(m + 1);
  return {
    path: acc.path,
    depth,
    dim,
    code: l.code,
    label: l.label,
    months: Array.from(acc.months, (v) => v * scale),
    lastYear: Array.from(acc.lastYear),
    hasChildren,
    childrenLoaded,
    lock: acc.lockedCells === 0 ? 'none' : acc.lockedCells === acc.cells ? 'all' : 'some',
    lockedMonths,
  };
}

/** Combos under a path (a prefix of the levels); all combos for []. */
export function combosUnder(refs: TargetRefs, levels: readonly TargetDim[], path: readonly number[]): Int32Array {
  if (path.length === 0) {
    const all = new Int32Array(refs.n);
    for (let c = 0; c < refs.n; c++) all[c] = c;
    return all;
  }
  const cols = path.map((_, d) => refs.dimColumn(levels[d]));
  const out: number[] = [];
  outer: for (let c = 0; c < refs.n; c++) {
    for (let d = 0; d < path.length; d++) if (cols[d][c] !== path[d]) continue outer;
    out.push(c);
  }
  return Int32Array.from(out);
}

/** A combo counts in a tree when the version has a row for it or it sold in the reference year. */
function shown(cube: VersionCube, refs: TargetRefs, c: number): boolean {
  const base = c * MONTHS;
  for (let m = 0; m < MONTHS; m++) if (cube.rowId[base + m] > 0 || refs.lyAmount[base + m] !== 0) return true;
  return false;
}

export function targetTree(
  db: ReadDb,
  cache: TargetCache,
  versionId: number,
  levels: readonly TargetDim[],
  measure: TargetMeasure,
  parent: readonly number[] | null,
): TargetTreeResult {
  const refs = cache.refs;
  const cube = cache.cube(db, versionId);
  const values = cube.values(measure);
  const ly = measure === 'amount' ? refs.lyAmount : refs.lyVolume;
  const scale = unitScale(measure);
  const locked = lockMask(refs, readLocks(db, refs, versionId));
  const start = parent ?? [];
  if (start.length >= levels.length) return { nodes: [], total: emptyTotal(), seeded: cube.present > 0 };
  const combos = combosUnder(refs, levels, start);
  const cols = levels.map((d) => refs.dimColumn(d));

  const total = newAcc([]);
  // Cells add into the deepest node of their line only; the levels above are summed
  // from their children afterwards (a few thousand nodes, not a million cells).
  const maxDepth = levels.length;
  const byDepth: Map<string, Acc>[] = Array.from({ length: maxDepth }, () => new Map());
  const parentOf = new Map<Acc, Acc>();
  for (let i = 0; i < combos.length; i++) {
    const c = combos[i];
    if (!shown(cube, refs, c)) continue;
    const base = c * MONTHS;
    let key = '';
    let parentAcc = total;
    let acc = total;
    for (let d = start.length; d < maxDepth; d++) {
      const id = cols[d][c];
      key += `${id}/`;
      acc = byDepth[d].get(key) as Acc;
      if (!acc) {
        acc = newAcc([...(d === start.length ? start : parentAcc.path), id]);
        byDepth[d].set(key, acc);
        parentOf.set(acc, parentAcc);
      }
      parentAcc = acc;
    }
    for (let m = 0; m < MONTHS; m++) {
      const k = base + m;
      const has = cube.rowId[k] > 0 ? 1 : 0;
      const lk = has && locked[k] ? 1 : 0;
      acc.months[m] += values[k];
      acc.lastYear[m] += ly[k];
      acc.cells += has;
      acc.lockedCells += lk;
      acc.monthCells[m] += has;
      acc.monthLocked[m] += lk;
    }
  }
  for (let d = maxDepth - 1; d >= start.length; d--) {
    for (const acc of byDepth[d].values()) {
      const up = parentOf.get(acc) as Acc;
      for (let m = 0; m < MONTHS; m++) {
        up.months[m] += acc.months[m];
        up.lastYear[m] += acc.lastYear[m];
        up.monthCells[m] += acc.monthCells[m];
        up.monthLocked[m] += acc.monthLocked[m];
      }
      up.cells += acc.cells;
      up.lockedCells += acc.lockedCells;
    }
  }

  // From the top, fill levels while the answer stays small; under a parent, one level.
  let until = start.length;
  let count = 0;
  const limit = parent === null ? EAGER_NODES : 1;
  for (let d = start.length; d < maxDepth; d++) {
    count += byDepth[d].size;
    if (d > start.length && (parent !== null || count > limit)) break;
    until = d;
  }
  const nodes: TargetNode[] = [];
  const sortKey = (acc: Acc) => refs.label(levels[acc.path.length - 1], acc.path[acc.path.length - 1]).sort;
  // Depth-first, parents before children, siblings by the dimension's order.
  const children = new Map<string, Acc[]>();
  for (let d = start.length; d <= until; d++) {
    for (const acc of byDepth[d].values()) {
      const parentKey = acc.path.slice(0, -1).join('/');
      let list = children.get(parentKey);
      if (!list) children.set(parentKey, (list = []));
      list.push(acc);
    }
  }
  for (const list of children.values()) list.sort((a, b) => sortKey(a) - sortKey(b));
  const visit = (parentKey: string) => {
    for (const acc of children.get(parentKey) ?? []) {
      const d = acc.path.length - 1;
      const hasChildren = d < maxDepth - 1;
      nodes.push(toNode(refs, levels, acc, scale, hasChildren, hasChildren && d < until));
      if (d < until) visit(acc.path.join('/'));
    }
  };
  visit(start.join('/'));
  return {
    nodes,
    total: { months: Array.from(total.months, (v) => v * scale), lastYear: Array.from(total.lastYear) },
    seeded: cube.present > 0,
  };
}

function emptyTotal(): TargetTreeResult['total'] {
  return { months: new Array<number>(MONTHS).fill(0), lastYear: new Array<number>(MONTHS).fill(0) };
}

/** Per month (1–12) of a year, the sales whose gross profit is not known. */
function noGpByMonth(db: ReadDb, year: number): number[] {
  const out = new Array<number>(MONTHS).fill(0);
  for (const r of salesByMonth(db, year)) out[(r.period % 100) - 1] = r.amountNoGpCents;
  return out;
}

export function targetSummary(db: ReadDb, cache: TargetCache, versionId: number): TargetSummary {
  const refs = cache.refs;
  const cube = cache.cube(db, versionId);
  const zero = () => new Array<number>(MONTHS).fill(0);
  const plan = { amountCents: zero(), volume: zero(), grossProfitCents: zero(), newProductCents: zero() };
  const lastYear = { amountCents: zero(), volume: zero(), grossProfitCents: zero() };
  // SKUs whose cost is not known add no gross profit; the summary says how many and how much.
  const costMissingSkus = new Set<number>();
  let costMissingCents = 0;
  for (let c = 0; c < refs.n; c++) {
    const sku = refs.sku.data[c];
    const margin = refs.skuMargin[sku] ?? 0;
    const known = !Number.isNaN(margin);
    const isNew = refs.skuNew[sku] === 1;
    for (let m = 0; m < MONTHS; m++) {
      const k = c * MONTHS + m;
      const a = cube.amount[k] * 100;
      plan.amountCents[m] += a;
      plan.volume[m] += cube.volume[k];
      if (known) plan.grossProfitCents[m] += a * margin;
      else if (a !== 0) {
        costMissingSkus.add(sku);
        costMissingCents += a;
      }
      if (isNew) plan.newProductCents[m] += a;
      lastYear.amountCents[m] += refs.lyAmount[k];
      lastYear.volume[m] += refs.lyVolume[k];
      lastYear.grossProfitCents[m] += refs.lyGross[k];
    }
  }
  // Gross profit from SKU margins is a derived figure: whole 元.
  plan.grossProfitCents = plan.grossProfitCents.map((v) => Math.round(v / 100) * 100);
  const ho = hoTargetRows(db);
  return {
    versionId,
    seeded: cube.present > 0,
    cellCount: cube.present,
    plan,
    ho: {
      amountCents: ho.map((r) => r.amount_cents),
      volume: ho.map((r) => r.volume),
      grossProfitCents: ho.map((r) => r.gross_profit_cents),
      newProductCents: ho.map((r) => r.new_product_cents),
    },
    // Last year's gross profit is over the sales whose gross profit is known; these are the rest.
    lastYear: { ...lastYear, amountNoGpCents: noGpByMonth(db, refs.lastYear) },
    lastYearOf: refs.lastYear,
    costMissing: { skus: costMissingSkus.size, amountCents: costMissingCents },
  };
}

/** Versions side by side: monthly totals and the totals by one dimension's members. */
export function compareVersions(
  db: ReadDb,
  cache: TargetCache,
  versionIds: readonly number[],
  dim: TargetDim,
  measure: TargetMeasure,
): CompareResult {
  const all = listVersions(db, cache);
  const versions = versionIds.map((id) => {
    const v = all.find((x) => x.id === id);
    if (!v) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
    return v;
  });
  const refs = cache.refs;
  const cubes = versions.map((v) => cache.cube(db, v.id));
  const scale = unitScale(measure);
  const col = refs.dimColumn(dim);
  const monthly = cubes.map(() => new Array<number>(MONTHS).fill(0));
  const byId = new Map<number, number[]>();
  for (let c = 0; c < refs.n; c++) {
    let row = byId.get(col[c]);
    cubes.forEach((cube, v) => {
      const values = cube.values(measure);
      let sum = 0;
      for (let m = 0; m < MONTHS; m++) {
        const x = values[c * MONTHS + m];
        monthly[v][m] += x * scale;
        sum += x;
      }
      if (sum !== 0) {
        if (!row) byId.set(col[c], (row = new Array<number>(cubes.length).fill(0)));
        row[v] += sum * scale;
      }
    });
  }
  const rows = [...byId.entries()]
    .map(([id, values]) => ({ id, ...refs.label(dim, id), values }))
    .sort((a, b) => a.sort - b.sort)
    .map(({ id, code, label, values }) => ({ id, code, label, values }));
  return { versions, monthly, rows };
}


/** The working plan's sales and gross-profit targets by month (cents): what the expense budget's ratios are taken of. */
export interface PlanTargets {
  sales: number[];
  grossProfit: number[];
  /** Planned SKUs whose cost is not known: not in grossProfit. */
  costMissingSkus: number;
}

const planTargetsMemo = new Memo<PlanTargets>(CUBE_READS, 4);

/** The working plan's monthly targets, kept while the cube's areas are unchanged (an expense edit keeps them). */
export function planTargets(file: RegionFile, db: ReadDb): PlanTargets {
  const versionId = workingVersionId(db);
  return planTargetsMemo.get(file.changes, String(versionId), () => {
    const s = targetSummary(db, targetCache(file, db), versionId);
    return { sales: s.plan.amountCents, grossProfit: s.plan.grossProfitCents, costMissingSkus: s.costMissing.skus };
  });
}
