import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The bundled province outlines (resources/geo/china-provinces.json, built by
// scripts/geo/build-region-map.mjs from Natural Earth): every province it claims is a
// province of china-divisions.json with the same names, has a shape, and its
// coordinates lie in China; every mainland province has one.

interface Shape {
  code: string;
  en: string;
  zhHant: string;
  zhHans: string;
  center: [number, number] | null;
  polygons: [number, number][][][];
}
interface Division {
  code: string;
  level: string;
  zhHant: string;
  zhHans: string;
}

const read = <T,>(name: string): T => JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/geo', name), 'utf8')) as T;
const map = read<{ source: string; licence: string; provinces: Shape[] }>('china-provinces.json');
const divisions = read<{ divisions: Division[] }>('china-divisions.json').divisions;
const provinces = new Map(divisions.filter((d) => d.level === 'province').map((d) => [d.code, d]));

describe('china-provinces.json', () => {
  it('cites its public-domain source', () => {
    expect(map.source).toMatch(/Natural Earth/);
    expect(map.licence).toMatch(/public domain/i);
  });

  it('claims only provinces of china-divisions.json, once each, under their names', () => {
    const codes = map.provinces.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of map.provinces) {
      const d = provinces.get(p.code);
      expect(d, p.code).toBeDefined();
      expect([p.zhHant, p.zhHans]).toEqual([d!.zhHant, d!.zhHans]);
    }
  });

  it('has a shape for every mainland province (香港, 澳門, 臺灣 are not in the source’s China layer)', () => {
    const mainland = [...provinces.keys()].filter((c) => !['710000', '810000', '820000'].includes(c)).sort();
    expect(map.provinces.map((p) => p.code).sort()).toEqual(mainland);
  });

  it('has closed rings with coordinates in China, rounded to 0.01°, and the label point inside the outline’s box', () => {
    for (const p of map.provinces) {
      expect(p.polygons.length, p.code).toBeGreaterThan(0);
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const poly of p.polygons) {
        expect(poly.length).toBeGreaterThan(0);
        for (const ring of poly) {
          expect(ring.length, p.code).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [x, y] of ring) {
            expect(x).toBeGreaterThanOrEqual(73);
            expect(x).toBeLessThanOrEqual(136);
            expect(y).toBeGreaterThanOrEqual(15);
            expect(y).toBeLessThanOrEqual(54);
            expect(Math.round(x * 100) / 100).toBe(x);
            expect(Math.round(y * 100) / 100).toBe(y);
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
        }
      }
      if (p.center) {
        expect(p.center[0]).toBeGreaterThanOrEqual(x0);
        expect(p.center[0]).toBeLessThanOrEqual(x1);
        expect(p.center[1]).toBeGreaterThanOrEqual(y0);
        expect(p.center[1]).toBeLessThanOrEqual(y1);
      }
    }
  });

  it('puts known provinces where they are (Zhejiang around Hangzhou, Xinjiang in the west)', () => {
    const box = (code: string) => {
      const pts = map.provinces.find((p) => p.code === code)!.polygons.flat(2);
      return [Math.min(...pts.map((q) => q[0])), Math.min(...pts.map((q) => q[1])), Math.max(...pts.map((q) => q[0])), Math.max(...pts.map((q) => q[1]))];
    };
    const [zx0, zy0, zx1, zy1] = box('330000');
    // Hangzhou 120.16°E 30.27°N.
    expect(zx0 < 120.16 && 120.16 < zx1 && zy0 < 30.27 && 30.27 < zy1).toBe(true);
    expect(box('650000')[2]).toBeLessThan(97);
  });
});
