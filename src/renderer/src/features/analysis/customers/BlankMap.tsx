import { useCallback, useMemo, useRef } from 'react';
import { MapChart } from 'echarts/charts';
import { GeoComponent, VisualMapComponent } from 'echarts/components';
import { registerMap, use as registerModules, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import type { CityCoverage, CustomerAnalysis, RegionMap } from '../../../../../shared/endpoints/analysisCustomers';
import { formatPercent, type Language } from '../../../../../shared/units';
import { EChart, saveChartPng } from '../../../components/chart/EChart';
import { CHART_TEXT, OTHER_COLORS, TOOLTIP_STYLE, escapeHtml } from '../../../components/chart/chartStyle';
import { tooltipLine, type T } from '../kit';

// The blank-area map: the region's provinces (outlines from Natural Earth, served by the
// core over analysis.regionMap) coloured by the share of their cities that are blank
// areas, the provinces around them in grey for context. Prefecture cities have no
// public-domain positions we can bundle, so they are named in the tooltip and in the
// table under the map, not placed. A click on a province (or its row) lists its cities.

registerModules([MapChart, GeoComponent, VisualMapComponent]);

const NEIGHBOUR_COLOR = '#eceff3';
/** Light to the amber of the palette: labels stay readable on the darkest shade. */
const SCALE = ['#fbf1df', '#f2bf74', OTHER_COLORS[0]];

export interface ProvinceBlank {
  provinceId: number;
  name: string;
  cities: CityCoverage[];
  blank: CityCoverage[];
}

/** Per province of the filter's geography: its cities and the blank ones. */
export function provinceBlanks(data: CustomerAnalysis): ProvinceBlank[] {
  const out = new Map<number, ProvinceBlank>();
  for (const c of data.coverage) {
    const p = out.get(c.provinceId) ?? { provinceId: c.provinceId, name: c.provinceName, cities: [], blank: [] };
    p.cities.push(c);
    if (c.blank) p.blank.push(c);
    out.set(c.provinceId, p);
  }
  return [...out.values()];
}

export function reasonText(c: CityCoverage, target: number, t: T, language: Language): string {
  if (c.reason === 'noDistributor') return t('analysisCustomers.blank.noDistributor');
  if (c.reason === 'lowCoverage') return t('analysisCustomers.blank.lowCoverage', { coverage: formatPercent(c.coverage, language, 1), target: formatPercent(target, language, 0) });
  return t('analysisCustomers.blank.ok');
}

/** The map's name in ECharts' registry: one per set of outlines. */
function useRegisteredMap(map: RegionMap | null): string | null {
  return useMemo(() => {
    if (!map || map.provinces.length === 0) return null;
    const name = `regionplan-${map.provinces.map((p) => p.code).join('-')}`;
    registerMap(name, {
      type: 'FeatureCollection',
      features: map.provinces.map((p) => ({
        type: 'Feature',
        properties: { name: p.code, cp: p.center ?? undefined },
        geometry: { type: 'MultiPolygon', coordinates: p.polygons },
      })),
    } as unknown as Parameters<typeof registerMap>[1]);
    return name;
  }, [map]);
}

export function BlankMap(props: {
  map: RegionMap | null;
  data: CustomerAnalysis;
  provinces: ProvinceBlank[];
  t: T;
  language: Language;
  /** Stable (a state setter): the map's click handler is bound once. */
  onPick: (provinceId: number) => void;
}) {
  const { map, data, provinces, t, language, onPick } = props;
  const mapName = useRegisteredMap(map);
  const chartRef = useRef<EChartsType | null>(null);

  const option = useMemo<EChartsCoreOption>(() => {
    if (!map || !mapName) return {};
    const byProvince = new Map(provinces.map((p) => [p.provinceId, p]));
    const shapeName = (code: string, zh: 'zhHant' | 'zhHans' | 'en') => {
      const p = map.provinces.find((x) => x.code === code);
      return p ? p[zh] : code;
    };
    const script = language === 'zh-Hans' ? 'zhHans' : language === 'en' ? 'en' : 'zhHant';
    const regionShapes = map.provinces.filter((p) => p.provinceId !== null && byProvince.has(p.provinceId));
    const tooltip = (params: unknown) => {
      const code = (params as { name: string }).name;
      const shape = map.provinces.find((x) => x.code === code);
      if (!shape) return '';
      const p = shape.provinceId !== null ? byProvince.get(shape.provinceId) : undefined;
      const title = `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(p?.name ?? shape[script])}</div>`;
      if (!p) return `${title}<div>${escapeHtml(t('analysisCustomers.blank.mapNeighbour'))}</div>`;
      const lines = [
        title,
        tooltipLine(t('analysisCustomers.blank.mapShare'), `${p.blank.length} / ${p.cities.length} · ${formatPercent(p.cities.length ? p.blank.length / p.cities.length : null, language, 1)}`),
        ...p.blank.map((c) => tooltipLine(c.cityName, reasonText(c, data.coverageTarget, t, language))),
      ];
      return lines.join('');
    };
    return {
      textStyle: { color: CHART_TEXT },
      tooltip: { ...TOOLTIP_STYLE, trigger: 'item', formatter: tooltip },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: 100,
        seriesIndex: 0,
        left: 8,
        bottom: 8,
        itemHeight: 110,
        text: ['100%', '0%'],
        calculable: false,
        inRange: { color: SCALE },
        textStyle: { color: CHART_TEXT },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          roam: false,
          // Room on the left for the colour scale.
          left: 64,
          right: 10,
          top: 10,
          bottom: 10,
          selectedMode: false,
          itemStyle: { areaColor: NEIGHBOUR_COLOR, borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: true }, itemStyle: { areaColor: '#c9d6e6' } },
          label: {
            show: true,
            color: '#1f2933',
            fontSize: 12,
            formatter: (p: { name: string }) => {
              const shape = map.provinces.find((x) => x.code === p.name);
              const prov = shape?.provinceId != null ? byProvince.get(shape.provinceId) : undefined;
              if (!prov) return `{grey|${shapeName(p.name, script)}}`;
              return `{name|${prov.name}}\n{count|${t('analysisCustomers.blank.mapCities', { n: prov.blank.length, cities: prov.cities.length })}}`;
            },
            rich: {
              name: { fontSize: 13, fontWeight: 600, color: '#1f2933', textBorderColor: '#fff', textBorderWidth: 2 },
              count: { fontSize: 11, color: '#1f2933', textBorderColor: '#fff', textBorderWidth: 2, padding: [2, 0, 0, 0] },
              grey: { fontSize: 11, color: '#9aa5b1' },
            },
          },
          data: regionShapes.map((s) => {
            const p = byProvince.get(s.provinceId!)!;
            return { name: s.code, value: p.cities.length ? Math.round((p.blank.length / p.cities.length) * 1000) / 10 : 0, provinceId: p.provinceId };
          }),
        },
      ],
    };
  }, [map, mapName, provinces, data.coverageTarget, t, language]);

  const onReady = useCallback((instance: EChartsType) => {
    chartRef.current = instance;
    instance.on('click', (p) => {
      const d = (p as { data?: { provinceId?: number } }).data;
      if (d && typeof d.provinceId === 'number') onPick(d.provinceId);
    });
    // onPick is a state setter (stable): the instance is set up once.
  }, [onPick]);

  const save = () => {
    if (chartRef.current) void saveChartPng(chartRef.current, `${t('analysisCustomers.blank.mapTitle')}-${data.year}.png`, `${t('analysisCustomers.blank.mapTitle')} · ${data.year}`);
  };

  const blankNames = data.blankAreas.map((b) => b.cityName).join(',');
  const drawn = new Set(map?.provinces.filter((p) => p.provinceId !== null).map((p) => p.provinceId));
  const missing = provinces.filter((p) => !drawn.has(p.provinceId)).map((p) => p.name);
  return (
    <div className="an-cust__map" data-testid="customers-map-box" data-blank={blankNames} data-provinces={provinces.filter((p) => drawn.has(p.provinceId)).map((p) => p.provinceId).join(',')}>
      <div className="an-cust__map-head">
        <h2>{t('analysisCustomers.blank.mapTitle')}</h2>
        <span className="an-filters__spacer" />
        <button type="button" className="btn btn--small" onClick={save} disabled={!mapName} data-testid="customers-map-save-png">
          {t('analysisCustomers.blank.savePng')}
        </button>
      </div>
      <p className="an-note">{t('analysisCustomers.blank.mapHint')}</p>
      {mapName && <EChart option={option} label={t('analysisCustomers.blank.mapLabel')} testId="customers-map" className="an-cust__map-chart" onReady={onReady} />}
      {missing.length > 0 && <p className="an-note">{t('analysisCustomers.blank.mapMissing', { names: missing.join('、') })}</p>}
      <p className="an-note an-cust__source">{t('analysisCustomers.blank.mapSource')}</p>
    </div>
  );
}
