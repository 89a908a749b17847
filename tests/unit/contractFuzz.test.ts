import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inlineJobRunner } from '../../src/main/core/jobs/inline';
import { contract, ENDPOINT_NAMES, type EndpointName } from '../../src/shared/contract';
import { ERROR_CODES, type Result } from '../../src/shared/errors';
import { demoOpener, type RegistryCtx } from './helpers';

// Hostile and malformed calls to every endpoint of the contract, generated from its
// zod schema, through the registry every host calls (HandlerRegistry.invoke) on a real
// region file. Each call must come back as a Result: a refusal is a structured error
// (a known code other than INTERNAL, and a message) and leaves the file's data as it
// was; nothing throws; at the end the file is sound. The cases are a fixed sample
// (seeded), so a failure reproduces; the seed, the endpoint and the case's label are in
// every failure message.

const SEED = 0x5eed_2027;
/**
 * Cases per endpoint, drawn from all its schema yields (about 220 on average): the number
 * of endpoints times this bounds the run. FUZZ_CASES=100000 runs every case (a few minutes).
 */
const CASES_PER_ENDPOINT = Number(process.env.FUZZ_CASES ?? 48);

// ---- reading a zod 4 schema -------------------------------------------------------

interface SchemaNode {
  _zod: { def: SchemaDef };
}
interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}
interface SchemaDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, SchemaNode>;
  innerType?: SchemaNode;
  element?: SchemaNode;
  options?: SchemaNode[];
  items?: SchemaNode[];
  keyType?: SchemaNode;
  valueType?: SchemaNode;
  entries?: Record<string, string | number>;
  values?: unknown[];
  defaultValue?: unknown;
  in?: SchemaNode;
}

const defOf = (s: unknown): SchemaDef => (s as SchemaNode)._zod.def;

interface Limits {
  min?: number;
  max?: number;
  /** Number: the bound is exclusive. */
  minOpen?: boolean;
  int?: boolean;
  patterns: RegExp[];
}

function limitsOf(d: SchemaDef): Limits {
  const out: Limits = { patterns: [] };
  for (const c of d.checks ?? []) {
    const k = c._zod.def;
    if (k.check === 'min_length') out.min = k.minimum;
    else if (k.check === 'max_length') out.max = k.maximum;
    else if (k.check === 'greater_than') [out.min, out.minOpen] = [k.value, !k.inclusive];
    else if (k.check === 'less_than') out.max = k.value;
    else if (k.check === 'number_format') out.int = k.format === 'safeint' || k.format === 'int32';
    else if (k.check === 'string_format' && k.pattern) out.patterns.push(k.pattern);
  }
  return out;
}

const STRING_CANDIDATES = ['名稱', 'master:customer', 'amount', '2027-03-01', '110000', 'a'.repeat(64), 'CODE1', 'channel'];

/** A value the node accepts where that is easy to make (the fuzz mutates it one place at a time). */
function sample(node: SchemaNode): unknown {
  const d = defOf(node);
  switch (d.type) {
    case 'string': {
      const l = limitsOf(d);
      const fits = (s: string) => s.length >= (l.min ?? 0) && s.length <= (l.max ?? Infinity) && l.patterns.every((p) => p.test(s));
      return STRING_CANDIDATES.find(fits) ?? 'x'.repeat(Math.max(1, l.min ?? 1));
    }
    case 'number': {
      const l = limitsOf(d);
      const lo = l.min === undefined ? 0 : l.minOpen ? l.min + 1 : l.min;
      const hi = l.max ?? Infinity;
      if (lo <= 2027 && 2027 <= hi && lo >= 1900) return 2027;
      return lo <= 1 && 1 <= hi ? 1 : lo;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'enum':
      return Object.values(d.entries!)[0];
    case 'literal':
      return d.values![0];
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return sample(d.innerType!);
    case 'default':
    case 'prefault':
      return sample(d.innerType!);
    case 'pipe':
      return sample(d.in!);
    case 'union':
      return sample(d.options![0]);
    case 'tuple':
      return d.items!.map(sample);
    case 'array': {
      const l = limitsOf(d);
      return Array.from({ length: Math.max(1, l.min ?? 1) }, () => sample(d.element!));
    }
    case 'record':
      return { [String(sample(d.keyType!))]: sample(d.valueType!) };
    case 'object':
      return Object.fromEntries(Object.entries(d.shape!).map(([k, v]) => [k, sample(v)]));
    default:
      throw new Error(`the fuzz cannot make a ${d.type} yet: teach sample() and positions() this kind`);
  }
}

type Path = (string | number)[];
interface Position {
  path: Path;
  node: SchemaNode;
  /** The position is a record's key (the mutation renames the sample key). */
  recordKey?: boolean;
}

/** Every place of the sample input a value can go, with the schema that judges it. */
function positions(node: SchemaNode, path: Path, out: Position[]): Position[] {
  out.push({ path, node });
  const d = defOf(node);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'default':
    case 'prefault':
      out.pop();
      return positions(d.innerType!, path, out);
    case 'pipe':
      out.pop();
      return positions(d.in!, path, out);
    case 'union':
      // The sample holds the first option; the others are judged at this same place.
      positions(d.options![0], path, []).slice(1).forEach((p) => out.push(p));
      return out;
    case 'tuple':
      d.items!.forEach((item, i) => positions(item, [...path, i], out));
      return out;
    case 'array':
      return positions(d.element!, [...path, 0], out);
    case 'record':
      out.push({ path, node: d.keyType!, recordKey: true });
      return positions(d.valueType!, [...path, String(sample(d.keyType!))], out);
    case 'object':
      for (const [k, v] of Object.entries(d.shape!)) positions(v, [...path, k], out);
      return out;
    default:
      return out;
  }
}

