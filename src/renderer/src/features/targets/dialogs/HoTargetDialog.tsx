import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoTargetMonth } from '../../../../../shared/endpoints/targets';
import { formatPercent, unitLabel } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { DataGrid, GridApplyError, type ApplyLabel, type GridChanges, type GridColumn, type GridRow } from '../../../grid';
import { monthNames } from '../../overview/chartOption';
import { editText, parseValue, showValue, sum, type Fmt } from './format';
import { ImportButton } from '../../importWizard';
import { LoadNote } from './parts';
import './targetDialogs.css';

// Head office's target for the region, by month: typed, pasted from Excel or filled
// down in the grid kit, in the user's display unit. Each action is one undo step.

type Field = 'amountCents' | 'volume' | 'grossProfitCents' | 'newProductCents';
const FIELDS: readonly Field[] = ['amountCents', 'volume', 'grossProfitCents', 'newProductCents'];

interface HoRow extends GridRow {
  id: number;
  month: string;
  amountCents: number;
  volume: number;
  grossProfitCents: number;
  newProductCents: number;
}

export function HoTargetDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const planYear = app.summary?.planYear ?? new Date().getFullYear() + 1;
  const ho = useQuery('targets.hoTarget', {});
  // A failed read shows its error instead of the last answer.
  const saved = ho.error ? null : ho.data;

  const rows = useMemo<HoRow[]>(() => {
    const names = monthNames(language);
    const byMonth = new Map<number, HoTargetMonth>();
    for (const m of saved ?? []) byMonth.set(m.month, m);
    return names.map((name, i) => {
      const m = byMonth.get(i + 1);
      return {
        id: i + 1,
        month: name,
        amountCents: m?.amountCents ?? 0,
        volume: m?.volume ?? 0,
        grossProfitCents: m?.grossProfitCents ?? 0,
        newProductCents: m?.newProductCents ?? 0,
      };
    });
  }, [saved, language]);

  const columns = useMemo<GridColumn<HoRow>[]>(() => {
    const unitText = unitLabel(unit, language);
    const money = (field: Field, header: string, width: number, allowNegative = false): GridColumn<HoRow> => {
      const f: Fmt = { unit, language, measure: field === 'volume' ? 'volume' : 'amount' };
      return {
        field,
        header,
        kind: field === 'volume' ? 'number' : 'money',
        editable: true,
        total: true,
        width,
        format: (v) => (typeof v === 'number' ? showValue(v, f) : ''),
        text: (v) => (typeof v === 'number' ? editText(v, f.measure, unit) : ''),
        parse: (text) => {
          const r = parseValue(text, f.measure, unit, t, { allowNegative });
          return r.ok ? { ok: true, value: r.value } : { ok: false, reason: r.reason };
        },
      };
    };
    return [
      { field: 'month', header: t('targetDialogs.ho.month'), kind: 'text', width: 90, pinned: true },
      money('amountCents', t('targetDialogs.ho.amount', { unit: unitText }), 160),
      money('volume', t('targetDialogs.ho.volume'), 150),
      money('grossProfitCents', t('targetDialogs.ho.grossProfit', { unit: unitText }), 195, true),
      money('newProductCents', t('targetDialogs.ho.newProduct', { unit: unitText }), 210),
      {
        field: 'margin',
        header: t('targetDialogs.ho.margin'),
        kind: 'percent',
        width: 120,
        format: (_v, row) => (row.amountCents > 0 ? formatPercent(row.grossProfitCents / row.amountCents, language) : '—'),
      },
    ];
  }, [t, unit, language]);

  const { showError } = app;
  const onApply = useCallback(
    async (changes: GridChanges, _label: ApplyLabel) => {
      const months = changes.updates.map((u) => {
        const m: { month: number } & Partial<Record<Field, number>> = { month: Number(u.id) };
        for (const field of FIELDS) {
          const v = u.values[field];
          if (typeof v === 'number') m[field] = v;
          else if (field in u.values) m[field] = 0; // cleared
        }
        return m;
      });
      if (months.length === 0) return;
      const outcome = await runCommand('targets.setHoTarget', { months });
      if (!outcome.ok) {
        showError({ titleKey: 'errors.saveTitle', data: outcome.error });
        throw new GridApplyError([]); // the app's error dialog says why
      }
    },
    [showError],
  );

  const totals = useMemo(() => {
    const pick = (f: Field) => sum(rows.map((r) => r[f]));
    return { amount: pick('amountCents'), volume: pick('volume'), profit: pick('grossProfitCents'), newProduct: pick('newProductCents') };
  }, [rows]);
  const amountFmt: Fmt = { unit, language, measure: 'amount' };
  const volumeFmt: Fmt = { unit, language, measure: 'volume' };
  const withUnit = (v: number) => `${showValue(v, amountFmt)}${language === 'en' ? ' ' : ''}${unitLabel(unit, language)}`;

  return (
    <Modal
      title={t('targetDialogs.ho.title')}
      onClose={onClose}
      wide
      testId="ho-target-dialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} data-testid="ho-target-close">
          {t('common.close')}
        </button>
      }
    >
      <div className="td td--ho">
        <p className="td-intro">{t('targetDialogs.ho.intro', { year: planYear, unit: unitLabel(unit, language) })}</p>
        <LoadNote query={ho} />
        {saved && (
          <p className="td-summary" data-testid="ho-target-year">
            {totals.amount === 0 && totals.volume === 0
              ? t('targetDialogs.ho.empty')
              : t('targetDialogs.ho.yearLine', {
                  amount: withUnit(totals.amount),
                  volume: showValue(totals.volume, volumeFmt),
                  profit: withUnit(totals.profit),
                  margin: totals.amount > 0 ? formatPercent(totals.profit / totals.amount, language) : '—',
                  newProduct: withUnit(totals.newProduct),
                })}
          </p>
        )}
        <div className="td-grid td-grid--ho">
          <DataGrid<HoRow>
            gridId="targets-ho"
            columns={columns}
            rows={rows}
            onApply={onApply}
            totals
            testId="ho-target-grid"
            toolbar={<ImportButton destination="targets:ho" />}
          />
        </div>
      </div>
    </Modal>
  );
}
