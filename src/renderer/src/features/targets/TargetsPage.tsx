import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SPREAD_METHODS,
  type PlanVersionInfo,
  type SpreadMethod,
  type TargetDim,
  type TargetMeasure,
  type TargetPeriod,
} from '../../../../shared/endpoints/targets';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { errorText } from '../../i18n';
import { useApp } from '../../app/AppContext';
import { SegmentedControl } from '../../components/SegmentedControl';
import { DataGrid, GridApplyError, type ApplyLabel, type DataGridHandle, type GridChanges, type GridIssue, type GridRowId, type GridTreeOptions } from '../../grid';
import { buildColumns, buildRows, isLocked, MONTH_FIELDS, REGION_ID, rowId, type TargetRow } from './columns';
import { AddRowDialog, type AddRowResult } from './dialogs';
import { GapStrip } from './GapStrip';
import { HierarchyPicker } from './HierarchyPicker';
import { loadView, saveView, type TargetsView } from './hierarchy';
import { SeedPanel } from './SeedPanel';
import { TargetDialogs, type TargetDialogKind } from './TargetDialogs';
import { useTargetTree } from './useTargetTree';
import './targets.css';
import { NoteDialog, type NoteDraft } from '../plan/variance/NoteDialog';
import { notesBySlice, targetCellNotes, targetFieldPeriod, targetRowSlice } from '../plan/variance/markers';
import { periodText, useCauseName } from '../plan/variance/varianceText';
import { todayIso } from './dialogs/format';
import { useArrival, useDestination } from '../workspace/areaNav';

// The target-planning screen: pick the version, the measure and the row hierarchy;
// the gap against head office's target stays in view above the grid; every level of
// the grid is editable, a total spreads down by the chosen method and a leaf rolls up.
// Every edit is one `targets.setCells` command (one undo step); the grid then reads
// again only the parts of the tree that are loaded.

type SetCellsLabel = 'edit' | 'paste' | 'fill' | 'clear' | 'spread';

const PERIODS = new Set<string>(['year', 'q1', 'q2', 'q3', 'q4', ...MONTH_FIELDS]);

function versionGroups(versions: readonly PlanVersionInfo[]) {
  return {
    working: versions.filter((v) => v.kind === 'working'),
    scenarios: versions.filter((v) => v.kind === 'scenario'),
    snapshots: versions.filter((v) => v.kind === 'snapshot'),
  };
}

