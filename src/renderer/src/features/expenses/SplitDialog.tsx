import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sum, type ExpenseBudgetResult } from '../../../../shared/expenses';
import { SPLIT_DIMENSIONS, splitGroupOf, type ExpenseSplitResult, type SplitDimension } from '../../../../shared/expenseSplits';
import { largestRemainder } from '../../../../shared/spread';
import { formatAmount, unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { Modal } from '../../components/Modal';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorText } from '../../i18n';
import { parseFigure } from '../targets/format';
import { useItemName } from './itemName';

// The split of a leaf expense item by product (brand or category) or by place (channel
// or city): a table of members with a ratio and a year amount, either editable, the other
// derived live; the total line shows 100% and the item's budget.

type Mode = 'ratio' | 'amount';

interface Props {
  data: ExpenseBudgetResult;
  initialItemId: number | null;
  unit: DisplayUnit;
  language: Language;
  onClose: () => void;
}

function parsePercent(text: string): number | null {
  const s = text.replace(/[%％\s]/g, '').replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
  if (s === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const pctText = (v: number) => String(Math.round(v * 10000) / 10000);

export function SplitDialog({ data, initialItemId, unit, language, onClose }: Props) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const ids = { item: useId() };
  const leaves = data.rows.filter((r) => r.leaf);
  const [itemId, setItemId] = useState<number>(
    leaves.find((r) => r.itemId === initialItemId)?.itemId ?? leaves.find((r) => sum(r.entered) > 0)?.itemId ?? leaves[0]?.itemId ?? 0,
  );
  const [dimension, setDimension] = useState<SplitDimension>('brand');
  const [mode, setMode] = useState<Mode>('ratio');
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (cents: number, withUnit = false) => formatAmount(cents, unit, language, { withUnit });
  const exactMoney = (cents: number) => formatAmount(cents, unit, language, { decimals: unit === 'yuan' ? 2 : unit === 'wan' ? 6 : 10 }).replace(/\.?0+$/, '');

  /** Fills the table from the dimension's split (ratios). */
  const fill = (s: ExpenseSplitResult, dim: SplitDimension) => {
    const current = s.splits.find((x) => x.dimension === dim);
    const next: Record<number, string> = {};
    for (const m of current?.members ?? []) next[m.id] = m.ratio === null ? '' : pctText(m.ratio * 100);
    setMode('ratio');
    setTexts(next);
  };
  // The item's splits; each new answer starts the table from the item's first split.
  const query = useQuery('expenses.split', { itemId });
  const split = query.data;
  const [filled, setFilled] = useState<ExpenseSplitResult | null>(null);
  if (split && split !== filled) {
    setFilled(split);
    const dim = split.splits[0]?.dimension ?? 'brand';
    setDimension(dim);
    fill(split, dim);
    setError(null);
  }
  const shownError = error ?? (query.error ? errorText(query.error) : null);

  const year = split?.yearCents ?? 0;
  const members = useMemo(() => split?.members[dimension] ?? [], [split, dimension]);
  /** Per member: the ratio (percent) and the year amount (cents), the entered side exact and the other derived. */
  const derived = useMemo(() => {
    const values = members.map((m) => {
      const text = texts[m.id] ?? '';
      if (mode === 'ratio') return parsePercent(text);
      const r = parseFigure(text, { measure: 'amount', unit, language });
      return r.ok ? r.value : null;
    });
    const valid = values.every((v) => v !== null);
    const v = values.map((x) => x ?? 0);
    const total = sum(v);
    if (mode === 'ratio') {
      const amounts = total > 0 ? Array.from(largestRemainder(Math.round((year * total) / 100), v)) : v.map(() => 0);
      return { valid, values: v, ratios: v, amounts, ratioSum: total, amountSum: sum(amounts) };
    }
    const ratios = v.map((a) => (year > 0 ? (a / year) * 100 : 0));
    return { valid, values: v, ratios, amounts: v, ratioSum: year > 0 ? (total / year) * 100 : 0, amountSum: total };
  }, [members, texts, mode, unit, language, year]);

  const ratioOk = Math.abs(derived.ratioSum - 100) < 0.01;
  // Amounts are typed in whole 元: a difference within a 元 per member is rounding, given to the largest.
  const amountFix = year - derived.amountSum;
  const amountOk = Math.abs(amountFix) < 100 * Math.max(1, derived.values.filter((v) => v > 0).length);
  const empty = derived.values.every((v) => v === 0);
  const canSave = derived.valid && !empty && year > 0 && (mode === 'ratio' ? ratioOk : amountOk);
  const existing = split?.splits.find((s) => s.dimension === dimension);
  const other = split?.splits.find((s) => s.dimension !== dimension && splitGroupOf(s.dimension) === splitGroupOf(dimension));

  /** Editing a column makes it the entered one: the other side's derived figures become its starting texts. */
  const edit = (memberId: number, column: Mode, text: string) => {
    if (column !== mode) {
      const next: Record<number, string> = {};
      members.forEach((m, i) => {
        if (derived.values[i] === 0) return;
        next[m.id] = column === 'ratio' ? pctText(derived.ratios[i]) : exactMoney(derived.amounts[i]);
      });
      next[memberId] = text;
      setMode(column);
      setTexts(next);
    } else setTexts((prev) => ({ ...prev, [memberId]: text }));
  };

  const save = async (remove = false) => {
    if (!split) return;
    let entries: { memberId: number; value: number }[] = [];
    if (!remove) {
      entries = members.flatMap((m, i) => (derived.values[i] > 0 ? [{ memberId: m.id, value: derived.values[i] }] : []));
      // Ratios within 0.01 of 100%: scaled to exactly 100.
      if (mode === 'ratio') {
        const total = sum(entries.map((e) => e.value));
        entries = entries.map((e) => ({ ...e, value: (e.value * 100) / total }));
        const drift = 100 - sum(entries.map((e) => e.value));
        if (entries.length > 0) entries[entries.length - 1].value += drift;
      } else if (amountFix !== 0 && entries.length > 0) {
        const largest = entries.reduce((a, e) => (e.value > a.value ? e : a), entries[0]);
        largest.value += amountFix;
      }
    }
    setBusy(true);
    const out = await runCommand('expenses.setSplit', { itemId, dimension, mode, entries });
    setBusy(false);
    if (out.ok) onClose();
    else setError(errorText(out.error));
  };

  const item = data.rows.find((r) => r.itemId === itemId);
  const parentName = (parentId: number | null) => {
    const parent = data.rows.find((p) => p.itemId === parentId);
    return parent ? itemName(parent) : '';
  };
  const dimLabel = (d: SplitDimension) => t(`expenses.split.${d}`);
  return (
    <Modal
      title={t('expenses.split.title', { item: item ? itemName(item) : '' })}
      onClose={onClose}
      testId="eb-split-dialog"
      footer={
        <>
          {existing && (
            <button type="button" className="btn" disabled={busy} onClick={() => void save(true)} data-testid="eb-split-remove">
              {t('expenses.split.remove')}
            </button>
          )}
          <span className="eb-bar__spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('expenses.split.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={!canSave || busy} onClick={() => void save()} data-testid="eb-split-save">
            {t('expenses.split.save')}
          </button>
        </>
      }
    >
      <div className="eb-dialog eb-split">
        <label className="field" htmlFor={ids.item}>
          <span className="field__label">{t('expenses.split.item')}</span>
          <select id={ids.item} className="input" value={itemId} onChange={(e) => setItemId(Number(e.target.value))} data-testid="eb-split-item">
            {leaves.map((r) => (
              <option key={r.itemId} value={r.itemId}>
                {`${parentName(r.parentId)}${r.parentId === null ? '' : ' / '}${itemName(r)}`}
              </option>
            ))}
          </select>
        </label>
        <SegmentedControl
          label={t('expenses.split.dimension')}
          value={dimension}
          size="small"
          testId="eb-split-dim"
          options={SPLIT_DIMENSIONS.map((d) => ({ value: d, label: dimLabel(d) }))}
          onChange={(d) => {
            setDimension(d);
            if (split) fill(split, d);
          }}
        />
        <p className="muted" data-testid="eb-split-budget">{t('expenses.split.budget', { amount: money(year, true) })}</p>
        {split && split.splits.length > 0 && (
          <p className="muted" data-testid="eb-split-current">
            {t('expenses.split.current')}：{split.splits.map((s) => dimLabel(s.dimension)).join('、')}
          </p>
        )}
        {other && <p className="eb-warn" data-testid="eb-split-replaces">{t('expenses.split.replaces', { old: dimLabel(other.dimension) })}</p>}
        <table className="eb-table eb-split__table" data-testid="eb-split-table" data-mode={mode}>
          <thead>
            <tr>
              <th scope="col">{t('expenses.split.member')}</th>
              <th scope="col">{t('expenses.split.ratio')}</th>
              <th scope="col">{t('expenses.split.amount', { unit: unitLabel(unit, language) })}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m, i) => (
              <tr key={m.id} data-testid={`eb-split-row-${m.code}`}>
                <th scope="row">{m.name}</th>
                <td>
                  <input className="input eb-input eb-input--short" inputMode="decimal" aria-label={`${m.name} ${t('expenses.split.ratio')}`} data-testid={`eb-split-ratio-${m.code}`}
                    value={mode === 'ratio' ? (texts[m.id] ?? '') : derived.values[i] === 0 ? '' : pctText(Math.round(derived.ratios[i] * 100) / 100)}
                    onChange={(e) => edit(m.id, 'ratio', e.target.value)} />
                </td>
                <td>
                  <input className="input eb-input" inputMode="decimal" aria-label={`${m.name} ${t('expenses.split.amount', { unit: unitLabel(unit, language) })}`} data-testid={`eb-split-amount-${m.code}`}
                    value={mode === 'amount' ? (texts[m.id] ?? '') : derived.values[i] === 0 ? '' : money(derived.amounts[i])}
                    onChange={(e) => edit(m.id, 'amount', e.target.value)} />
                </td>
              </tr>
            ))}
            <tr className="eb-table__total" data-testid="eb-split-total">
              <th scope="row">{t('expenses.split.total')}</th>
              <td data-col="ratio" className={ratioOk || empty ? undefined : 'eb-over'}>{`${Math.round(derived.ratioSum * 100) / 100}%`}</td>
              <td data-col="amount" className={amountOk || empty ? undefined : 'eb-over'}>{money(mode === 'amount' && amountOk ? year : derived.amountSum)}</td>
            </tr>
          </tbody>
        </table>
        {!empty && !(mode === 'ratio' ? ratioOk : amountOk) && (
          <p className="eb-warn" data-testid="eb-split-off">
            {mode === 'ratio'
              ? t('expenses.split.ratiosOff', { sum: `${Math.round(derived.ratioSum * 100) / 100}%` })
              : t('expenses.split.amountsOff', { sum: money(derived.amountSum, true), budget: money(year, true) })}
          </p>
        )}
        {shownError && <p className="eb-message" role="alert" data-testid="eb-split-error">{shownError}</p>}
        <p className="muted eb__note">{t('expenses.split.hint')}</p>
      </div>
    </Modal>
  );
}
