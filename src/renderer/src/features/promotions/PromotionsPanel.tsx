import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionInfo } from '../../../../shared/endpoints/promotions';
import { geoDisplayName } from '../../../../shared/geoNames';
import { formatAmount, formatInteger, unitLabel, type Language } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { DataGrid, type GridColumn, type GridRow } from '../../grid';
import { PromotionDialog } from './PromotionDialog';
import { Timeline } from './Timeline';
import { usePromotions, type ScopeOptions } from './usePromotions';
import './promotions.css';
import { useItemName } from '../expenses/itemName';

// The promotion and advertising calendar: the working plan's activities on a
// timeline of the plan year and in a grid, with a warning where two run at the same
// time on the same products and channels. Their budgets roll into the expense budget.

interface Row extends GridRow {
  id: number;
  overlap: string;
  name: string;
  type: string;
  startDate: string;
  endDate: string;
  products: string;
  channels: string;
  places: string;
  budgetCents: number;
  expectedExtraVolume: number;
  mechanics: string;
}

function namesOf(
  options: ScopeOptions | null,
  p: PromotionInfo,
  dims: ('sku' | 'brand' | 'category' | 'channel' | 'city' | 'customer')[],
  all: string,
  language: Language,
): string {
  const parts: string[] = [];
  for (const dim of dims) {
    const byId = new Map((options?.[dim] ?? []).map((o) => [o.id, dim === 'city' ? geoDisplayName(o.name, 'city', language) : o.name]));
    for (const id of p.scope[dim]) parts.push(byId.get(id) ?? `#${id}`);
  }
  return parts.length === 0 ? all : parts.join('、');
}

