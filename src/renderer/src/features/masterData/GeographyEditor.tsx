import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseCell, type CellValue, type EntityName, type MasterRow } from '../../../../shared/masterData';
import { DataGrid, GridApplyError, type ApplyLabel, type GridChanges, type GridColumn, type GridRow } from '../../grid';
import { applyToEntity } from './applyChanges';
import { fieldLabel, tKey } from './columns';
import { GeoPicker } from './GeoPicker';
import { useMasterList } from './useMasterList';

// Provinces → cities → counties as one tree. Names and codes are edited in place;
// provinces and cities are added from the bundled national list.

type GeoEntity = 'province' | 'city' | 'county';

interface GeoRow extends GridRow {
  id: string;
  entity: GeoEntity;
  dbId: number;
  parentKey: string | null;
  code: string;
  name: string;
}

const key = (entity: GeoEntity, id: number) => `${entity}:${id}`;

function toGeoRows(provinces: readonly MasterRow[], cities: readonly MasterRow[], counties: readonly MasterRow[]): GeoRow[] {
  const out: GeoRow[] = [];
  const row = (entity: GeoEntity, r: MasterRow, parentKey: string | null): GeoRow => ({
    id: key(entity, r.id),
    entity,
    dbId: r.id,
    parentKey,
    code: String(r.code ?? ''),
    name: String(r.name ?? ''),
  });
  for (const p of provinces) out.push(row('province', p, null));
  for (const c of cities) out.push(row('city', c, typeof c.provinceId === 'number' ? key('province', c.provinceId) : null));
  for (const k of counties) out.push(row('county', k, typeof k.cityId === 'number' ? key('city', k.cityId) : null));
  return out;
}

export function GeographyEditor() {
  const { t } = useTranslation();
  const provinces = useMasterList('province');
  const cities = useMasterList('city');
  const counties = useMasterList('county');
  const [picking, setPicking] = useState(false);
  const loaded = provinces.loaded && cities.loaded && counties.loaded;

  const rows = useMemo(() => toGeoRows(provinces.rows, cities.rows, counties.rows), [provinces.rows, cities.rows, counties.rows]);
  const lists = useMemo(() => ({ province: provinces, city: cities, county: counties }), [provinces, cities, counties]);

  const columns = useMemo<GridColumn<GeoRow>[]>(() => {
    const parser = (field: 'name' | 'code') => (text: string, row: GeoRow | null) => {
      if (!row) return { ok: false as const, reason: t('grid.notEditable') };
      const r = parseCell(row.entity, field, text, lists[row.entity].ctx);
      return r.ok ? { ok: true as const, value: r.value } : { ok: false as const, reason: tKey(t, r.reason, r.params ?? {}) };
    };
    return [
      { field: 'name', header: fieldLabel(t, 'province', 'name'), kind: 'text', editable: true, required: true, width: 280, parse: parser('name') },
      { field: 'code', header: fieldLabel(t, 'province', 'code'), kind: 'text', editable: true, required: true, width: 140, parse: parser('code') },
      {
        field: 'entity',
        header: t('grid.md.levelColumn'),
        kind: 'text',
        editable: false,
        width: 110,
        format: (v) => (typeof v === 'string' ? t(`grid.md.level.${v as GeoEntity}`) : ''),
      },
    ];
  }, [t, lists]);

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
        toolbar={
          <button type="button" className="btn btn--small btn--primary" onClick={() => setPicking(true)} data-testid="md-geo-add">
            {t('grid.md.geoAdd')}
          </button>
        }
      />
      {picking && <GeoPicker existing={new Set(rows.map((r) => r.code))} onClose={() => setPicking(false)} />}
    </div>
  );
}
