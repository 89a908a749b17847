import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTITIES, type EntityName, type MasterRow } from '../../../../shared/masterData';
import { useApp } from '../../app/AppContext';
import { DataGrid, type ApplyLabel, type DataGridHandle, type GridChanges, type GridTreeOptions } from '../../grid';
import { applyToEntity } from './applyChanges';
import { buildColumns, newRowValues, type ColumnEnv, tKey } from './columns';
import { DeleteDialog } from './DeleteDialog';
import { ImportExport } from './ImportExport';
import { useMasterList } from './useMasterList';

// One master-data table in the grid kit: columns from the entity's spec, add a row,
// delete the selected rows (asking what to do with data that uses them), import and
// export. Every change is one undo step in the file.

const TREES: Partial<Record<EntityName, GridTreeOptions>> = {
  customer: { parentField: 'parentId', labelField: 'name' },
  salesperson: { parentField: 'managerId', labelField: 'name' },
};

const TOTALS = new Set<EntityName>(['customer']);

export function EntityEditor({ entity, extraTools }: { entity: EntityName; extraTools?: ReactNode }) {
  const { t } = useTranslation();
  const app = useApp();
  const list = useMasterList(entity);
  const grid = useRef<DataGridHandle>(null);
  const [deleting, setDeleting] = useState<number[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** SKUs: show only those whose standard cost is not known yet. */
  const [costMissingOnly, setCostMissingOnly] = useState(false);
  const unit = app.summary?.displayUnit ?? 'wan';
  const { refs, ctx, rows: allRows, nextLoad } = list;
  const costMissing = useMemo(() => (entity === 'sku' ? allRows.filter((r) => r.stdCostCents === null || r.stdCostCents === undefined) : []), [entity, allRows]);
  const rows = costMissingOnly && costMissing.length > 0 ? costMissing : allRows;

  const env = useMemo<ColumnEnv>(() => ({ t, language: app.language, unit, refs, ctx }), [t, app.language, unit, refs, ctx]);
  const columns = useMemo(() => buildColumns(entity, env), [entity, env]);

  const onApply = useCallback(
    async (changes: GridChanges, label: ApplyLabel) => {
      await applyToEntity(t, entity, changes, label, nextLoad);
    },
    [t, entity, nextLoad],
  );

  const addRow = useCallback(async () => {
    setNotice(null);
    const made = newRowValues(entity, rows, env);
    if ('missing' in made) {
      setNotice(tKey(t, 'masterData.invalid.required') + `：${tKey(t, `masterData.entity.${made.missing}`)}`);
      return;
    }
    try {
      const ids = await applyToEntity(t, entity, { updates: [], appends: [made.values] }, 'append', nextLoad);
      if (ids[0] !== undefined) requestAnimationFrame(() => grid.current?.focusRow(ids[0]));
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
    }
  }, [entity, env, nextLoad, rows, t]);

  const deleteSelected = useCallback(() => {
    setNotice(null);
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n));
    if (ids.length === 0) {
      setNotice(t('grid.md.selectRows'));
      return;
    }
    setDeleting(ids);
  }, [t]);

  const spec = ENTITIES[entity];
  const toolbar = (
    <>
      <button type="button" className="btn btn--small" onClick={() => void addRow()} disabled={!list.loaded} data-testid="md-add-row">
        {t('grid.md.addRow')}
      </button>
      <button type="button" className="btn btn--small" onClick={deleteSelected} disabled={!list.loaded} data-testid="md-delete-rows">
        {t('grid.md.deleteRows')}
      </button>
      <ImportExport entity={entity} />
      {costMissing.length > 0 && (
        <button
          type="button"
          className={costMissingOnly ? 'btn btn--small md-cost-filter is-on' : 'btn btn--small md-cost-filter'}
          aria-pressed={costMissingOnly}
          title={t('grid.md.costMissingHint', { n: costMissing.length })}
          onClick={() => setCostMissingOnly((v) => !v)}
          data-testid="md-cost-missing"
          data-count={costMissing.length}
        >
          {costMissingOnly ? t('grid.md.costMissingAll') : t('grid.md.costMissingFilter', { n: costMissing.length })}
        </button>
      )}
      {extraTools}
      {notice && (
        <span className="md-notice" role="status" data-testid="md-notice">
          {notice}
        </span>
      )}
    </>
  );

  return (
    <div className="md-editor" data-testid={`md-editor-${entity}`} data-loaded={list.loaded ? 'true' : 'false'} data-rows={rows.length}>
      {list.error && <p className="inline-error">{list.error.message}</p>}
      <DataGrid<MasterRow>
        gridId={`master.${entity}`}
        columns={columns}
        rows={rows}
        onApply={onApply}
        tree={TREES[entity]}
        totals={TOTALS.has(entity)}
        toolbar={toolbar}
        handle={grid}
        testId={`grid-${entity}`}
        emptyText={t('grid.empty.md', { entity: tKey(t, `masterData.entity.${entity}`) })}
        loading={!list.loaded && !list.error}
      />
      {deleting && (
        <DeleteDialog entity={entity} ids={deleting} rows={rows} labelField={spec.labelField} onClose={() => setDeleting(null)} />
      )}
    </div>
  );
}
