import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, findNamedRef, isOverdue, type ActionRow, type ActionStatus, type NamedRef } from '../../../../shared/endpoints/team';
import { geoDisplayName } from '../../../../shared/geoNames';
import { useApp } from '../../app/AppContext';
import { runCommand, type Outcome } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { errorText } from '../../i18n';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn, type ParseResult } from '../../grid';
import { tKey } from '../masterData/columns';
import { parseDate } from '../../../../shared/masterData';
import { todayIso } from '../targets/dialogs/format';
import { gridError } from './teamFormat';
import './team.css';

// The action list (PDCA): what is to be done, by whom and by when, for which slice and
// which measure; sorted by due date, filtered by status and owner, and actions past
// their due date that are still open or in progress highlighted and counted.

type GridAction = ActionRow & { [field: string]: unknown };
type RefField = 'ownerId' | 'cityId' | 'channelId' | 'brandId';
const REF_TABLE: Record<RefField, 'salesperson' | 'city' | 'channel' | 'brand'> = {
  ownerId: 'salesperson',
  cityId: 'city',
  channelId: 'channel',
  brandId: 'brand',
};
const HEADER: Record<RefField, string> = { ownerId: 'owner', cityId: 'city', channelId: 'channel', brandId: 'brand' };

export function ActionsPanel() {
  const { t } = useTranslation();
  const { language } = useApp();
  const [today] = useState(todayIso);
  const { data, error, settled } = useQuery('team.actions.list', { today });
  const [statusFilter, setStatusFilter] = useState<ActionStatus | ''>('');
  const [ownerFilter, setOwnerFilter] = useState<number | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const grid = useRef<DataGridHandle>(null);

  const refs = data?.refs;
  const statusText = useCallback((s: string) => tKey(t, `team.status.${s}`), [t]);

  const columns = useMemo<GridColumn<GridAction>[]>(() => {
    const refColumn = (field: RefField, width: number): GridColumn<GridAction> => {
      const list: NamedRef[] = refs?.[REF_TABLE[field]] ?? [];
      const isPlace = field === 'cityId';
      // Cities of the national list show in the UI language; custom ones as written.
      const names = new Map(list.map((r) => [r.id, isPlace ? geoDisplayName(r.name, 'city', language) : r.name]));
      return {
        field,
        header: tKey(t, `team.actions.${HEADER[field]}`),
        kind: 'text',
        editable: true,
        width,
        format: (v) => (typeof v === 'number' ? (names.get(v) ?? `#${v}`) : ''),
        parse: (text): ParseResult => {
          const s = text.trim();
          if (s === '') return { ok: true, value: null };
          const hit = findNamedRef(list, s, isPlace);
          return hit ? { ok: true, value: hit.id } : { ok: false, reason: t('team.parse.unknown', { text: s }) };
        },
      };
    };
    const cols: GridColumn<GridAction>[] = [
      { field: 'title', header: t('team.actions.title'), kind: 'text', editable: true, required: true, width: 240, pinned: true,
        parse: (text) => (text.trim() ? { ok: true, value: text.trim() } : { ok: false, reason: t('team.parse.required') }) },
      refColumn('ownerId', 110),
      { field: 'dueDate', header: t('team.actions.dueDate'), kind: 'date', editable: true, width: 120,
        format: (v) => (typeof v === 'string' ? v : ''),
        parse: (text) => {
          if (text.trim() === '') return { ok: true, value: null };
          const d = parseDate(text);
          return d ? { ok: true, value: d } : { ok: false, reason: t('team.parse.date') };
        },
        cellClass: () => 'action-due' },
      { field: 'status', header: t('team.actions.status'), kind: 'text', editable: true, required: true, width: 100,
        format: (v) => (typeof v === 'string' ? statusText(v) : ''),
        text: (v) => (typeof v === 'string' ? statusText(v) : ''),
        parse: (text) => {
          const s = text.trim();
          const hit = ACTION_STATUSES.find((k) => k === s || statusText(k) === s);
          return hit ? { ok: true, value: hit } : { ok: false, reason: t('team.parse.unknown', { text: s }) };
        },
        cellClass: (v) => `action-status--${String(v)}` },
      refColumn('cityId', 100),
      refColumn('channelId', 100),
      refColumn('brandId', 100),
      { field: 'measure', header: t('team.actions.measure'), kind: 'text', editable: true, width: 160 },
      { field: 'note', header: t('team.actions.note'), kind: 'text', editable: true, width: 220 },
    ];
    // The row's state as a class on every cell: cell classes follow data changes (row classes would stick).
    const state = (row: GridAction) =>
      isOverdue(row, today) ? 'action--overdue' : row.status === 'done' || row.status === 'dropped' ? 'action--closed' : undefined;
    return cols.map((c) => {
      const own = c.cellClass;
      return { ...c, cellClass: (v: unknown, row: GridAction) => [own?.(v, row), state(row)].filter(Boolean).join(' ') || undefined };
    });
  }, [t, refs, statusText, today, language]);

  const rows = useMemo<GridAction[]>(
    () =>
      (data?.rows ?? [])
        .filter((r) => (statusFilter === '' || r.status === statusFilter) && (ownerFilter === '' || r.ownerId === ownerFilter))
        .map((r) => ({ ...r })),
    [data, statusFilter, ownerFilter],
  );

  const onApply = useCallback(
    async (changes: GridChanges) => {
      const input = [
        ...changes.updates.map((u) => ({ id: Number(u.id), ...u.values })),
        ...changes.appends.map((a) => ({ title: t('team.actions.newTitle'), ...a })),
      ].map((r) => {
        const { overdue: _o, ...rest } = r as Record<string, unknown>;
        void _o;
        return rest;
      });
      const outcome = await runCommand('team.actions.apply', { rows: input as never, label: changes.appends.length > 0 ? 'append' : 'edit' });
      if (!outcome.ok) throw gridError(outcome.error);
      // New rows get their ids from the reload.
      if (changes.appends.length > 0) await settled();
    },
    [settled, t],
  );

  /** A toolbar command: its refusal shows in the toolbar. */
  const run = async <T,>(command: Promise<Outcome<T>>) => {
    setNotice(null);
    const outcome = await command;
    if (!outcome.ok) setNotice(errorText(outcome.error));
    return outcome;
  };

  const addAction = async () => {
    const owner = ownerFilter === '' ? undefined : ownerFilter;
    const status = statusFilter === '' ? undefined : statusFilter;
    const outcome = await run(runCommand('team.actions.apply', { rows: [{ title: t('team.actions.newTitle'), ownerId: owner, status }], label: 'append' }));
    if (!outcome.ok) return;
    const id = outcome.value.ids[0];
    // The new row is in the grid once its reload has landed and React has handed it over.
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (id !== undefined) requestAnimationFrame(() => grid.current?.focusRow(id));
  };
  const removeSelected = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length === 0) return;
    await run(runCommand('team.actions.remove', { ids }));
  };

  const overdue = data?.overdueCount ?? 0;

  return (
    <div className="actions" data-testid="expenses-panel-actions" data-loaded={data ? 'true' : 'false'}>
      {error && <p className="inline-error">{errorText(error)}</p>}
      <div className="actions__head">
        <h2 className="section-title" style={{ margin: 0 }}>{t('team.actionsTitle')}</h2>
        <span className={overdue > 0 ? 'actions__badge is-overdue' : 'actions__badge'} data-testid="actions-overdue-badge" data-count={overdue}>
          {overdue > 0 ? t('team.actions.overdue', { count: overdue }) : t('team.actions.noneOverdue')}
        </span>
        <span className="team__hint">{t('team.actions.count', { count: data?.rows.length ?? 0 })}</span>
        <label className="actions__filter">
          {t('team.actions.filterStatus')}
          <select value={statusFilter} onChange={(e) => setStatusFilter(e.target.value as ActionStatus | '')} data-testid="actions-filter-status">
            <option value="">{t('team.actions.all')}</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="actions__filter">
          {t('team.actions.filterOwner')}
          <select value={ownerFilter} onChange={(e) => setOwnerFilter(e.target.value === '' ? '' : Number(e.target.value))} data-testid="actions-filter-owner">
            <option value="">{t('team.actions.all')}</option>
            {(refs?.salesperson ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <span className="team__hint">{t('team.actions.hint')}</span>
      </div>
      <div className="actions__grid">
        <DataGrid<GridAction>
          gridId="team.actions"
          columns={columns}
          rows={rows}
          onApply={onApply}
          handle={grid}
          testId="actions-grid"
          emptyText={t('grid.empty.actions')}
          toolbar={
            <>
              <button type="button" className="btn btn--small" onClick={() => void addAction()} data-testid="actions-add">
                {t('team.actions.add')}
              </button>
              <button type="button" className="btn btn--small" onClick={() => void removeSelected()} data-testid="actions-remove">
                {t('team.actions.remove')}
              </button>
              {notice && (
                <span className="md-notice" role="status" data-testid="actions-notice">
                  {notice}
                </span>
              )}
            </>
          }
        />
      </div>
    </div>
  );
}