/** Whether a string can stand at this place (a union counts when one of its options is text). */
function takesText(node: SchemaNode): boolean {
  const d = defOf(node);
  if (d.type === 'string') return true;
  if (d.type === 'union') return d.options!.some(takesText);
  if (d.innerType) return takesText(d.innerType);
  return d.type === 'pipe' ? takesText(d.in!) : false;
}

// ---- hostile values ---------------------------------------------------------------

const MISSING = Symbol('missing');
type Value = unknown;

function deepArray(depth: number): unknown[] {
  let v: unknown[] = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}
function deepObject(depth: number): object {
  let v: object = {};
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}
const cyclic: Record<string, unknown> = { name: 'loop' };
cyclic.self = cyclic;
cyclic.list = [cyclic];

const HUGE_TEXT = 'x'.repeat(1_000_000);
const MANY_NULLS = new Array<null>(100_000).fill(null);

/** Values that do not belong anywhere, or that probe a parser, a query or a prototype. */
const HOSTILE: [string, Value][] = [
  ['missing', MISSING],
  ['null', null],
  ['true', true],
  ['0', 0],
  ['-0', -0],
  ['-1', -1],
  ['1.5', 1.5],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['1e308', 1e308],
  ['2^53', 2 ** 53],
  ['-2^53', -(2 ** 53)],
  ['2^31', 2 ** 31],
  ['empty text', ''],
  ['blank text', '   '],
  ['1 MB text', HUGE_TEXT],
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'x\uD800'],
  ['lone low surrogate', '\uDC00y'],
  ['BEL', 'bell\u0007'],
  ['U+FFFE', '\uFFFE'],
  ['SQL', "x'); DROP TABLE customer; --"],
  ['path traversal', '../../../../etc/passwd'],
  ['__proto__ text', '__proto__'],
  ['empty array', []],
  ['empty object', {}],
  ['array nested 100k deep', deepArray(100_000)],
  ['object nested 100k deep', deepObject(100_000)],
  ['100k nulls', MANY_NULLS],
  ['__proto__ key', JSON.parse('{"__proto__":{"polluted":true}}')],
  ['constructor.prototype key', JSON.parse('{"constructor":{"prototype":{"polluted":true}}}')],
  ['cyclic object', cyclic],
];

