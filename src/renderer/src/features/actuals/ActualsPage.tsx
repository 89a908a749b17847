import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import {
  ACTUAL_COLUMNS, ACTUAL_KINDS, actualsDestination, type ActualKind, type ActualsFilter, type BatchInfo,
} from '../../../../shared/actuals';
import { formatAmount, formatInteger, unitLabel } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { useSave } from '../../app/useSave';
import { DataGrid } from '../../grid';
import { errorText } from '../../i18n';
import { ImportButton } from '../importWizard';
import { BatchesDialog } from './BatchesDialog';
import { buildColumns, formatNumber, headerOf, isPrice, periodOfMonth, type ActualGridRow, type ColumnEnv } from './columns';
import { useActualsData, useDebounced } from './useActualsList';
import './actuals.css';

// The actuals area: one tab per kind of data (sales, market, audits, visits,
// statements), a filter bar (months, import batch, search), the kind's rows in a
// read-only grid with the batch each came from, the count and the sums of every
// matching row, the import wizard, and the import batches with removal.

interface FilterInputs {
  from: string;
  to: string;
  batchId: number | null;
  search: string;
}

const NO_FILTER: FilterInputs = { from: '', to: '', batchId: null, search: '' };
const SEARCH_DELAY_MS = 250;

const noApply = async (): Promise<void> => undefined;

