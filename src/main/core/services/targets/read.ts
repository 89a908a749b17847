import type {
  CompareResult, TargetDim, TargetMeasure, TargetNode, TargetSummary, TargetTreeResult,
} from '../../../../shared/endpoints/targets';
import { AppError } from '../../../../shared/errors';
import { Memo } from '../../db/changes';
import type { ReadDb } from '../../db/handle';
import type { RegionFile } from '../../db/regionFile';
import { workingVersionId } from '../../repos/planVersions';
import { salesByMonth } from '../../repos/region';
import { CUBE_READS, deltasBetween, MONTHS, planSums, targetCache, type TargetCache, type TargetRefs, type VersionCube } from './model';
import { lockMask, readLocks } from './locks';
import { hoTargetRows, listVersions } from './versions';

// Reading the cube: the tree at any hierarchy, the gap check, and versions side by side.

/** Nodes the first answer may hold before deeper levels are left to load on expand. */
const EAGER_NODES = 600;

/** The cube's value of a cell in the contract's unit (cents for amount). */
function unitScale(measure: TargetMeasure): number {
  return measure === 'amount' ? 100 : 1;
}

/**
 * A hierarchy's nodes over the combos under a path: which deepest node each combo adds
 * into, each node's parent, path and children in the dimension's order. It depends only
 * on the refs (members and combos), not on any version's values, so it is built once per
 * hierarchy and the tree of every answer after it is a pass of typed-array additions.
 */
interface TreeLayout {
  /** refs.n when built: combos added since make it stale. */
  n: number;
  combos: Int32Array;
  /** Per entry of `combos`, its deepest node. */
  leaf: Int32Array;
  /** Per node: parent node (-1: the root), path, depth relative to the start. */
  parent: Int32Array;
  paths: number[][];
  depth: Int32Array;
  /** Children of each node in order (index nodes.length: the root's). */
  children: Int32Array[];
}

const LAYOUTS_KEPT = 24;
const layouts = new WeakMap<TargetRefs, Map<string, TreeLayout>>();