/** Values aimed at this place's own limits. */
function aimed(node: SchemaNode, here: unknown): [string, Value][] {
  const d = defOf(node);
  const l = limitsOf(d);
  const out: [string, Value][] = [];
  switch (d.type) {
    case 'string':
      if (l.max !== undefined) out.push(['one over max length', 'x'.repeat(l.max + 1)], ['at max length, CJK', '區'.repeat(l.max)], ['at max length, astral', '𠀀'.repeat(Math.floor(l.max / 2))]);
      if (l.min !== undefined && l.min > 0) out.push(['below min length', 'x'.repeat(l.min - 1)], ['only spaces', ' '.repeat(Math.max(1, l.min))]);
      out.push(['valid then NUL', `${String(here)}\u0000`], ['valid then lone surrogate', `${String(here)}\uDBFF`], ['number', 7]);
      break;
    case 'number':
      if (l.min !== undefined && Number.isFinite(l.min)) out.push(['min - 1', l.min - 1], ['min - 0.5', l.min - 0.5]);
      if (l.max !== undefined && Number.isFinite(l.max)) out.push(['max + 1', l.max + 1]);
      // Values the schema lets through, at its edges: what the handler and SQLite must still take.
      if (l.max !== undefined && Number.isFinite(l.max)) out.push(['at max', l.max]);
      if (l.min !== undefined && Number.isFinite(l.min)) out.push(['at min', l.minOpen ? l.min + 1 : l.min]);
      if (l.max === undefined || l.max >= Number.MAX_SAFE_INTEGER) out.push(['MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER], ['1e300', 1e300]);
      if (l.min === undefined || l.min <= Number.MIN_SAFE_INTEGER) out.push(['MIN_SAFE_INTEGER', Number.MIN_SAFE_INTEGER], ['-1e300', -1e300]);
      if (l.int) out.push(['fraction', 1.25]);
      out.push(['numeric text', '1'], ['MAX_VALUE', Number.MAX_VALUE]);
      break;
    case 'array': {
      if (l.max !== undefined && l.max <= 200_000) out.push(['one over max items', Array.from({ length: l.max + 1 }, () => sample(d.element!))]);
      out.push(['array of null', [null]], ['mixed array', [sample(d.element!), 'x', null]]);
      break;
    }
    case 'enum':
    case 'literal':
      out.push(['not an option', 'zz-not-an-option'], ['option with a space', `${String(here)} `], ['option upper-cased', String(here).toUpperCase()]);
      break;
    case 'object':
      if (here && typeof here === 'object') {
        out.push(['extra key', { ...here, zzExtra: 1 }]);
        out.push(['own __proto__ key', withOwnKey(here, '__proto__', { polluted: true })]);
        out.push(['constructor key', withOwnKey(here, 'constructor', { prototype: { polluted: true } })]);
        for (const k of Object.keys(here)) {
          const rest: Record<string, unknown> = { ...(here as Record<string, unknown>) };
          delete rest[k];
          out.push([`without ${k}`, rest]);
        }
      }
      break;
    case 'record':
      out.push(['10k entries', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, sample(d.valueType!)]))]);
      break;
    default:
      break;
  }
  return out;
}

function keyValues(): [string, string][] {
  return [
    ['empty key', ''],
    ['key with a space', 'a b'],
    ['key with NUL', 'k\u0000'],
    ['key with a lone surrogate', 'k\uD800'],
    ['__proto__ key', '__proto__'],
    ['constructor key', 'constructor'],
    ['long key', 'k'.repeat(10_000)],
  ];
}

/** A copy of `obj` with `key` as an own property: "__proto__" becomes a key, as JSON.parse makes it. */
function withOwnKey(obj: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...obj };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[p];
  return v;
}

/** A copy of `root` with `value` at `path` (or the key removed, or the record key renamed). */
function put(root: unknown, path: Path, value: Value, renameKey = false): unknown {
  if (path.length === 0) return value === MISSING ? undefined : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (renameKey) {
    const inner = parent[last] as Record<string, unknown>;
    parent[last] = withOwnKey({}, value as string, Object.values(inner)[0]);
  } else if (value === MISSING) {
    delete parent[last];
  } else {
    parent[last] = value;
  }
  return copy;
}

interface Case {
  endpoint: EndpointName;
  label: string;
  input: unknown;
}

function casesFor(endpoint: EndpointName): Case[] {
  const root = contract[endpoint].input as unknown as SchemaNode;
  const base = sample(root);
  const out: Case[] = [];
  for (const pos of positions(root, [], [])) {
    const where = pos.path.join('.') || '(input)';
    if (pos.recordKey) {
      for (const [label, key] of keyValues()) out.push({ endpoint, label: `${where}: ${label}`, input: put(base, pos.path, key, true) });
      continue;
    }
    const here = get(base, pos.path);
    for (const [label, value] of [...HOSTILE, ...aimed(pos.node, here)]) {
      out.push({ endpoint, label: `${where}: ${label}`, input: put(base, pos.path, value) });
    }
  }
  return out;
}

/** The sample itself (it reaches the handler, mostly), then a seeded draw of the rest. */
function drawCases(endpoint: EndpointName, random: () => number): Case[] {
  const base = sample(contract[endpoint].input as unknown as SchemaNode);
  return [{ endpoint, label: 'the sample', input: base }, ...pick(casesFor(endpoint), CASES_PER_ENDPOINT - 1, random)];
}