export function ActualsPage() {
  const { t } = useTranslation();
  const app = useApp();
  const { language } = app;
  const save = useSave();
  const unit = app.summary?.displayUnit ?? 'wan';
  const ids = { from: useId(), to: useId(), batch: useId(), search: useId() };

  const [kind, setKind] = useState<ActualKind>('sales');
  const [inputs, setInputs] = useState<Record<ActualKind, FilterInputs>>(() => ({
    sales: NO_FILTER, market: NO_FILTER, audit: NO_FILTER, visit: NO_FILTER, statement: NO_FILTER, expense: NO_FILTER,
  }));
  const [batchesOpen, setBatchesOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const current = inputs[kind];
  const setCurrent = useCallback(
    (patch: Partial<FilterInputs>) => setInputs((all) => ({ ...all, [kind]: { ...all[kind], ...patch } })),
    [kind],
  );
  const search = useDebounced(current.search.trim(), SEARCH_DELAY_MS);

  const filter = useMemo<ActualsFilter>(() => {
    const f: ActualsFilter = {};
    let from = periodOfMonth(current.from);
    let to = periodOfMonth(current.to);
    if (from !== undefined && to !== undefined && from > to) [from, to] = [to, from];
    if (from !== undefined) f.periodFrom = from;
    if (to !== undefined) f.periodTo = to;
    if (current.batchId !== null) f.batchId = current.batchId;
    if (search) f.search = search;
    return f;
  }, [current.from, current.to, current.batchId, search]);
  const filtered = Object.keys(filter).length > 0;

  const data = useActualsData(kind, filter);
  const fresh = data.kind === kind;
  const list = fresh ? data.list : null;
  const batches = fresh ? data.batches : null;

  const env = useMemo<ColumnEnv>(() => ({ t, unit, language }), [t, unit, language]);
  const columns = useMemo(() => buildColumns(kind, env), [kind, env]);
  const rows = useMemo<ActualGridRow[]>(() => (list ? list.rows.map((r, i) => ({ ...r, id: i })) : []), [list]);
  const kindName = t(`actuals.kind.${kind}`);

  const removeBatch = useCallback(
    async (batch: BatchInfo): Promise<boolean> => {
      const outcome = await save('actuals.removeBatch', { id: batch.id });
      if (!outcome.ok) return false;
      if (current.batchId === batch.id) setCurrent({ batchId: null });
      setNotice(t('actuals.remove.done', { file: batch.fileName, rows: formatInteger(outcome.value.removed, language) }));
      return true;
    },
    [save, current.batchId, setCurrent, language, t],
  );

  const totalsLine = list && list.total > 0 && (
    <div className="ac-totals" data-testid="actuals-totals" aria-label={t('actuals.totals.label', { total: formatInteger(list.total, language) })}>
      <span className="ac-totals__label">{t('actuals.totals.label', { total: formatInteger(list.total, language) })}</span>
      {ACTUAL_COLUMNS[kind]
        .filter((c) => (c.type === 'money' || c.type === 'integer') && !isPrice(c.key) && list.totals[c.key] !== undefined)
        .map((c) => (
          <span key={c.key} className="ac-totals__item" data-key={c.key}>
            <span className="ac-totals__name">{headerOf(c, env)}</span>
            <span className="ac-totals__value">{formatNumber(c, list.totals[c.key], env)}</span>
          </span>
        ))}
      {(list.totals.noGpLines ?? 0) > 0 && (
        <span className="ac-totals__item ac-cost-missing" data-key="noGp">
          {t('actuals.totals.noGp', {
            lines: formatInteger(list.totals.noGpLines, language),
            amount: formatAmount(list.totals.noGpAmountCents ?? 0, env.unit, language),
            unit: unitLabel(env.unit, language),
          })}
        </span>
      )}
    </div>
  );

  // Arrow keys move between the kinds, as in any tab strip (Tab still walks the buttons).
  const noData = list !== null && list.total === 0 && !filtered;
  const noMatch = list !== null && list.total === 0 && filtered;

  return (
    <section className="ac" data-testid="actuals-page" data-kind={kind}>
      <header className="ac__header">
        <h1 className="page-header__title ac__title">{t('actuals.title')}</h1>
        <PageTabs
          label={t('actuals.kindsLabel')}
          tabs={ACTUAL_KINDS}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setNotice(null);
          }}
          labelOf={(k) => t(`actuals.kind.${k}`)}
          titleOf={(k) => t(`actuals.kindHint.${k}`)}
          testIdPrefix="actuals-tab"
        />
        <span className="ac__spacer" />
        <span className="ac__actions">
          <ImportButton key={kind} destination={actualsDestination(kind)} />
          <button type="button" className="btn btn--small" onClick={() => setBatchesOpen(true)} disabled={batches === null} data-testid="actuals-batches-button">
            {t('actuals.batches.button')}
          </button>
        </span>
      </header>
      <p className="ac__hint muted">{t(`actuals.kindHint.${kind}`)}</p>

      <div className="ac-filter" role="group" aria-label={t('actuals.filter.label')} data-testid="actuals-filter">
        <span className="ac-filter__group">
          <label className="ac-filter__label" htmlFor={ids.from}>
            {t('actuals.filter.period')}
          </label>
          <input
            id={ids.from}
            className="input ac-filter__month"
            type="month"
            min="2000-01"
            max="2100-12"
            aria-label={t('actuals.filter.periodFrom')}
            value={current.from}
            onChange={(e) => setCurrent({ from: e.target.value })}
            data-testid="actuals-period-from"
          />
          <span className="ac-filter__to" aria-hidden="true">
            {t('actuals.filter.to')}
          </span>
          <input
            id={ids.to}
            className="input ac-filter__month"
            type="month"
            min="2000-01"
            max="2100-12"
            aria-label={t('actuals.filter.periodTo')}
            value={current.to}
            onChange={(e) => setCurrent({ to: e.target.value })}
            data-testid="actuals-period-to"
          />
        </span>
        <span className="ac-filter__group">
          <label className="ac-filter__label" htmlFor={ids.batch}>
            {t('actuals.filter.batch')}
          </label>
          <select
            id={ids.batch}
            className="input ac-filter__batch"
            value={current.batchId ?? ''}
            onChange={(e) => setCurrent({ batchId: e.target.value === '' ? null : Number(e.target.value) })}
            data-testid="actuals-batch"
          >
            <option value="">{t('actuals.filter.allBatches')}</option>
            {(batches ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.fileName}
              </option>
            ))}
          </select>
        </span>
        <span className="ac-filter__group ac-filter__group--grow">
          <label className="ac-filter__label" htmlFor={ids.search}>
            {t('actuals.filter.search')}
          </label>
          <input
            id={ids.search}
            className="input ac-filter__search"
            type="search"
            placeholder={t(`actuals.filter.searchPlaceholder.${kind}`)}
            value={current.search}
            maxLength={200}
            onChange={(e) => setCurrent({ search: e.target.value })}
            data-testid="actuals-search"
          />
        </span>
        {(filtered || current.search !== '') && (
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setCurrent(NO_FILTER)} data-testid="actuals-clear">
            {t('actuals.clearFilter')}
          </button>
        )}
      </div>

      <div className="ac__status" aria-live="polite">
        {data.error ? (
          <span className="ac__error" role="alert" data-testid="actuals-error">
            {errorText(data.error)}
          </span>
        ) : list ? (
          <span className="ac__count" data-testid="actuals-count" data-total={list.total} data-shown={list.rows.length}>
            {list.rows.length < list.total
              ? t('actuals.count.limited', { shown: formatInteger(list.rows.length, language), total: formatInteger(list.total, language) })
              : t('actuals.count.all', { total: formatInteger(list.total, language) })}
          </span>
        ) : (
          <span className="muted">{t('actuals.loading')}</span>
        )}
        {data.loading && list && <span className="ac__loading muted">{t('actuals.loading')}</span>}
        {notice && (
          <span className="ac__notice" role="status" data-testid="actuals-notice">
            {notice}
          </span>
        )}
      </div>

      <div className="ac__body">
        {noData ? (
          <div className="ac-empty" data-testid="actuals-empty">
            <div className="ac-empty__card">
              <h2 className="ac-empty__title">{t('actuals.empty.title', { kind: kindName })}</h2>
              <p className="ac-empty__text">{t(`actuals.empty.${kind}`)}</p>
              <ImportButton destination={actualsDestination(kind)} />
            </div>
          </div>
        ) : noMatch ? (
          <div className="ac-empty" data-testid="actuals-no-match">
            <div className="ac-empty__card">
              <p className="ac-empty__text">{t('actuals.noMatch', { kind: kindName })}</p>
              <button type="button" className="btn" onClick={() => setCurrent(NO_FILTER)}>
                {t('actuals.clearFilter')}
              </button>
            </div>
          </div>
        ) : (
          <DataGrid<ActualGridRow>
            key={kind}
            gridId={`actuals-${kind}`}
            columns={columns}
            rows={rows}
            onApply={noApply}
            appendRows={false}
            filterBox={false}
            testId="actuals-grid"
          />
        )}
      </div>
      {!noData && !noMatch && totalsLine}

      {batchesOpen && batches && (
        <BatchesDialog kind={kind} batches={batches} language={language} onRemove={removeBatch} onClose={() => setBatchesOpen(false)} />
      )}
    </section>
  );
}
