import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { geoDisplayName } from '../../../../../shared/geoNames';
import { FIGURE_KINDS, PROVINCE_FIGURES, type FigureKind, type FigureRef } from '../../../../../shared/planWritten';
import { Modal } from '../../../components/Modal';
import { figureLabel, showFigure, type FigureContext } from './figures';

/** Picks a live figure from the catalog: a kind and, where it has one, a province; shows its value now. */
export function FigureDialog({ ctx, onInsert, onClose }: { ctx: FigureContext; onInsert: (f: FigureRef) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<FigureKind>('reviewSales');
  const [province, setProvince] = useState<number | null>(null);
  const byProvince = PROVINCE_FIGURES.includes(kind);
  const ref: FigureRef = byProvince && province !== null ? { kind, provinceId: province } : { kind };
  const shown = showFigure(ref, ctx);
  const { planYear, reviewYear } = ctx.plan.figures;
  return (
    <Modal
      title={t('planWritten.figureDialog.title')}
      onClose={onClose}
      testId="wp-figure-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('planWritten.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => onInsert(ref)} data-testid="wp-figure-insert">
            {t('planWritten.figureDialog.insert')}
          </button>
        </>
      }
    >
      <div className="wp-figform">
        <label>
          <span>{t('planWritten.figureDialog.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as FigureKind)} data-testid="wp-figure-kind">
            {FIGURE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`planWritten.figure.${k}`, { planYear, reviewYear })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('planWritten.figureDialog.scope')}</span>
          <select
            value={byProvince && province !== null ? String(province) : ''}
            disabled={!byProvince}
            onChange={(e) => setProvince(e.target.value === '' ? null : Number(e.target.value))}
            data-testid="wp-figure-scope"
          >
            <option value="">{t('planWritten.figureDialog.region')}</option>
            {ctx.plan.provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {geoDisplayName(p.name, 'province', ctx.language)}
              </option>
            ))}
          </select>
        </label>
        <div className="wp-figform__preview">
          <span>{t('planWritten.figureDialog.value')}</span>
          <strong data-testid="wp-figure-preview">
            {figureLabel(ref, ctx)}: {shown.text}
          </strong>
        </div>
      </div>
    </Modal>
  );
}
