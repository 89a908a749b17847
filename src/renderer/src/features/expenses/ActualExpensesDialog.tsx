import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAmount, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { parseFigure } from '../targets/format';
import './itemsDialogs.css';
import { useItemName } from './itemName';

// Typing actual expenses in: a month of the plan year, a leaf item, an amount
// in the user's unit (negative = a refund) and a note; the typed entries with delete.
// Imported entries are only counted here: they go with their import batch.

/** Parses an amount in the user's unit to cents (whole 元, as the targets do); a leading minus is a refund. Null when not a non-zero number. */
export function parseSignedAmount(text: string, unit: DisplayUnit, language: Language): number | null {
  const s = text.trim();
  const negative = /^[-－−]/.test(s);
  const body = negative ? s.slice(1) : s;
  if (body.trim() === '') return null;
  const r = parseFigure(body, { measure: 'amount', unit, language });
  if (!r.ok || r.value === 0) return null;
  return negative ? -r.value : r.value;
}

export function ActualExpensesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const app = useApp();
  const { language } = app;
  const unit: DisplayUnit = app.summary?.displayUnit ?? 'wan';
  const ids = { month: useId(), item: useId(), amount: useId(), note: useId() };
  const itemList = useQuery('expenses.items', {});
  const actuals = useQuery('expenses.actuals.list', {});
  const items = useMemo(() => itemList.data ?? [], [itemList.data]);
  const data = actuals.data;
  const [month, setMonth] = useState(1);
  /** The item chosen; while it is not a leaf of the list (none yet, or deleted), the first leaf. */
  const [chosenItem, setItemId] = useState<number | null>(null);
  const itemId = chosenItem !== null && items.some((i) => i.id === chosenItem && i.leaf) ? chosenItem : (items.find((i) => i.leaf)?.id ?? null);
  const [amountText, setAmountText] = useState('');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadError = itemList.error ?? actuals.error;
  const shownMessage = message ?? (loadError ? errorText(loadError) : null);
  const money = (cents: number, withUnit = false) => formatAmount(cents, unit, language, { withUnit });
  const amount = parseSignedAmount(amountText, unit, language);
  const typed = useMemo(() => data?.entries.filter((e) => e.typed) ?? [], [data]);
  const imported = useMemo(() => {
    const rows = data?.entries.filter((e) => !e.typed) ?? [];
    return { count: rows.length, total: rows.reduce((s, e) => s + e.amountCents, 0), batches: [...new Set(rows.map((e) => e.batchName || '—'))] };
  }, [data]);
  const monthLabel = (m: number) => t(`expenses.budget.month.m${m}` as 'expenses.budget.month.m1');

  const add = async () => {
    if (amount === null || itemId === null) {
      setMessage(t('expenses.typedActuals.invalidAmount'));
      return;
    }
    setBusy(true);
    const out = await runCommand('expenses.actuals.add', { month, itemId, amountCents: amount, note: note.trim() });
    setBusy(false);
    if (out.ok) {
      setAmountText('');
      setNote('');
      setMessage(null);
    } else setMessage(errorText(out.error));
  };
  const remove = async (id: number) => {
    setBusy(true);
    const out = await runCommand('expenses.actuals.remove', { id });
    setBusy(false);
    setMessage(out.ok ? null : errorText(out.error));
  };

  return (
    <Modal
      title={t('expenses.typedActuals.title', { year: data?.planYear ?? '' })}
      onClose={onClose}
      wide
      testId="ea-dialog"
      footer={
        <button type="button" className="btn" onClick={onClose} data-testid="ea-close">
          {t('expenses.typedActuals.close')}
        </button>
      }
    >
      <div className="ea">
        <form
          className="ea-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label className="field" htmlFor={ids.month}>
            <span className="field__label">{t('expenses.typedActuals.month')}</span>
            <select id={ids.month} className="input" value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="ea-month">
              {Array.from({ length: 12 }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {monthLabel(i + 1)}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={ids.item}>
            <span className="field__label">{t('expenses.typedActuals.item')}</span>
            <select id={ids.item} className="input" value={itemId ?? ''} onChange={(e) => setItemId(Number(e.target.value))} data-testid="ea-item">
              {items.map((i) => (
                <option key={i.id} value={i.id} disabled={!i.leaf}>
                  {`${'\u3000'.repeat(i.depth)}${itemName(i)}`}
                </option>
              ))}
            </select>
          </label>
          <label className="field" htmlFor={ids.amount}>
            <span className="field__label">{t('expenses.typedActuals.amount', { unit: unitLabel(unit, language) })}</span>
            <input id={ids.amount} className="input ea-amount" inputMode="decimal" value={amountText} onChange={(e) => setAmountText(e.target.value)}
              aria-invalid={amountText.trim() !== '' && amount === null} data-testid="ea-amount" />
          </label>
          <label className="field ea-form__note" htmlFor={ids.note}>
            <span className="field__label">{t('expenses.typedActuals.note')}</span>
            <input id={ids.note} className="input" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="ea-note" />
          </label>
          <button type="submit" className="btn btn--primary" disabled={busy || amount === null || itemId === null} data-testid="ea-add">
            {t('expenses.typedActuals.add')}
          </button>
        </form>
        <p className="muted ea-hint">{t('expenses.typedActuals.hint')}</p>
        {shownMessage && (
          <p className="ei-message" role="alert" data-testid="ea-message">
            {shownMessage}
          </p>
        )}
        <h3 className="ei-box__title">{t('expenses.typedActuals.listLabel')}</h3>
        {typed.length === 0 ? (
          <p className="muted" data-testid="ea-none">{t('expenses.typedActuals.none')}</p>
        ) : (
          <div className="ea-list">
            <table className="ea-table" data-testid="ea-list" aria-label={t('expenses.typedActuals.listLabel')}>
              <thead>
                <tr>
                  <th scope="col">{t('expenses.typedActuals.month')}</th>
                  <th scope="col">{t('expenses.typedActuals.item')}</th>
                  <th scope="col" className="ea-num">{t('expenses.typedActuals.amount', { unit: unitLabel(unit, language) })}</th>
                  <th scope="col">{t('expenses.typedActuals.note')}</th>
                  <th scope="col" aria-label={t('expenses.typedActuals.remove')} />
                </tr>
              </thead>
              <tbody>
                {typed.map((e) => (
                  <tr key={e.id} data-testid="ea-entry" data-item={e.itemCode}>
                    <td>{monthLabel(e.month)}</td>
                    <td>{itemName({ code: e.itemCode, name: e.itemName })}</td>
                    <td className={`ea-num${e.amountCents < 0 ? ' ea-neg' : ''}`}>{money(e.amountCents)}</td>
                    <td className="ea-note">{e.note}</td>
                    <td>
                      <button type="button" className="btn btn--ghost btn--small" disabled={busy} onClick={() => void remove(e.id)} data-testid="ea-remove">
                        {t('expenses.typedActuals.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {imported.count > 0 && (
          <p className="muted ea-hint" data-testid="ea-imported">
            {t('expenses.typedActuals.imported', { count: imported.count, batches: imported.batches.join('、'), amount: money(imported.total, true) })}
          </p>
        )}
      </div>
    </Modal>
  );
}