function treeLayout(refs: TargetRefs, levels: readonly TargetDim[], start: readonly number[]): TreeLayout {
  const key = `${levels.join(',')}|${start.join('/')}`;
  let kept = layouts.get(refs);
  if (!kept) layouts.set(refs, (kept = new Map()));
  const hit = kept.get(key);
  if (hit && hit.n === refs.n) {
    // Most recently used last.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const combos = combosUnder(refs, levels, start);
  const cols = levels.map((d) => refs.dimColumn(d));
  const leaf = new Int32Array(combos.length);
  const byKey = new Map<string, number>();
  const parent: number[] = [];
  const paths: number[][] = [];
  const depth: number[] = [];
  for (let i = 0; i < combos.length; i++) {
    const c = combos[i];
    let k = '';
    let up = -1;
    for (let d = start.length; d < levels.length; d++) {
      const id = cols[d][c];
      k += `${id}/`;
      let node = byKey.get(k);
      if (node === undefined) {
        node = paths.length;
        byKey.set(k, node);
        parent.push(up);
        paths.push([...(up < 0 ? start : paths[up]), id]);
        depth.push(d);
      }
      up = node;
    }
    leaf[i] = up;
  }
  const lists: number[][] = Array.from({ length: paths.length + 1 }, () => []);
  for (let node = 0; node < paths.length; node++) lists[parent[node] < 0 ? paths.length : parent[node]].push(node);
  const sortOf = (node: number) => refs.label(levels[depth[node]], paths[node][depth[node]]).sort;
  for (const list of lists) list.sort((x, y) => sortOf(x) - sortOf(y));
  const layout: TreeLayout = {
    n: refs.n,
    combos,
    leaf,
    parent: Int32Array.from(parent),
    paths,
    depth: Int32Array.from(depth),
    children: lists.map((l) => Int32Array.from(l)),
  };
  kept.set(key, layout);
  if (kept.size > LAYOUTS_KEPT) kept.delete(kept.keys().next().value as string);
  return layout;
}

/** Per node of a layout: the sums of one answer. */
interface Sums {
  months: Float64Array;
  lastYear: Float64Array;
  /** Combos shown under the node: a node without any is not in the answer. */
  shown: Uint32Array;
  cells: Uint32Array;
  lockedCells: Uint32Array;
  monthCells: Uint32Array;
  monthLocked: Uint32Array;
}

function toNode(refs: TargetRefs, levels: readonly TargetDim[], layout: TreeLayout, sums: Sums, node: number, scale: number, hasChildren: boolean, childrenLoaded: boolean): TargetNode {
  const depth = layout.depth[node];
  const path = layout.paths[node];
  const dim = levels[depth];
  const l = refs.label(dim, path[depth]);
  const base = node * MONTHS;
  const lockedMonths: number[] = [];
  const months = new Array<number>(MONTHS);
  const lastYear = new Array<number>(MONTHS);
  for (let m = 0; m < MONTHS; m++) {
    if (sums.monthCells[base + m] > 0 && sums.monthLocked[base + m] === sums.monthCells[base + m]) lockedMonths.push(m + 1);
    months[m] = sums.months[base + m] * scale;
    lastYear[m] = sums.lastYear[base + m];
  }
  const locked = sums.lockedCells[node];
  return {
    path,
    depth,
    dim,
    code: l.code,
    label: l.label,
    months,
    lastYear,
    hasChildren,
    childrenLoaded,
    lock: locked === 0 ? 'none' : locked === sums.cells[node] ? 'all' : 'some',
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

/**
 * The sums of a tree's deepest nodes (before the roll-up), kept per cache, version,
 * measure and layout at the file's state: the tree after an edit that only moved values
 * adds the moves in (a few thousand cells) instead of adding up every cell again. Cube
 * units are whole 元 and units, so the sums are exact in either order.
 */
interface KeptSums {
  cube: VersionCube;
  layout: TreeLayout;
  stamp: string;
  sums: Sums;
}
const SUMS_KEPT = 6;
const keptSums = new WeakMap<TargetCache, Map<string, KeptSums>>();
/** Per layout, each combo's place in `combos` (-1: not under the layout's start). */
const placesOf = new WeakMap<TreeLayout, Int32Array>();

function comboPlaces(layout: TreeLayout): Int32Array {
  let at = placesOf.get(layout);
  if (!at) {
    at = new Int32Array(layout.n).fill(-1);
    for (let i = 0; i < layout.combos.length; i++) at[layout.combos[i]] = i;
    placesOf.set(layout, at);
  }
  return at;
}

function leafSums(cache: TargetCache, key: string, cube: VersionCube, layout: TreeLayout, measure: TargetMeasure, locks: () => Uint8Array): Sums {
  let kept = keptSums.get(cache);
  if (!kept) keptSums.set(cache, (kept = new Map()));
  const hit = kept.get(key);
  kept.delete(key);
  if (hit && hit.cube === cube && hit.layout === layout && followTo(hit, cache.stamp, measure, cache.refs)) {
    kept.set(key, hit);
    return hit.sums;
  }
  const entry: KeptSums = { cube, layout, stamp: cache.stamp, sums: addUp(cube, cache.refs, layout, measure, locks()) };
  kept.set(key, entry);
  if (kept.size > SUMS_KEPT) kept.delete(kept.keys().next().value as string);
  return entry.sums;
}

/** Brings kept sums to the file's state `to` through the cube's value changes; false when it cannot. */
function followTo(kept: KeptSums, to: string, measure: TargetMeasure, refs: TargetRefs): boolean {
  if (kept.stamp === to) return true;
  const chain = deltasBetween(kept.cube, kept.stamp, to);
  if (!chain) return false;
  const places = comboPlaces(kept.layout);
  const { leaf } = kept.layout;
  const months = kept.sums.months;
  for (const d of chain) {
    const moved = measure === 'amount' ? d.amount : d.volume;
    for (let j = 0; j < d.cells.length; j++) {
      const k = d.cells[j];
      const c = Math.floor(k / MONTHS);
      const place = c < places.length ? places[c] : -1;
      // A value moves only on a cell with a row, whose combo is shown already.
      if (place < 0 || moved[j] === 0 || !shown(kept.cube, refs, c)) continue;
      months[leaf[place] * MONTHS + (k % MONTHS)] += moved[j];
    }
  }
  kept.stamp = to;
  return true;
}

/** Every cell added into the deepest node of its line. */
function addUp(cube: VersionCube, refs: TargetRefs, layout: TreeLayout, measure: TargetMeasure, locked: Uint8Array): Sums {
  const count = layout.paths.length;
  const values = cube.values(measure);
  const ly = measure === 'amount' ? refs.lyAmount : refs.lyVolume;
  const sums: Sums = {
    months: new Float64Array(count * MONTHS),
    lastYear: new Float64Array(count * MONTHS),
    shown: new Uint32Array(count),
    cells: new Uint32Array(count),
    lockedCells: new Uint32Array(count),
    monthCells: new Uint32Array(count * MONTHS),
    monthLocked: new Uint32Array(count * MONTHS),
  };
  const rowId = cube.rowId;
  const { combos, leaf } = layout;
  for (let i = 0; i < combos.length; i++) {
    const c = combos[i];
    if (!shown(cube, refs, c)) continue;
    const node = leaf[i];
    const base = c * MONTHS;
    const into = node * MONTHS;
    let cells = 0;
    let lockedCells = 0;
    for (let m = 0; m < MONTHS; m++) {
      const k = base + m;
      const has = rowId[k] > 0 ? 1 : 0;
      const lk = has && locked[k] ? 1 : 0;
      sums.months[into + m] += values[k];
      sums.lastYear[into + m] += ly[k];
      sums.monthCells[into + m] += has;
      sums.monthLocked[into + m] += lk;
      cells += has;
      lockedCells += lk;
    }
    sums.shown[node]++;
    sums.cells[node] += cells;
    sums.lockedCells[node] += lockedCells;
  }
  return sums;
}

function cloneSums(s: Sums): Sums {
  return {
    months: s.months.slice(),
    lastYear: s.lastYear.slice(),
    shown: s.shown.slice(),
    cells: s.cells.slice(),
    lockedCells: s.lockedCells.slice(),
    monthCells: s.monthCells.slice(),
    monthLocked: s.monthLocked.slice(),
  };
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
  const scale = unitScale(measure);
  const start = parent ?? [];
  if (start.length >= levels.length) return { nodes: [], total: emptyTotal(), seeded: cube.present > 0 };
  const layout = treeLayout(refs, levels, start);
  const count = layout.paths.length;
  const view = `${versionId}|${measure}|${levels.join(',')}|${start.join('/')}`;
  const sums = cloneSums(leafSums(cache, view, cube, layout, measure, () => lockMask(refs, readLocks(db, refs, versionId))));
  const totalMonths = new Float64Array(MONTHS);
  const totalLastYear = new Float64Array(MONTHS);
  // Children come after their parents in the layout: one backward pass rolls up.
  for (let node = count - 1; node >= 0; node--) {
    const up = layout.parent[node];
    const from = node * MONTHS;
    if (up < 0) {
      for (let m = 0; m < MONTHS; m++) {
        totalMonths[m] += sums.months[from + m];
        totalLastYear[m] += sums.lastYear[from + m];
      }
      continue;
    }
    const into = up * MONTHS;
    for (let m = 0; m < MONTHS; m++) {
      sums.months[into + m] += sums.months[from + m];
      sums.lastYear[into + m] += sums.lastYear[from + m];
      sums.monthCells[into + m] += sums.monthCells[from + m];
      sums.monthLocked[into + m] += sums.monthLocked[from + m];
    }
    sums.shown[up] += sums.shown[node];
    sums.cells[up] += sums.cells[node];
    sums.lockedCells[up] += sums.lockedCells[node];
  }

  // From the top, fill levels while the answer stays small; under a parent, one level.
  const maxDepth = levels.length;
  const perDepth = new Array<number>(maxDepth).fill(0);
  for (let node = 0; node < count; node++) if (sums.shown[node] > 0) perDepth[layout.depth[node]]++;
  let until = start.length;
  let seen = 0;
  const limit = parent === null ? EAGER_NODES : 1;
  for (let d = start.length; d < maxDepth; d++) {
    seen += perDepth[d];
    if (d > start.length && (parent !== null || seen > limit)) break;
    until = d;
  }
  const nodes: TargetNode[] = [];
  // Depth-first, parents before children, siblings by the dimension's order.
  const visit = (list: Int32Array) => {
    for (const node of list) {
      if (sums.shown[node] === 0) continue;
      const d = layout.depth[node];
      const hasChildren = d < maxDepth - 1;
      nodes.push(toNode(refs, levels, layout, sums, node, scale, hasChildren, hasChildren && d < until));
      if (d < until) visit(layout.children[node]);
    }
  };
  visit(layout.children[count]);
  return {
    nodes,
    total: { months: Array.from(totalMonths, (v) => v * scale), lastYear: Array.from(totalLastYear) },
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

/**
 * Last year's side of the summary: it depends on the actuals only, and the refs are built
 * again when they change, so it is summed once per refs.
 */
interface LastYearSums {
  amountCents: number[];
  volume: number[];
  grossProfitCents: number[];
  amountNoGpCents: number[];
}
const lastYearSums = new WeakMap<TargetRefs, LastYearSums>();

function lastYearOf(db: ReadDb, refs: TargetRefs): LastYearSums {
  const hit = lastYearSums.get(refs);
  if (hit) return hit;
  const amount = new Float64Array(MONTHS);
  const volume = new Float64Array(MONTHS);
  const gross = new Float64Array(MONTHS);
  const cells = refs.n * MONTHS;
  for (let k = 0; k < cells; k++) {
    const m = k % MONTHS;
    amount[m] += refs.lyAmount[k];
    volume[m] += refs.lyVolume[k];
    gross[m] += refs.lyGross[k];
  }
  const sums = { amountCents: Array.from(amount), volume: Array.from(volume), grossProfitCents: Array.from(gross), amountNoGpCents: noGpByMonth(db, refs.lastYear) };
  lastYearSums.set(refs, sums);
  return sums;
}

export function targetSummary(db: ReadDb, cache: TargetCache, versionId: number): TargetSummary {
  const refs = cache.refs;
  const cube = cache.cube(db, versionId);
  const sums = planSums(cache, cube);
  const amount = new Float64Array(MONTHS);
  const gross = new Float64Array(MONTHS);
  const newProduct = new Float64Array(MONTHS);
  // SKUs whose cost is not known add no gross profit; the summary says how many and how much.
  // (Plan cells are never negative, so a SKU with an amount in some cell has one in its month's sum.)
  let costMissingSkus = 0;
  let costMissingCents = 0;
  const skuCount = sums.bySku.length / MONTHS;
  for (let sku = 0; sku < skuCount; sku++) {
    const margin = refs.skuMargin[sku] ?? 0;
    const known = !Number.isNaN(margin);
    const isNew = refs.skuNew[sku] === 1;
    let missing = false;
    for (let m = 0; m < MONTHS; m++) {
      const a = sums.bySku[sku * MONTHS + m];
      if (a === 0) continue;
      amount[m] += a;
      // Each SKU's month once: its cents (exact) times its margin.
      if (known) gross[m] += a * margin;
      else {
        missing = true;
        costMissingCents += a;
      }
      if (isNew) newProduct[m] += a;
    }
    if (missing) costMissingSkus++;
  }
  const plan = {
    amountCents: Array.from(amount),
    volume: Array.from(sums.volume),
    // Gross profit from SKU margins is a derived figure: whole 元.
    grossProfitCents: Array.from(gross, (v) => Math.round(v / 100) * 100),
    newProductCents: Array.from(newProduct),
  };
  const ho = hoTargetRows(db);
  const ly = lastYearOf(db, refs);
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
    lastYear: { amountCents: [...ly.amountCents], volume: [...ly.volume], grossProfitCents: [...ly.grossProfitCents], amountNoGpCents: [...ly.amountNoGpCents] },
    lastYearOf: refs.lastYear,
    costMissing: { skus: costMissingSkus, amountCents: costMissingCents },
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
