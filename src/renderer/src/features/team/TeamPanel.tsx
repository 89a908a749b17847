import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KNOWN_ROLES, type HeadcountCellInput, type TeamPlanResult } from '../../../../shared/endpoints/team';
import { unitLabel } from '../../../../shared/units';
import { runCommand, type Outcome } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn, type GridRowId } from '../../grid';
import { tKey } from '../masterData/columns';
import { gridError, intText, money, parseHeadcount, parseMoney, roleFromText, roleLabel, yuanText } from './teamFormat';
import './team.css';

// The team and training plan: headcount by role and month (three lines per role:
// headcount, monthly cost per head, and the personnel cost derived from them, with
// quarter and year), and the training sessions with their cost.

type Kind = 'hc' | 'cph' | 'cost' | 'total';
interface HcRow {
  id: string;
  role: string;
  kind: Kind;
  roleText: string;
  measure: string;
  [field: string]: unknown;
}
interface TrainingGridRow {
  id: number;
  topic: string;
  audience: string;
  month: number;
  costCents: number;
  [field: string]: unknown;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

export function TeamPanel() {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const lang = app.language;
  const { data, error, settled } = useQuery('team.plan', {});
  const [notice, setNotice] = useState<string | null>(null);
  const [newRole, setNewRole] = useState('');
  const [focusRole, setFocusRole] = useState<string | null>(null);
  const trainingGrid = useRef<DataGridHandle>(null);

  const hcRows = useMemo(() => buildRows(t, data), [t, data]);

  const hcColumns = useMemo<GridColumn<HcRow>[]>(() => {
    const cols: GridColumn<HcRow>[] = [
      { field: 'roleText', header: t('team.col.role'), kind: 'text', pinned: true, width: 150 },
      { field: 'measure', header: t('team.col.measure'), kind: 'text', pinned: true, width: 170 },
    ];
    const fmt = (v: unknown, row: HcRow) => {
      if (typeof v !== 'number') return '';
      if (row.kind === 'hc') return intText(v, lang);
      if (row.kind === 'cph') return money(v, 'yuan', lang);
      return money(v, unit, lang);
    };
    for (const m of MONTHS) {
      cols.push({
        field: `m${m}`,
        header: t('team.month', { n: m }),
        kind: 'number',
        width: 76,
        editable: (row) => row.kind === 'hc' || row.kind === 'cph',
        format: fmt,
        text: (v, row) => (typeof v !== 'number' ? '' : row.kind === 'cph' ? yuanText(v) : String(v)),
        parse: (text, row) => (row?.kind === 'cph' ? parseMoney(t, text, 'yuan', lang) : parseHeadcount(t, text)),
        cellClass: (_v, row) => (row.kind === 'cost' || row.kind === 'total' ? 'team-derived' : undefined),
      });
    }
    for (const q of [1, 2, 3, 4]) cols.push({ field: `q${q}`, header: t('team.quarter', { n: q }), kind: 'number', width: 86, format: fmt, cellClass: () => 'team-derived' });
    cols.push({ field: 'year', header: t('team.col.year'), kind: 'number', width: 110, format: fmt, cellClass: () => 'team-derived team-year' });
    return cols;
  }, [t, lang, unit]);

  const onHeadcountApply = useCallback(
    async (changes: GridChanges) => {
      const byId = new Map(hcRows.map((r) => [r.id, r]));
      const cells: HeadcountCellInput[] = [];
      for (const u of changes.updates) {
        const row = byId.get(String(u.id));
        if (!row || (row.kind !== 'hc' && row.kind !== 'cph')) continue;
        for (const [field, value] of Object.entries(u.values)) {
          const m = /^m(\d+)$/.exec(field);
          if (!m || typeof value !== 'number') continue;
          cells.push(row.kind === 'hc' ? { role: row.role, month: Number(m[1]), headcount: value } : { role: row.role, month: Number(m[1]), costPerHeadCents: value });
        }
      }
      if (cells.length === 0) return;
      const outcome = await runCommand('team.setHeadcount', { cells, label: 'edit' });
      if (!outcome.ok) throw gridError(outcome.error);
    },
    [hcRows],
  );

  /** A toolbar command: its refusal shows in the toolbar. */
  const run = useCallback(async (command: Promise<Outcome<unknown>>) => {
    setNotice(null);
    const outcome = await command;
    if (!outcome.ok) setNotice(errorText(outcome.error));
    return outcome.ok;
  }, []);

  const addRole = async () => {
    const role = roleFromText(t, newRole);
    if (!role) {
      setNotice(t('team.parse.required'));
      return;
    }
    if (await run(runCommand('team.addRole', { role }))) setNewRole('');
  };

  const removeRole = async () => {
    if (!focusRole) return;
    if (!window.confirm(t('team.removeRoleConfirm', { role: roleLabel(t, focusRole) }))) return;
    await run(runCommand('team.removeRole', { role: focusRole }));
    setFocusRole(null);
  };

  const onFocus = useCallback(
    (cell: { rowId: GridRowId } | null) => {
      const row = cell ? hcRows.find((r) => r.id === String(cell.rowId)) : undefined;
      setFocusRole(row && row.kind !== 'total' ? row.role : null);
    },
    [hcRows],
  );

  // ---- training -------------------------------------------------------------------
  const trainingRows = useMemo<TrainingGridRow[]>(() => (data?.training ?? []).map((s) => ({ ...s })), [data]);
  const trainingColumns = useMemo<GridColumn<TrainingGridRow>[]>(
    () => [
      { field: 'topic', header: t('team.training.topic'), kind: 'text', editable: true, required: true, width: 240,
        parse: (text) => (text.trim() ? { ok: true, value: text.trim() } : { ok: false, reason: t('team.parse.required') }) },
      { field: 'audience', header: t('team.training.audience'), kind: 'text', editable: true, width: 200 },
      { field: 'month', header: t('team.training.month'), kind: 'number', editable: true, required: true, width: 90,
        format: (v) => (typeof v === 'number' ? t('team.month', { n: v }) : ''),
        text: (v) => (typeof v === 'number' ? String(v) : ''),
        parse: (text) => {
          const n = Number(text.replace(/[月Mm\s]/g, ''));
          return Number.isInteger(n) && n >= 1 && n <= 12 ? { ok: true, value: n } : { ok: false, reason: t('team.parse.month') };
        } },
      { field: 'costCents', header: t('team.training.costIn', { unit: unitLabel(unit, lang) }), kind: 'money', editable: true, width: 150, total: true,
        format: (v) => (typeof v === 'number' ? money(v, unit, lang) : ''),
        text: (v) => (typeof v === 'number' ? String(v / (unit === 'yuan' ? 100 : unit === 'wan' ? 1_000_000 : 10_000_000_000)) : ''),
        parse: (text) => parseMoney(t, text, unit, lang) },
    ],
    [t, unit, lang],
  );

  const onTrainingApply = useCallback(
    async (changes: GridChanges) => {
      const rows = [
        ...changes.updates.map((u) => ({ id: Number(u.id), ...(u.values as Record<string, string | number>) })),
        ...changes.appends.map((a) => ({ topic: t('team.training.newTopic'), month: 1, ...(a as Record<string, string | number>) })),
      ];
      const outcome = await runCommand('team.training.apply', { rows: rows as never, label: changes.appends.length > 0 ? 'append' : 'edit' });
      if (!outcome.ok) throw gridError(outcome.error);
      // New rows get their ids from the reload.
      if (changes.appends.length > 0) await settled();
    },
    [settled, t],
  );

  const addTraining = async () => {
    const ok = await run(runCommand('team.training.apply', { rows: [{ topic: t('team.training.newTopic'), month: 1, costCents: 0 }], label: 'append' }));
    if (ok) await settled();
  };
  const removeTraining = async () => {
    const ids = (trainingGrid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length === 0) return;
    await run(runCommand('team.training.remove', { ids }));
  };

  const empty = data !== null && data.roles.length === 0;
  return (
    <div className="team" data-testid="expenses-panel-team" data-loaded={data ? 'true' : 'false'}>
      {error && <p className="inline-error">{errorText(error)}</p>}
      <section className="team__section team__section--grow">
        <header className="team__section-head">
          <h2 className="section-title">{t('team.headcountTitle')}</h2>
          <span className="team__hint">{t('team.headcountHint')}</span>
          <div className="team__tiles">
            <div className="team__tile">
              <span className="team__tile-label">{t('team.yearCost')}</span>
              <span className="team__tile-value" data-testid="team-year-cost">{data ? money(data.yearCostCents, unit, lang) : '—'}</span>
              <span className="team__tile-unit">{unitLabel(unit, lang)}</span>
            </div>
            <div className="team__tile">
              <span className="team__tile-label">{t('team.training.total')}</span>
              <span className="team__tile-value" data-testid="team-training-total">{data ? money(data.trainingCostCents, unit, lang) : '—'}</span>
              <span className="team__tile-unit">{unitLabel(unit, lang)}</span>
            </div>
          </div>
        </header>
        {empty && (
          <div className="team__empty" data-testid="team-empty">
            <span>{t('team.empty')}</span>
            <button type="button" className="btn btn--primary btn--small" onClick={() => void run(runCommand('team.seedFromMaster', {}))} data-testid="team-seed" title={t('team.seedHint')}>
              {t('team.seed')}
            </button>
          </div>
        )}
        <div className="team__grid team__grid--hc">
          <DataGrid<HcRow>
            gridId="team.headcount"
            columns={hcColumns}
            rows={hcRows}
            onApply={onHeadcountApply}
            appendRows={false}
            filterBox={false}
            rowClass={(row) => `team-row--${row.kind}`}
            onFocusChange={onFocus}
            testId="team-headcount-grid"
            toolbar={
              <>
                <input
                  className="team__role-input"
                  list="team-roles"
                  value={newRole}
                  onChange={(e) => setNewRole(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') void addRole();
                  }}
                  placeholder={t('team.addRolePlaceholder')}
                  aria-label={t('team.addRolePrompt')}
                  maxLength={40}
                  data-testid="team-role-input"
                />
                <datalist id="team-roles">
                  {KNOWN_ROLES.filter((r) => !data?.roles.some((x) => x.role === r)).map((r) => (
                    <option key={r} value={roleLabel(t, r)} />
                  ))}
                </datalist>
                <button type="button" className="btn btn--small" onClick={() => void addRole()} data-testid="team-add-role">
                  {t('team.addRole')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void removeRole()} disabled={!focusRole} data-testid="team-remove-role">
                  {t('team.removeRole')}
                </button>
                <span className="team__hint">{t('team.unitNote', { unit: unitLabel(unit, lang) })}</span>
                {notice && (
                  <span className="md-notice" role="status" data-testid="team-notice">
                    {notice}
                  </span>
                )}
              </>
            }
          />
        </div>
      </section>

      <section className="team__section">
        <header className="team__section-head">
          <h2 className="section-title">{t('team.trainingTitle')}</h2>
        </header>
        <div className="team__grid team__grid--training">
          <DataGrid<TrainingGridRow>
            gridId="team.training"
            columns={trainingColumns}
            rows={trainingRows}
            onApply={onTrainingApply}
            totals
            filterBox={false}
            handle={trainingGrid}
            testId="team-training-grid"
            emptyText={t('grid.empty.training')}
            toolbar={
              <>
                <button type="button" className="btn btn--small" onClick={() => void addTraining()} data-testid="team-add-training">
                  {t('team.training.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void removeTraining()} data-testid="team-remove-training">
                  {t('team.training.remove')}
                </button>
              </>
            }
          />
        </div>
      </section>
    </div>
  );
}

function buildRows(t: ReturnType<typeof useTranslation>['t'], data: TeamPlanResult | null): HcRow[] {
  if (!data) return [];
  const rows: HcRow[] = [];
  const line = (role: string, kind: Kind, roleText: string, values: number[], quarters?: number[], year?: number): HcRow => {
    const row: HcRow = { id: `${kind}:${role}`, role, kind, roleText, measure: tKey(t, kind === 'total' ? 'team.totalRow' : `team.measure.${kind === 'hc' ? 'headcount' : kind === 'cph' ? 'costPerHead' : 'cost'}`) };
    values.forEach((v, i) => (row[`m${i + 1}`] = v));
    quarters?.forEach((v, i) => (row[`q${i + 1}`] = v));
    if (year !== undefined) row.year = year;
    return row;
  };
  for (const r of data.roles) {
    const label = roleLabel(t, r.role);
    rows.push(line(r.role, 'hc', label, r.headcount));
    rows.push(line(r.role, 'cph', '', r.costPerHeadCents));
    rows.push(line(r.role, 'cost', '', r.costCents, r.quarterCostCents, r.yearCostCents));
  }
  if (data.roles.length > 0) rows.push(line('', 'total', '', data.monthCostCents, data.quarterCostCents, data.yearCostCents));
  return rows;
}
