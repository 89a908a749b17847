import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findGeoEntry, geoDisplayName, type GeoCatalogEntry } from '../../../../shared/geoNames';
import { parseCell, type CellValue, type EntityName, type MasterRow } from '../../../../shared/masterData';
import { useApp } from '../../app/AppContext';
import { DataGrid, GridApplyError, type ApplyLabel, type GridChanges, type GridColumn, type GridRow } from '../../grid';
import { applyToEntity } from './applyChanges';
import { fieldLabel, tKey } from './columns';
import { CustomCityDialog } from './CustomCityDialog';
import { GeoPicker } from './GeoPicker';
import { useMasterList } from './useMasterList';

// Provinces → cities → counties as one tree. Names and codes are edited in place;
// provinces and cities are added from the bundled national list, or by hand as custom
// members (a development zone, an export market). A province or city is the national
// list's when its name is (蘇州 and 苏州市 alike): it shows in the UI language and is
// marked 全國列表; anything else is marked 自訂 and shows as written.

type GeoEntity = 'province' | 'city' | 'county';

interface GeoRow extends GridRow {
  id: string;
  entity: GeoEntity;
  dbId: number;
  parentKey: string | null;
  code: string;
  name: string;
  /** Provinces and cities: in the national list, or added by hand. */
  source: 'catalog' | 'custom' | null;
  /** The national list's code the row stands for (by its code or its name). */
  listedCode: string | null;
}

const key = (entity: GeoEntity, id: number) => `${entity}:${id}`;

function toGeoRows(provinces: readonly MasterRow[], cities: readonly MasterRow[], counties: readonly MasterRow[]): GeoRow[] {
  const out: GeoRow[] = [];
  const provinceName = new Map(provinces.map((p) => [p.id, String(p.name ?? '')]));
  const row = (entity: GeoEntity, r: MasterRow, parentKey: string | null, listed: GeoCatalogEntry | null): GeoRow => ({
    id: key(entity, r.id),
    entity,
    dbId: r.id,
    parentKey,
    code: String(r.code ?? ''),
    name: String(r.name ?? ''),
    source: entity === 'county' ? null : listed ? 'catalog' : 'custom',
    listedCode: listed?.code ?? null,
  });
  for (const p of provinces) out.push(row('province', p, null, findGeoEntry('province', String(p.name ?? ''))));
  for (const c of cities) {
    const parent = typeof c.provinceId === 'number' ? provinceName.get(c.provinceId) : undefined;
    const listed = findGeoEntry('city', String(c.name ?? ''), parent ?? null);
    out.push(row('city', c, typeof c.provinceId === 'number' ? key('province', c.provinceId) : null, listed));
  }
  for (const k of counties) out.push(row('county', k, typeof k.cityId === 'number' ? key('city', k.cityId) : null, null));
  return out;
}

export function GeographyEditor() {
  const { t } = useTranslation();
  const { language } = useApp();
  const provinces = useMasterList('province');
  const cities = useMasterList('city');
  const counties = useMasterList('county');
  const [picking, setPicking] = useState(false);
  const [addingCustom, setAddingCustom] = useState(false);
  const loaded = provinces.loaded && cities.loaded && counties.loaded;

  const rows = useMemo(() => toGeoRows(provinces.rows, cities.rows, counties.rows), [provinces.rows, cities.rows, counties.rows]);
  // What the picker shows as already added: by code, and by name under another code.
  const inCatalog = useMemo(() => new Set(rows.flatMap((r) => (r.listedCode ? [r.code, r.listedCode] : [r.code]))), [rows]);
  const lists = useMemo(() => ({ province: provinces, city: cities, county: counties }), [provinces, cities, counties]);

  const columns = useMemo<GridColumn<GeoRow>[]>(() => {
    const parser = (field: 'name' | 'code') => (text: string, row: GeoRow | null) => {
      if (!row) return { ok: false as const, reason: t('grid.notEditable') };
      const r = parseCell(row.entity, field, text, lists[row.entity].ctx);
      return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, reason: tKey(t, r.reason, r.params ?? {}) };
    };
    return [
      {
        field: 'name',
        header: fieldLabel(t, 'province', 'name'),
        kind: 'text',
        editable: true,
        required: true,
        width: 280,
        parse: parser('name'),
        format: (v, row) => (row.source === 'catalog' ? geoDisplayName(String(v), row.entity as 'province' | 'city', language) : String(v ?? '')),
        // An edit starts from the name as stored, so that confirming it unchanged changes nothing.
        text: (v) => String(v ?? ''),
      },
      { field: 'code', header: fieldLabel(t, 'province', 'code'), kind: 'text', editable: true, required: true, width: 140, parse: parser('code') },
      {
        field: 'entity',
        header: t('grid.md.levelColumn'),
        kind: 'text',
        editable: false,
        width: 110,
        format: (v) => (typeof v === 'string' ? t(`grid.md.level.${v as GeoEntity}`) : ''),
      },
      {
        field: 'source',
        header: t('grid.md.sourceColumn'),
        kind: 'text',
        editable: false,
        width: 110,
        format: (v) => (v === 'catalog' ? t('grid.md.sourceCatalog') : v === 'custom' ? t('grid.md.sourceCustom') : ''),
        cellClass: (v) => (v === 'custom' ? 'md-geo-source--custom' : undefined),
      },
    ];
  }, [t, lists, language]);

  const onApply = useCallback(
    async (changes: GridChanges, label: ApplyLabel) => {
      if (changes.appends.length > 0) {
        throw new GridApplyError(changes.appends.map((_, i) => ({ appendIndex: i, message: t('grid.md.geoAdd') })));
      }
      const byEntity = new Map<GeoEntity, GridChanges>();
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const u of changes.updates) {
        const row = byId.get(String(u.id));
        if (!row) continue;
        let c = byEntity.get(row.entity);
        if (!c) byEntity.set(row.entity, (c = { updates: [], appends: [] }));
        c.updates.push({ id: row.dbId, values: u.values as Record<string, CellValue> });
      }
      for (const [entity, c] of byEntity) {
        try {
          await applyToEntity(t, entity as EntityName, c, label, lists[entity].nextLoad);
        } catch (e) {
          // Issues point at this entity's rows: name them by the tree's row ids.
          if (e instanceof GridApplyError) {
            throw new GridApplyError(e.issues.map((i) => ({ ...i, rowId: i.rowId === undefined ? undefined : key(entity, Number(i.rowId)) })));
          }
          throw e;
        }
      }
    },
    [lists, rows, t],
  );

  return (
    <div className="md-editor" data-testid="md-editor-geography" data-loaded={loaded ? 'true' : 'false'}>
      <DataGrid<GeoRow>
        gridId="master.geography"
        columns={columns}
        rows={rows}
        onApply={onApply}
        tree={{ parentField: 'parentKey', labelField: 'name' }}
        testId="grid-geography"
        emptyText={t('grid.empty.geography')}
        loading={!loaded && !provinces.error && !cities.error && !counties.error}
        toolbar={
          <>
            <button type="button" className="btn btn--small btn--primary" onClick={() => setPicking(true)} data-testid="md-geo-add">
              {t('grid.md.geoAdd')}
            </button>
            <button type="button" className="btn btn--small" onClick={() => setAddingCustom(true)} data-testid="md-geo-custom">
              {t('grid.md.customAdd')}
            </button>
          </>
        }
      />
      {picking && <GeoPicker existing={inCatalog} onClose={() => setPicking(false)} />}
      {addingCustom && <CustomCityDialog provinces={provinces.rows} onClose={() => setAddingCustom(false)} />}
    </div>
  );
}