export function PromotionsPanel() {
  const { t } = useTranslation();
  const itemName = useItemName();
  const app = useApp();
  const language = app.language;
  const unit = app.summary?.displayUnit ?? 'wan';
  const { list, options, error } = usePromotions();
  const [editing, setEditing] = useState<PromotionInfo | 'new' | null>(null);
  const [focused, setFocused] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<PromotionInfo | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const promotions = useMemo(() => list?.promotions ?? [], [list]);
  const byId = useMemo(() => new Map(promotions.map((p) => [p.id, p])), [promotions]);

  const rows = useMemo<Row[]>(() => {
    const all = t('promotions.all');
    return promotions.map((p) => ({
      id: p.id,
      overlap: p.overlaps.length > 0 ? `⚠ ${p.overlaps.map((id) => byId.get(id)?.name ?? id).join('、')}` : '',
      name: p.name,
      type: t(`promotions.type.${p.type}`),
      startDate: p.startDate,
      endDate: p.endDate,
      products: namesOf(options, p, ['sku', 'brand', 'category'], all, language),
      channels: namesOf(options, p, ['channel'], all, language),
      places: namesOf(options, p, ['city', 'customer'], all, language),
      budgetCents: p.budgetCents,
      expectedExtraVolume: p.expectedExtraVolume,
      mechanics: p.mechanics,
    }));
  }, [promotions, byId, options, t, language]);

  const columns = useMemo<GridColumn<Row>[]>(() => [
    { field: 'name', header: t('promotions.col.name'), kind: 'text', width: 180, pinned: true },
    {
      field: 'overlap', header: t('promotions.overlapShort'), kind: 'text', width: 140,
      cellClass: (v) => (v ? 'promo-cell--overlap' : undefined),
    },
    { field: 'type', header: t('promotions.col.type'), kind: 'text', width: 100 },
    { field: 'startDate', header: t('promotions.col.start'), kind: 'date', width: 105 },
    { field: 'endDate', header: t('promotions.col.end'), kind: 'date', width: 105 },
    {
      field: 'budgetCents', header: t('promotions.col.budget', { unit: unitLabel(unit, language) }), kind: 'money', width: 115, total: true,
      format: (v) => formatAmount(Number(v), unit, language),
    },
    {
      field: 'expectedExtraVolume', header: t('promotions.col.volume'), kind: 'number', width: 120, total: true,
      format: (v) => formatInteger(Number(v), language),
    },
    { field: 'products', header: t('promotions.col.products'), kind: 'text', width: 150 },
    { field: 'channels', header: t('promotions.col.channels'), kind: 'text', width: 110 },
    { field: 'places', header: t('promotions.col.places'), kind: 'text', width: 120 },
    { field: 'mechanics', header: t('promotions.col.mechanics'), kind: 'text', width: 220 },
  ], [t, unit, language]);

  if (error) return <p className="form__error" role="alert">{error}</p>;
  if (!list || !options) return <p className="muted" data-testid="expenses-panel-promotions" data-loaded="false">…</p>;

  const focusedPromotion = focused !== null ? byId.get(focused) ?? null : null;
  const itemNames = new Map(list.items.map((i) => [i.id, itemName(i)]));
  const overlapping = promotions.filter((p) => p.overlaps.length > 0).length;

  const remove = async () => {
    if (!deleting) return;
    const outcome = await runCommand('promotions.delete', { id: deleting.id });
    if (!outcome.ok) {
      setDeleteError(errorText(outcome.error));
      return;
    }
    setDeleting(null);
    setFocused(null);
  };

  return (
    <div className="promo" data-testid="expenses-panel-promotions" data-loaded="true">
      <div className="promo__bar">
        <button type="button" className="btn btn--primary" onClick={() => setEditing('new')} data-testid="promo-add">
          {t('promotions.add')}
        </button>
        <button type="button" className="btn" disabled={!focusedPromotion} onClick={() => setEditing(focusedPromotion)} data-testid="promo-edit">
          {t('promotions.edit')}
        </button>
        <button type="button" className="btn" disabled={!focusedPromotion} onClick={() => { setDeleteError(null); setDeleting(focusedPromotion); }} data-testid="promo-delete">
          {t('promotions.delete')}
        </button>
        <span className="promo__summary" data-testid="promo-summary">
          {t('promotions.summary', { count: promotions.length, total: formatAmount(list.totalCents, unit, language, { withUnit: true }) })}
          {overlapping > 0 && <span className="promo__warnsum"> · ⚠ {t('promotions.overlapShort')} {overlapping}</span>}
        </span>
      </div>
      {promotions.length === 0 ? (
        <p className="promo__empty" data-testid="promo-empty">{t('promotions.empty')}</p>
      ) : (
        <>
          <section className="promo__section">
            <h2 className="promo__title">{t('promotions.timeline')}</h2>
            <Timeline planYear={list.planYear} promotions={promotions} language={language} onOpen={(id) => setEditing(byId.get(id) ?? null)} />
          </section>
          {list.byItem.length > 0 && (
            <div className="promo__items" data-testid="promo-by-item">
              <span className="promo__itemshead">{t('promotions.byItem')}</span>
              {list.byItem.map((b) => (
                <span key={b.itemId} className="promo__item">
                  {itemNames.get(b.itemId) ?? b.itemId} <strong>{formatAmount(b.amountCents, unit, language, { withUnit: true })}</strong>
                </span>
              ))}
            </div>
          )}
        </>
      )}
      <section className="promo__section promo__grid">
        <h2 className="promo__title">
          {t('promotions.grid')}
        </h2>
        <DataGrid<Row>
          gridId="promotions"
          testId="grid-promotions"
          emptyText={t('grid.empty.promotions')}
          columns={columns}
          rows={rows}
          totals={rows.length > 0}
          appendRows={false}
          onApply={() => Promise.resolve()}
          rowClass={(r) => (r.overlap ? 'promo-row--overlap' : undefined)}
          onFocusChange={(cell) => {
            if (cell && typeof cell.rowId === 'number') setFocused(cell.rowId);
          }}
        />
      </section>
      {editing && (
        <PromotionDialog
          list={list}
          options={options}
          promotion={editing === 'new' ? null : editing}
          unit={unit}
          language={language}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <Modal
          title={t('promotions.confirmDelete.title')}
          onClose={() => setDeleting(null)}
          role="alertdialog"
          testId="promo-delete-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setDeleting(null)}>
                {t('promotions.dialog.cancel')}
              </button>
              <button type="button" className="btn btn--primary" onClick={() => void remove()} data-testid="promo-delete-confirm">
                {t('promotions.confirmDelete.ok')}
              </button>
            </>
          }
        >
          <p>{t('promotions.confirmDelete.body', { name: deleting.name })}</p>
          {deleteError && <p className="form__error" role="alert">{deleteError}</p>}
        </Modal>
      )}
    </div>
  );
}
