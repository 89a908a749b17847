import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionInfo, PromotionList } from '../../../../shared/endpoints/promotions';
import { PROMOTION_TYPES, SCOPE_DIMS, emptyScope, type PromotionScope, type PromotionType } from '../../../../shared/promotions';
import { formatAmount, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { editText, parseFigure, type FigureEnv } from '../targets/format';
import { ScopePicker } from './ScopePicker';
import type { ScopeOptions } from './usePromotions';
import { useItemName } from '../expenses/itemName';

// Add or edit one activity: its fields, its scope (nothing picked = all) and its budget
// per expense item in the user's unit. Saving is one edit (one undo step).

interface Props {
  list: PromotionList;
  options: ScopeOptions;
  /** Null: a new activity. */
  promotion: PromotionInfo | null;
  unit: DisplayUnit;
  language: Language;
  onClose(): void;
}

export function PromotionDialog({ list, options, promotion, unit, language, onClose }: Props) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const env: FigureEnv = { measure: 'amount', unit, language };
  const y = list.planYear;
  const [name, setName] = useState(promotion?.name ?? '');
  const [type, setType] = useState<PromotionType>(promotion?.type ?? 'consumer');
  const [startDate, setStart] = useState(promotion?.startDate ?? `${y}-01-01`);
  const [endDate, setEnd] = useState(promotion?.endDate ?? `${y}-01-31`);
  const [volume, setVolume] = useState(String(promotion?.expectedExtraVolume ?? 0));
  const [mechanics, setMechanics] = useState(promotion?.mechanics ?? '');
  const [scope, setScope] = useState<PromotionScope>(promotion?.scope ?? emptyScope());
  const [amounts, setAmounts] = useState<Record<number, string>>(() =>
    Object.fromEntries((promotion?.budget ?? []).map((b) => [b.itemId, editText(b.amountCents, env)])),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const parsed = list.items
    .filter((i) => i.leaf)
    .map((i) => ({ itemId: i.id, result: parseFigure(amounts[i.id] ?? '', env) }));
  const total = parsed.reduce((s, p) => s + (p.result.ok ? p.result.value : 0), 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return setError(t('promotions.error.nameRequired'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || !/^\d{4}-\d{2}-\d{2}$/.test(endDate)) return setError(t('promotions.error.badDate'));
    if (endDate < startDate) return setError(t('promotions.error.endBeforeStart'));
    const vol = Number(volume.trim() === '' ? '0' : volume);
    if (!Number.isInteger(vol) || vol < 0) return setError(t('promotions.error.badVolume'));
    if (parsed.some((p) => !p.result.ok)) return setError(t('promotions.error.badAmount'));
    const budget = parsed.flatMap((p) => (p.result.ok && p.result.value > 0 ? [{ itemId: p.itemId, amountCents: p.result.value }] : []));
    const input = { name: name.trim(), type, startDate, endDate, mechanics, expectedExtraVolume: vol, scope, budget };
    setBusy(true);
    const outcome = await (promotion ? runCommand('promotions.update', { id: promotion.id, ...input }) : runCommand('promotions.create', input));
    setBusy(false);
    if (!outcome.ok) return setError(errorText(outcome.error));
    onClose();
  };

  const parents = list.items.filter((i) => !i.leaf);
  const groups = [
    ...parents.map((p) => ({ head: p, leaves: list.items.filter((i) => i.leaf && i.parentId === p.id) })),
    { head: null, leaves: list.items.filter((i) => i.leaf && (i.parentId === null || !parents.some((p) => p.id === i.parentId))) },
  ].filter((g) => g.leaves.length > 0);

  return (
    <Modal
      title={promotion ? t('promotions.dialog.editTitle') : t('promotions.dialog.addTitle')}
      onClose={onClose}
      wide
      testId="promo-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('promotions.dialog.cancel')}
          </button>
          <button type="submit" form="promo-form" className="btn btn--primary" disabled={busy} data-testid="promo-save">
            {t('promotions.dialog.save')}
          </button>
        </>
      }
    >
      <form id="promo-form" className="promo-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="promo-form__row">
          <label className="field promo-form__name">
            <span className="field__label">{t('promotions.dialog.name')}</span>
            <input className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="promo-name" autoFocus />
          </label>
          <label className="field">
            <span className="field__label">{t('promotions.dialog.type')}</span>
            <select className="input" value={type} onChange={(e) => setType(e.target.value as PromotionType)} data-testid="promo-type">
              {PROMOTION_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`promotions.type.${ty}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('promotions.dialog.start')}</span>
            <input className="input" type="date" value={startDate} onChange={(e) => setStart(e.target.value)} data-testid="promo-start" />
          </label>
          <label className="field">
            <span className="field__label">{t('promotions.dialog.end')}</span>
            <input className="input" type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} data-testid="promo-end" />
          </label>
          <label className="field promo-form__volume">
            <span className="field__label">{t('promotions.dialog.volume')}</span>
            <input className="input" inputMode="numeric" value={volume} onChange={(e) => setVolume(e.target.value)} data-testid="promo-volume" />
          </label>
        </div>
        <label className="field">
          <span className="field__label">{t('promotions.dialog.mechanics')}</span>
          <textarea className="input promo-form__mechanics" value={mechanics} onChange={(e) => setMechanics(e.target.value)} maxLength={4000} rows={2} data-testid="promo-mechanics" />
        </label>
        <div className="promo-form__cols">
          <fieldset className="promo-form__box">
            <legend>{t('promotions.dialog.scope')}</legend>
            {SCOPE_DIMS.map((dim) => (
              <ScopePicker key={dim} dim={dim} options={options[dim]} value={scope[dim]} onChange={(ids) => setScope({ ...scope, [dim]: ids })} />
            ))}
          </fieldset>
          <fieldset className="promo-form__box">
            <legend>{t('promotions.dialog.budget', { unit: unitLabel(unit, language) })}</legend>
            <div className="promo-budget">
              {groups.map((g) => (
                <div key={g.head?.id ?? 'other'} className="promo-budget__group">
                  {g.head && <div className="promo-budget__head">{itemName(g.head)}</div>}
                  {g.leaves.map((i) => {
                    const bad = !(parsed.find((p) => p.itemId === i.id)?.result.ok ?? true);
                    return (
                      <label key={i.id} className="promo-budget__line">
                        <span>{itemName(i)}</span>
                        <input
                          className={bad ? 'input promo-budget__input is-invalid' : 'input promo-budget__input'}
                          inputMode="decimal"
                          value={amounts[i.id] ?? ''}
                          onChange={(e) => setAmounts({ ...amounts, [i.id]: e.target.value })}
                          data-testid={`promo-budget-${i.code}`}
                        />
                      </label>
                    );
                  })}
                </div>
              ))}
            </div>
            <div className="promo-budget__total" data-testid="promo-budget-total">
              {t('promotions.dialog.budgetTotal')}: {formatAmount(total, unit, language, { withUnit: true })}
            </div>
          </fieldset>
        </div>
        {error && (
          <p className="form__error" role="alert" data-testid="promo-error">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