/** mulberry32: a small seeded generator, so that the sample of cases is the same every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: T[], n: number, random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

// ---- running them -----------------------------------------------------------------

const open = demoOpener(() => ({ runJob: inlineJobRunner(), demoSize: 'tiny', chooseExportPath: async () => null }));

/** The file's committed state as another connection sees it: data_version moves with any commit but its own. */
function observe(path: string): { version(): number; close(): void } {
  const db = new Database(path, { readonly: true });
  return { version: () => db.pragma('data_version', { simple: true }) as number, close: () => db.close() };
}

/** Calls the endpoint as a host does; whatever happens, the outcome. */
async function call(c: RegistryCtx, k: Case): Promise<Result<unknown> | { thrown: unknown }> {
  try {
    return await c.r.invoke(k.endpoint, k.input);
  } catch (e) {
    return { thrown: e };
  }
}

const describeCase = (k: Case) => `seed ${SEED.toString(16)}, ${k.endpoint}, ${k.label}`;

describe('the contract under hostile input', () => {
  it('a text a region file does not store is refused in every text field of every endpoint, naming where', async () => {
    const c = await open();
    const observer = observe(c.path);
    try {
      const before = observer.version();
      let fields = 0;
      for (const endpoint of ENDPOINT_NAMES) {
        const root = contract[endpoint].input as unknown as SchemaNode;
        const base = sample(root);
        for (const pos of positions(root, [], [])) {
          if (!takesText(pos.node)) continue;
          for (const bad of ['a\u0000b', 'x\uD800', '\uDC00', 'tab\tok\u0001']) {
            const input = pos.recordKey ? put(base, pos.path, bad, true) : put(base, pos.path, `${String(get(base, pos.path) ?? '')}${bad}`);
            const res = await c.r.invoke(endpoint, input);
            const where = pos.recordKey ? [...pos.path, JSON.stringify(bad)].join('.') : pos.path.join('.') || '(input)';
            expect(res.ok, `${endpoint} ${where} ${JSON.stringify(bad)}`).toBe(false);
            if (res.ok) continue;
            expect(res.error.code).toBe('INVALID_INPUT');
            expect(res.error.rule).toBe('errors.unacceptedText');
            expect(res.error.issues?.map((i) => i.path)).toContain(where);
          }
          fields++;
        }
      }
      // The contract has text fields in many endpoints; a walk that found none would prove nothing.
      expect(fields).toBeGreaterThan(60);
      expect(observer.version()).toBe(before);
    } finally {
      observer.close();
    }
  });

  it('every call comes back as a Result: refusals are structured, write nothing, and the file stays sound', async () => {
    const c = await open();
    const observer = observe(c.path);
    const random = prng(SEED);
    const tally = { tried: 0, refused: 0, accepted: 0, failed: 0 };
    const byCode = new Map<string, number>();
    const failures: string[] = [];
    const started = Date.now();
    try {
      for (const endpoint of ENDPOINT_NAMES) {
        for (const k of drawCases(endpoint, random)) {
          tally.tried++;
          // An accepted call may close the file or open another (file.close, file.openDemo): open ours again.
          if (c.session.file?.path !== c.path) await c.session.open(c.path);
          const file = c.session.file!;
          // Rows an accepted call left for after its commit (a new version's cells) are its
          // writes, not the next call's: written before the next call's are watched.
          file.settle();
          const version = observer.version();
          const generation = file.changes.generation;
          const res = await call(c, k);
          if ('thrown' in res) {
            failures.push(`${describeCase(k)}: threw ${String(res.thrown)}`);
          } else if (res.ok) {
            tally.accepted++;
            continue;
          } else if (!(ERROR_CODES as readonly string[]).includes(res.error.code) || res.error.code === 'INTERNAL' || !res.error.message) {
            failures.push(`${describeCase(k)}: ${res.error.code} ${res.error.message.slice(0, 300)}`);
          } else if (observer.version() !== version || (c.session.file === file && file.changes.generation !== generation)) {
            failures.push(`${describeCase(k)}: refused (${res.error.code}) after writing`);
          } else {
            tally.refused++;
            const code = res.error.rule ? `${res.error.code} (rule)` : res.error.code;
            byCode.set(code, (byCode.get(code) ?? 0) + 1);
            continue;
          }
          tally.failed++;
        }
      }
      if (c.session.file?.path !== c.path) await c.session.open(c.path);
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`contract fuzz: ${ENDPOINT_NAMES.length} endpoints, ${tally.tried} calls, ${tally.refused} refused as structured errors, ${tally.accepted} accepted, ${tally.failed} failed (${elapsed} s); refusals by code: ${[...byCode].map(([k, n]) => `${k} ${n}`).join(', ')}`);
      expect(failures).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    } finally {
      observer.close();
    }
    const db = new Database(c.path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  }, 180_000);
});
