import { useId, useState, type FormEvent } from 'react';
import { useApp } from '../../../app/AppContext';
import { useTranslation } from 'react-i18next';
import { ROW_METHODS, type RowMethod, type TargetDim } from '../../../../../shared/endpoints/targets';
import { runCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { Modal } from '../../../components/Modal';
import { errorText } from '../../../i18n';
import { parseFigure } from '../format';
import { LoadNote } from './parts';
import './targetDialogs.css';

// 新增目標行: a row the plan has no leaf for (a blank-area city, a customer with no sales
// last year, a new SKU) added under the selected row, with its year target spread over
// the months by the method chosen here; or the empty months of a row already in the
// plan filled. One command (targets.addRow), one undo step.

export interface AddRowResult {
  path: number[];
  /** added: a new row; filled: a row's empty months; exists: refused, the row is in the plan already. */
  kind: 'added' | 'filled' | 'exists';
  name: string;
}

interface Props {
  versionId: number;
  levels: TargetDim[];
  parent: { path: number[]; label: string };
  onDone(result: AddRowResult): void;
  onClose(): void;
}

export function AddRowDialog({ versionId, levels, parent, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const { language } = useApp();
  const ids = { member: useId(), city: useId(), channel: useId(), sku: useId(), amount: useId(), like: useId() };
  const options = useQuery('targets.rowOptions', { versionId, levels, parent: parent.path });
  const info = options.error ? null : options.data;
  const [memberId, setMemberId] = useState<number | null>(null);
  const [cityId, setCityId] = useState<number | null>(null);
  const [channelId, setChannelId] = useState<number | null>(null);
  const [skuId, setSkuId] = useState<number | null>(null);
  const [amountText, setAmountText] = useState('');
  const [method, setMethod] = useState<RowMethod>('seasonal');
  const [likeId, setLikeId] = useState<number | null>(null);
  const [fillEmpty, setFillEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const member = info?.members.find((m) => m.id === memberId) ?? null;
  const planned = member?.planned ?? false;
  const amount = parseFigure(amountText, { measure: 'amount', unit: 'yuan', language });
  // Comparable rows are those with a shape to copy: in the plan (the list need not say so).
  const likes = (info?.members ?? []).filter((m) => m.planned && m.id !== memberId).map(({ id, code, label }) => ({ id, code, label }));
  const ready =
    !!info && member !== null && amount.ok && (method !== 'like' || likeId !== null) &&
    // A row already in the plan is sent as it is: the core refuses it and the page focuses it.
    (planned || ((!info.cities || cityId !== null) && (!info.channels || channelId !== null) && (!info.skus || skuId !== null)));

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!ready || !member || !amount.ok) return;
    setBusy(true);
    setRefusal(null);
    const outcome = await runCommand('targets.addRow', {
      versionId,
      levels,
      parent: parent.path,
      id: member.id,
      amount: amount.value,
      method,
      ...(method === 'like' && likeId !== null ? { likeId } : {}),
      ...(!planned && info?.cities && cityId !== null ? { cityId } : {}),
      ...(!planned && info?.channels && channelId !== null ? { channelId } : {}),
      ...(!planned && info?.skus && skuId !== null ? { skuId } : {}),
      ...(planned && fillEmpty ? { fillEmpty: true } : {}),
    });
    setBusy(false);
    if (outcome.ok) {
      onDone({ path: outcome.value.path, kind: planned && fillEmpty ? 'filled' : 'added', name: member.label });
    } else if (outcome.error.rule === 'targets.error.rowExists') {
      onDone({ path: [...parent.path, member.id], kind: 'exists', name: member.label });
    } else {
      setRefusal(errorText(outcome.error));
    }
  };

  const dimName = info ? t(`targets.dim.${info.dim}`) : '';
  const select = (
    id: string,
    label: string,
    value: number | null,
    set: (v: number | null) => void,
    items: { id: number; label: string; code?: string; planned?: boolean }[],
    testId: string,
  ) => (
    <label className="field" htmlFor={id}>
      <span className="field__label">{label}</span>
      <select
        id={id}
        className="input"
        value={value ?? ''}
        onChange={(e) => {
          set(e.target.value === '' ? null : Number(e.target.value));
          setRefusal(null);
        }}
        disabled={busy}
        data-testid={testId}
      >
        <option value="">{t('targets.rows.choose')}</option>
        {items.map((m) => (
          <option key={m.id} value={m.id}>
            {m.code ? `${m.code} ${m.label}` : m.label}
            {m.planned ? ` · ${t('targets.rows.planned')}` : ''}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <Modal
      title={t('targets.rows.title')}
      onClose={onClose}
      wide
      testId="add-row-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={busy || !ready} data-testid="add-row-submit">
            {busy ? t('common.working') : t('targets.rows.submit')}
          </button>
        </>
      }
    >
      <form className="form td-addrow" onSubmit={(e) => void submit(e)}>
        <p className="td-summary">
          <span className="td-label">{t('targets.rows.parent')}</span> <strong data-testid="add-row-parent">{parent.label}</strong>
        </p>
        <LoadNote query={options} />
        {info && (
          <>
            {select(ids.member, t('targets.rows.member', { dim: dimName }), memberId, (v) => {
              setMemberId(v);
              setFillEmpty(false);
            }, info.members, 'add-row-member')}
            {planned && (
              <label className="td-addrow__check">
                <input type="checkbox" checked={fillEmpty} onChange={(e) => setFillEmpty(e.target.checked)} disabled={busy} data-testid="add-row-fill" />
                <span>{t('targets.rows.fillEmpty')}</span>
              </label>
            )}
            {!planned && (info.cities || info.channels || info.skus) && (
              <>
                <p className="field__hint">{t('targets.rows.leafNote')}</p>
                <div className="td-addrow__leaf">
                  {info.cities && select(ids.city, t('targets.rows.city'), cityId, setCityId, info.cities, 'add-row-city')}
                  {info.channels && select(ids.channel, t('targets.rows.channel'), channelId, setChannelId, info.channels, 'add-row-channel')}
                  {info.skus && select(ids.sku, t('targets.rows.sku'), skuId, setSkuId, info.skus, 'add-row-sku')}
                </div>
              </>
            )}
            <label className="field" htmlFor={ids.amount}>
              <span className="field__label">{t('targets.rows.amount')}</span>
              <input
                id={ids.amount}
                className={amount.ok ? 'input' : 'input is-invalid'}
                inputMode="decimal"
                value={amountText}
                placeholder="0"
                onChange={(e) => {
                  setAmountText(e.target.value);
                  setRefusal(null);
                }}
                disabled={busy}
                data-testid="add-row-amount"
              />
              {amount.ok ? (
                <span className="field__hint">{t('targets.rows.amountHint')}</span>
              ) : (
                <span className="field__error">{t(`targets.invalid.${amount.reason}`)}</span>
              )}
            </label>
            <fieldset className="field td-addrow__methods">
              <legend className="field__label">{t('targets.rows.method')}</legend>
              {ROW_METHODS.map((m) => (
                <label key={m} className="td-addrow__check">
                  <input type="radio" name="add-row-method" value={m} checked={method === m} onChange={() => setMethod(m)} disabled={busy} data-testid={`add-row-method-${m}`} />
                  <span>{t(`targets.rows.methods.${m}`)}</span>
                </label>
              ))}
            </fieldset>
            {method === 'like' && select(ids.like, t('targets.rows.like'), likeId, setLikeId, likes, 'add-row-like')}
          </>
        )}
        {refusal && (
          <p className="field__error" role="alert" data-testid="add-row-error">
            {refusal}
          </p>
        )}
      </form>
    </Modal>
  );
}