export function TargetsPage() {
  const { t } = useTranslation();
  const app = useApp();
  const { language, showError } = app;
  const unit = app.summary?.displayUnit ?? 'wan';
  const regionName = app.summary?.regionName ?? '';
  const grid = useRef<DataGridHandle>(null);
  const versionSelectId = useId();
  const methodSelectId = useId();
  const refSelectId = useId();

  const [view, setViewState] = useState<TargetsView>(loadView);
  const setView = useCallback((patch: Partial<TargetsView>) => {
    setViewState((prev) => {
      const next = { ...prev, ...patch };
      saveView(next);
      return next;
    });
  }, []);
  const { levels, measure, method } = view;

  // ---- versions ------------------------------------------------------------------------
  const versionList = useQuery('targets.versions', {});
  const versions = versionList.data;
  const versionsError = versionList.error ? errorText(versionList.error) : null;
  // The version on screen is the app's, so that undo can switch to the version it changes.
  const chosenId = app.targetVersionId;
  const setChosenId = app.showTargetVersion;
  const [referenceId, setReferenceId] = useState<number | null>(null);
  const working = versions?.find((v) => v.kind === 'working') ?? versions?.[0] ?? null;
  const current = versions?.find((v) => v.id === chosenId) ?? working;
  const versionId = current?.id ?? null;
  const readOnly = current?.frozen ?? false;
  const others = useMemo(() => (versions ?? []).filter((v) => v.id !== versionId), [versions, versionId]);
  const reference = others.find((v) => v.id === referenceId) ?? others[0] ?? null;

  // ---- variance notes: read once for the version on screen, looked up per cell -----------
  const [today] = useState(todayIso);
  const planYear = app.summary?.planYear ?? new Date().getFullYear() + 1;
  const variance = useQuery('plan.variance.notes', versionId === null ? null : { versionId, today }).data;
  const noteIndex = useMemo(() => notesBySlice(variance?.notes ?? []), [variance]);
  const causeName = useCauseName();
  const [noteDraft, setNoteDraft] = useState<{ draft: NoteDraft; label: string } | null>(null);
  const notesAt = useCallback(
    (row: TargetRow, field: TargetPeriod): string[] =>
      targetCellNotes(noteIndex, targetRowSlice(levels, row.path), targetFieldPeriod(field, planYear)).map((n) => {
        const cause = variance?.causes.find((c) => c.id === n.causeId);
        const tt = t as unknown as (k: string, o?: Record<string, unknown>) => string;
        return `${periodText(tt, n.period)} · ${causeName(cause)}${n.body ? `：${n.body}` : ''}`;
      }),
    [noteIndex, levels, planYear, variance, causeName, t],
  );

  // ---- the tree --------------------------------------------------------------------------
  const tree = useTargetTree(versionId, levels, measure);
  const lastYearOf = tree.summary?.lastYearOf ?? (app.summary?.planYear ?? new Date().getFullYear() + 1) - 1;
  const rows = useMemo(
    () =>
      tree.total
        ? buildRows(tree.nodes, tree.total, t('targets.region', { name: regionName }), t('targets.none'), tree.isUnloaded, language)
        : [],
    [tree.nodes, tree.total, tree.isUnloaded, regionName, t, language],
  );
  const rowById = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const columns = useMemo(
    () => buildColumns({ t, language, unit, measure, levels, readOnly, lastYearOf, notesAt }),
    [t, language, unit, measure, levels, readOnly, lastYearOf, notesAt],
  );
  const expand = tree.expand;
  const treeOptions = useMemo<GridTreeOptions>(
    () => ({
      parentField: 'parent',
      labelField: 'label',
      unloadedField: 'unloaded',
      onExpand: (row) => {
        const node = (row as TargetRow).node;
        if (node) expand(node);
      },
    }),
    [expand],
  );
  const rowClass = useCallback((row: TargetRow) => (row.id === REGION_ID ? 'tg-row--region' : `tg-row--d${Math.min(row.depth, 4)}`), []);

  // ---- edits -----------------------------------------------------------------------------
  const settled = tree.settled;
  const [busy, setBusy] = useState(false);
  const [fallback, setFallback] = useState<{ method: SpreadMethod; basis: 'current' | 'equal' } | null>(null);
  const setCells = useCallback(
    async (edits: { path: number[]; period: TargetPeriod; value: number }[], label: SetCellsLabel, spreadBy: SpreadMethod = method) => {
      if (versionId === null) return { ok: false as const, issues: [] as GridIssue[] };
      const outcome = await runCommand('targets.setCells', {
        versionId,
        levels: [...levels],
        measure,
        method: spreadBy,
        ...(spreadBy === 'version' && reference ? { referenceVersionId: reference.id } : {}),
        edits,
        label,
      });
      if (!outcome.ok) {
        // The core refused the spread (e.g. every leaf below is locked): say why, change nothing.
        if (outcome.error.code !== 'INVALID_INPUT') {
          showError({ titleKey: 'errors.saveTitle', data: outcome.error });
          return { ok: false as const, issues: [] };
        }
        const message = errorText(outcome.error);
        // One edit: name its cell; several: the refusal as a whole.
        const only = edits.length === 1 ? edits[0] : null;
        return { ok: false as const, issues: [only ? { rowId: rowId(only.path), field: only.period, message } : { message }] };
      }
      // A method with no data to follow falls back: say so, once.
      const basis = outcome.value.basis;
      const wanted = spreadBy === 'current' ? 'current' : spreadBy === 'equal' ? 'equal' : 'weights';
      setFallback(basis !== wanted && (basis === 'current' || basis === 'equal') ? { method: spreadBy, basis } : null);
      await settled();
      return { ok: true as const };
    },
    [levels, measure, method, reference, settled, showError, versionId],
  );

  const onApply = useCallback(
    async (changes: GridChanges, label: ApplyLabel) => {
      if (readOnly) throw new GridApplyError([{ message: t('targets.version.readOnly') }]);
      const edits: { path: number[]; period: TargetPeriod; value: number }[] = [];
      for (const u of changes.updates) {
        const row = rowById.get(String(u.id));
        if (!row) continue;
        for (const [field, value] of Object.entries(u.values)) {
          if (!PERIODS.has(field)) continue;
          edits.push({ path: row.path, period: field as TargetPeriod, value: typeof value === 'number' ? value : 0 });
        }
      }
      if (edits.length === 0) return;
      const result = await setCells(edits, label === 'append' ? 'paste' : label);
      if (!result.ok) throw new GridApplyError(result.issues);
    },
    [readOnly, rowById, setCells, t],
  );

  const [seedError, setSeedError] = useState<string | null>(null);
  const seed = useCallback(
    async (value: number) => {
      setBusy(true);
      setSeedError(null);
      try {
        const r = await setCells([{ path: [], period: 'year', value }], 'spread');
        if (!r.ok && r.issues.length > 0) setSeedError(r.issues.map((i) => i.message).join(' '));
      } finally {
        setBusy(false);
      }
    },
    [setCells],
  );

  // ---- the focused row: locks and manual weights -----------------------------------------
  const [focus, setFocus] = useState<{ rowId: GridRowId; field: string } | null>(null);
  const focusRow = focus ? rowById.get(String(focus.rowId)) ?? null : null;
  const focusMonth = focus && /^m\d+$/.test(focus.field) ? Number(focus.field.slice(1)) : null;
  const focusChildren = useMemo(
    () => (focusRow ? rows.filter((r) => r.parent === focusRow.id && r.node).map((r) => r.node!) : []),
    [focusRow, rows],
  );
  const lockable = !!focusRow && focusRow.id !== REGION_ID && !readOnly;

  const setLock = useCallback(
    async (row: TargetRow, month: number, locked: boolean) => {
      if (versionId === null) return;
      const scope = row.path.map((id, i) => ({ dim: levels[i], id }));
      const outcome = await runCommand('targets.setLock', { versionId, scope, month, locked });
      if (!outcome.ok) showError({ titleKey: 'errors.saveTitle', data: outcome.error });
    },
    [levels, showError, versionId],
  );
  const rowLocked = focusRow?.lock === 'all';
  const monthLocked = !!focusRow && focusMonth !== null && isLocked(focusRow, `m${focusMonth}` as TargetPeriod);
  const monthName = focusMonth !== null ? t(`targets.col.month.${MONTH_FIELDS[focusMonth - 1]}`) : '';

  // ---- dialogs ---------------------------------------------------------------------------
  const [dialog, setDialog] = useState<TargetDialogKind | null>(null);

  // ---- new rows: the dialog adds under the selected row (or the region); then the row is focused
  const [addingRow, setAddingRow] = useState(false);
  const [rowMessage, setRowMessage] = useState<string | null>(null);
  /** A destination's row to focus once it is among the grid's rows (after the view changes). */
  const pendingFocus = useRef<string | null>(null);
  const addParent = focusRow && focusRow.path.length < levels.length ? focusRow : (rowById.get(REGION_ID) ?? null);
  const onRowAdded = (result: AddRowResult) => {
    setAddingRow(false);
    setRowMessage(t(`targets.rows.${result.kind}`, { name: result.name }));
    // Open the parent when its children are not loaded yet, then focus the row: the grid
    // focuses it at once when its rows hold it (the command's answer may already have
    // brought the tree's), or when they bring it.
    const parentRow = rowById.get(rowId(result.path.slice(0, -1)));
    if (parentRow?.node && tree.isUnloaded(parentRow.node)) expand(parentRow.node);
    grid.current?.focusRow(rowId(result.path));
  };
  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null || !rowById.has(id)) return;
    grid.current?.focusRow(id);
    pendingFocus.current = null;
  }, [rowById]);

  // Sent here by a finding of the pre-submission check: head office's target opens its
  // dialog; a customer or a SKU is shown at the top level and its row focused.
  const destination = useDestination('targets');
  useArrival('targets', (d) => {
    if (d.tab === 'ho') setDialog('hoTarget');
    const dim = d.tab === 'customer' || d.tab === 'sku' ? d.tab : null;
    if (dim && typeof d.ref === 'number' && levels[0] !== dim) setView({ levels: [dim] });
  });
  const focusedVisit = useRef<number | null>(null);
  useEffect(() => {
    if (!destination || focusedVisit.current === destination.seq) return;
    if ((destination.tab !== 'customer' && destination.tab !== 'sku') || typeof destination.ref !== 'number') return;
    focusedVisit.current = destination.seq;
    const id = rowId([destination.ref]);
    if (rowById.has(id)) grid.current?.focusRow(id);
    else pendingFocus.current = id;
  }, [destination, rowById]);

  const groups = versionGroups(versions ?? []);
  const versionLabel = (v: PlanVersionInfo) => (v.kind === 'working' ? t('targets.version.working') : v.name);
  const disabledMethods: SpreadMethod[] = others.length === 0 ? ['version'] : [];

  // A note is made on the working plan, for the focused cell's row and period.
  const noteTarget = useMemo(() => {
    if (!focusRow || !focus || current?.kind !== 'working' || !variance) return null;
    const slice = targetRowSlice(levels, focusRow.path);
    const period = targetFieldPeriod(focus.field, planYear);
    if (!slice || !period) return null;
    const labels: string[] = [];
    for (let id: string | null = focusRow.id; id !== null && id !== REGION_ID; id = rowById.get(id)?.parent ?? null) labels.unshift(rowById.get(id)?.label ?? '');
    const draft: NoteDraft = { period, slice, causeId: null, body: '', author: '' };
    return { draft, label: labels.join(' · ') || t('planVariance.region') };
  }, [focusRow, focus, current, variance, levels, planYear, rowById, t]);

  // Kept while what it shows stays the same, so that the grid does not render again with it.
  const gridToolbar = useMemo(
    () => (
      <>
        <button
          type="button"
          className={rowLocked ? 'btn btn--small tg-lockbtn is-locked' : 'btn btn--small tg-lockbtn'}
          disabled={!lockable}
          title={lockable ? t('targets.tools.lockRowHint') : t('targets.tools.selectRow')}
          onClick={() => focusRow && void setLock(focusRow, 0, !rowLocked)}
          data-testid="targets-lock-button"
          data-locked={rowLocked ? 'true' : 'false'}
        >
          {rowLocked ? t('targets.tools.unlockRow') : t('targets.tools.lockRow')}
        </button>
        <button
          type="button"
          className={monthLocked ? 'btn btn--small tg-lockbtn is-locked' : 'btn btn--small tg-lockbtn'}
          disabled={!lockable || focusMonth === null || rowLocked}
          title={t('targets.tools.lockMonthHint')}
          onClick={() => focusRow && focusMonth !== null && void setLock(focusRow, focusMonth, !monthLocked)}
          data-testid="targets-lock-month-button"
          data-locked={monthLocked ? 'true' : 'false'}
        >
          {focusMonth === null
            ? t('targets.tools.lockMonthNone')
            : monthLocked
              ? t('targets.tools.unlockMonth', { month: monthName })
              : t('targets.tools.lockMonth', { month: monthName })}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={readOnly || !addParent}
          title={t('targets.tools.addRowHint')}
          onClick={() => {
            setRowMessage(null);
            setAddingRow(true);
          }}
          data-testid="targets-add-row"
        >
          {t('targets.tools.addRow')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={!noteTarget}
          title={noteTarget ? undefined : t('planVariance.recordHint')}
          onClick={() => noteTarget && setNoteDraft(noteTarget)}
          data-testid="targets-record-variance"
        >
          {t('planVariance.recordButton')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={readOnly || focusChildren.length === 0}
          title={focusChildren.length === 0 ? t('targets.tools.manualNeedsChildren') : t('targets.tools.manualHint')}
          onClick={() => setDialog('manual')}
          data-testid="targets-manual-button"
        >
          {t('targets.tools.manual')}
        </button>
        {rowMessage && (
          <span className="tg-fallback" role="status" data-testid="targets-row-message">
            {rowMessage}
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setRowMessage(null)} aria-label={t('common.close')}>
              ×
            </button>
          </span>
        )}
        {fallback && (
          <span className="tg-fallback" role="status" data-testid="targets-fallback">
            {t('targets.method.fellBack', { method: t(`targets.method.${fallback.method}`), basis: t(`targets.method.${fallback.basis}`) })}
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setFallback(null)} aria-label={t('common.close')}>
              ×
            </button>
          </span>
        )}
      </>
    ),
    [addParent, fallback, focusChildren.length, focusMonth, focusRow, lockable, monthLocked, monthName, noteTarget, readOnly, rowLocked, rowMessage, setLock, t],
  );

  let body;
  if (tree.error || versionsError) {
    body = (
      <p className="inline-error tg-error" data-testid="targets-error">
        {tree.error ? errorText(tree.error) : versionsError}
      </p>
    );
  } else if (!tree.loaded || versionId === null) {
    body = <p className="muted tg-loading">{t('targets.loading')}</p>;
  } else if (tree.seeded === false && readOnly) {
    body = <p className="muted tg-loading">{t('targets.empty.readOnly')}</p>;
  } else if (tree.seeded === false) {
    body = (
      <SeedPanel
        measure={measure}
        unit={unit}
        language={language}
        method={method}
        onMethod={(m) => setView({ method: m })}
        disabledMethods={disabledMethods}
        busy={busy}
        refusal={seedError}
        onSubmit={(v) => void seed(v)}
      />
    );
  } else {
    body = (
      <DataGrid<TargetRow>
        key={`${levels.join(',')}|${measure}|${versionId}`}
        gridId={`targets.${measure}`}
        columns={columns}
        rows={rows}
        onApply={onApply}
        tree={treeOptions}
        toolbar={gridToolbar}
        handle={grid}
        appendRows={false}
        rowClass={rowClass}
        onFocusChange={setFocus}
        testId="targets-grid"
      />
    );
  }

  return (
    <section
      className="tg"
      data-testid="targets-page"
      data-version={versionId ?? ''}
      data-readonly={readOnly ? 'true' : 'false'}
      data-loaded={tree.loaded ? 'true' : 'false'}
      data-seeded={tree.seeded === null ? '' : String(tree.seeded)}
    >
      <header className="tg__header">
        <h1 className="page-header__title tg__title">{t('targets.title')}</h1>
        <div className="tg-field">
          <label className="tg-field__label" htmlFor={versionSelectId}>
            {t('targets.version.label')}
          </label>
          <select
            id={versionSelectId}
            className="input tg-select tg-select--version"
            value={versionId ?? ''}
            onChange={(e) => {
              setChosenId(Number(e.target.value));
              setFocus(null);
            }}
            disabled={!versions}
            data-testid="targets-version-select"
          >
            {groups.working.map((v) => (
              <option key={v.id} value={v.id}>
                {versionLabel(v)}
              </option>
            ))}
            {groups.scenarios.length > 0 && (
              <optgroup label={t('targets.version.scenarios')}>
                {groups.scenarios.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            )}
            {groups.snapshots.length > 0 && (
              <optgroup label={t('targets.version.snapshots')}>
                {groups.snapshots.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          {readOnly && (
            <span className="badge tg-badge--readonly" data-testid="targets-readonly-badge">
              {t('targets.version.readOnly')}
            </span>
          )}
        </div>
        <SegmentedControl<TargetMeasure>
          label={t('targets.measure.label')}
          size="small"
          value={measure}
          options={[
            { value: 'amount', label: t('targets.measure.amount') },
            { value: 'volume', label: t('targets.measure.volume') },
          ]}
          onChange={(m) => setView({ measure: m })}
          testId="targets-measure"
        />
        <HierarchyPicker levels={levels} onChange={(l: TargetDim[]) => setView({ levels: l })} />
        <div className="tg-field" title={t('targets.method.hint')}>
          <label className="tg-field__label" htmlFor={methodSelectId}>
            {t('targets.method.label')}
          </label>
          <select
            id={methodSelectId}
            className="input tg-select"
            value={method}
            onChange={(e) => setView({ method: e.target.value as SpreadMethod })}
            data-testid="targets-method"
          >
            {SPREAD_METHODS.map((m) => (
              <option key={m} value={m} disabled={disabledMethods.includes(m)}>
                {t(`targets.method.${m}`)}
              </option>
            ))}
          </select>
          {method === 'version' && (
            <>
              <label className="tg-sr" htmlFor={refSelectId}>
                {t('targets.method.reference')}
              </label>
              <select
                id={refSelectId}
                className="input tg-select"
                value={reference?.id ?? ''}
                onChange={(e) => setReferenceId(Number(e.target.value))}
                title={t('targets.method.reference')}
                data-testid="targets-method-reference"
              >
                {others.length === 0 && <option value="">{t('targets.method.noReference')}</option>}
                {others.map((v) => (
                  <option key={v.id} value={v.id}>
                    {versionLabel(v)}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        <span className="tg__spacer" />
        <div className="tg__tools" role="group">
          <button type="button" className="btn btn--small" onClick={() => setDialog('hoTarget')} data-testid="targets-open-ho">
            {t('targets.tools.hoTarget')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setDialog('versions')} disabled={!versions} data-testid="targets-open-versions">
            {t('targets.tools.versions')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setDialog('compare')} disabled={!versions || versions.length < 2} data-testid="targets-open-compare">
            {t('targets.tools.compare')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setDialog('seasonality')} disabled={versionId === null} data-testid="targets-open-seasonality">
            {t('targets.tools.seasonality')}
          </button>
          <button type="button" className="btn btn--small" onClick={() => setDialog('balance')} disabled={versionId === null || readOnly} data-testid="targets-open-balance">
            {t('targets.tools.balance')}
          </button>
        </div>
      </header>
      {readOnly && current && (
        <p className="tg-banner" role="note" data-testid="targets-readonly-banner">
          {t('targets.version.frozenBanner', { name: current.name })}
        </p>
      )}
      <GapStrip summary={tree.summary} measure={measure} unit={unit} language={language} />
      <div className="tg__body">{body}</div>
      {noteDraft && variance && (
        <NoteDialog draft={noteDraft.draft} sliceLabel={noteDraft.label} causes={variance.causes} years={variance.years} onClose={() => setNoteDraft(null)} />
      )}
      {addingRow && addParent && versionId !== null && (
        <AddRowDialog
          versionId={versionId}
          levels={[...levels]}
          parent={{ path: addParent.path, label: addParent.label }}
          onDone={onRowAdded}
          onClose={() => setAddingRow(false)}
        />
      )}
      {dialog && versions && versionId !== null && (
        <TargetDialogs
          kind={dialog}
          versions={versions}
          versionId={versionId}
          readOnly={readOnly}
          measure={measure}
          levels={levels}
          focusRow={focusRow}
          focusChildren={focusChildren}
          onSelectVersion={(id) => {
            setChosenId(id);
            setFocus(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
