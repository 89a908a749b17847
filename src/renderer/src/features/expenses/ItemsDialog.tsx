import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPENSE_KINDS, type ExpenseItemInfo, type ExpenseKindName } from '../../../../shared/expenses';
import { runCommand, type Outcome } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import './itemsDialogs.css';
import { useItemName } from './itemName';

// The expense items editor: the items as an indented tree; add a top-level
// item (name and kind) or one under the selected item, rename or delete the selected
// item. Each change is one command (one undo step); the budget, which reads the
// expenses, reloads.

export function ItemsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const itemName = useItemName();
  const ids = { name: useId(), kind: useId(), rename: useId(), child: useId() };
  const list = useQuery('expenses.items', {});
  const items = list.data;
  const [selected, setSelected] = useState<number | null>(null);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<ExpenseKindName>('other');
  const [renameText, setRenameText] = useState('');
  const [childName, setChildName] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const shownMessage = message ?? (list.error ? errorText(list.error) : null);
  const current = items?.find((i) => i.id === selected) ?? null;
  const select = (item: ExpenseItemInfo | null) => {
    setSelected(item?.id ?? null);
    setRenameText(item ? itemName(item) : '');
    setChildName('');
    setMessage(null);
  };

  /** Runs an items edit; on success selects `pick(list)` in the new list, once the list shows it. */
  const edit = async (command: Promise<Outcome<ExpenseItemInfo[]>>, pick: (list: ExpenseItemInfo[]) => ExpenseItemInfo | null): Promise<boolean> => {
    setBusy(true);
    const out = await command;
    if (out.ok) await list.settled();
    setBusy(false);
    if (!out.ok) {
      setMessage(errorText(out.error));
      return false;
    }
    select(pick(out.value));
    return true;
  };

  const addTop = async () => {
    const name = newName.trim();
    if (!name) return;
    if (await edit(runCommand('expenses.addItem', { parentId: null, name, kind: newKind }), (l) => l.find((i) => i.parentId === null && i.name === name) ?? null)) {
      setNewName('');
    }
  };
  const addChild = async () => {
    const name = childName.trim();
    if (!current || !name) return;
    const parentId = current.id;
    await edit(runCommand('expenses.addItem', { parentId, name }), (l) => l.find((i) => i.parentId === parentId && i.name === name) ?? null);
  };
  const rename = async () => {
    const name = renameText.trim();
    if (!current || !name || name === itemName(current)) return;
    const id = current.id;
    await edit(runCommand('expenses.renameItem', { id, name }), (l) => l.find((i) => i.id === id) ?? null);
  };
  const remove = async () => {
    if (!current) return;
    const id = current.id;
    const parentId = current.parentId;
    await edit(runCommand('expenses.deleteItem', { id }), (l) => l.find((i) => i.id === parentId) ?? null);
  };

  const kindLabel = (k: ExpenseKindName) => t(`expenses.items.kinds.${k}` as 'expenses.items.kinds.other');

  return (
    <Modal
      title={t('expenses.items.title')}
      onClose={onClose}
      wide
      testId="ei-dialog"
      footer={
        <button type="button" className="btn" onClick={onClose} data-testid="ei-close">
          {t('expenses.items.close')}
        </button>
      }
    >
      <div className="ei">
        <ul className="ei-tree" role="listbox" aria-label={t('expenses.items.listLabel')} data-testid="ei-tree">
          {(items ?? []).map((i) => (
            <li
              key={i.id}
              role="option"
              aria-selected={i.id === selected}
              tabIndex={0}
              className={`ei-tree__item${i.id === selected ? ' ei-tree__item--selected' : ''}${i.depth === 0 ? ' ei-tree__item--top' : ''}`}
              style={{ paddingLeft: `${8 + i.depth * 20}px` }}
              data-testid={`ei-item-${i.code}`}
              data-name={i.name}
              onClick={() => select(i)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), select(i))}
            >
              <span className="ei-tree__name">{itemName(i)}</span>
              {i.depth === 0 && <span className="ei-tree__kind">{kindLabel(i.kind)}</span>}
              {i.inUse && <span className="ei-tree__badge">{t('expenses.items.inUse')}</span>}
            </li>
          ))}
        </ul>
        <div className="ei-side">
          <section className="ei-box" aria-label={t('expenses.items.addTop')}>
            <h3 className="ei-box__title">{t('expenses.items.addTop')}</h3>
            <label className="field" htmlFor={ids.name}>
              <span className="field__label">{t('expenses.items.name')}</span>
              <input id={ids.name} className="input" value={newName} maxLength={60} data-testid="ei-new-name"
                onChange={(e) => setNewName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void addTop()} />
            </label>
            <label className="field" htmlFor={ids.kind}>
              <span className="field__label">{t('expenses.items.kind')}</span>
              <select id={ids.kind} className="input" value={newKind} data-testid="ei-new-kind" onChange={(e) => setNewKind(e.target.value as ExpenseKindName)}>
                {EXPENSE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="btn btn--primary btn--small" disabled={busy || !newName.trim()} onClick={() => void addTop()} data-testid="ei-add-top">
              {t('expenses.items.add')}
            </button>
          </section>
          {current ? (
            <section className="ei-box" aria-label={itemName(current)} data-testid="ei-selected">
              <h3 className="ei-box__title">{itemName(current)}</h3>
              <label className="field" htmlFor={ids.rename}>
                <span className="field__label">{t('expenses.items.name')}</span>
                <span className="ei-row">
                  <input id={ids.rename} className="input" value={renameText} maxLength={60} data-testid="ei-rename-name"
                    onChange={(e) => setRenameText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void rename()} />
                  <button type="button" className="btn btn--small" disabled={busy || !renameText.trim() || renameText.trim() === itemName(current)}
                    onClick={() => void rename()} data-testid="ei-rename">
                    {t('expenses.items.rename')}
                  </button>
                </span>
              </label>
              <label className="field" htmlFor={ids.child}>
                <span className="field__label">{t('expenses.items.addUnder', { name: itemName(current) })}</span>
                <span className="ei-row">
                  <input id={ids.child} className="input" value={childName} maxLength={60} data-testid="ei-child-name"
                    onChange={(e) => setChildName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void addChild()} />
                  <button type="button" className="btn btn--small" disabled={busy || !childName.trim()} onClick={() => void addChild()} data-testid="ei-add-child">
                    {t('expenses.items.addChild')}
                  </button>
                </span>
              </label>
              <button type="button" className="btn btn--small btn--danger" disabled={busy} onClick={() => void remove()} data-testid="ei-delete">
                {t('expenses.items.remove')}
              </button>
            </section>
          ) : (
            <p className="muted">{t('expenses.items.selectHint')}</p>
          )}
          {shownMessage && (
            <p className="ei-message" role="alert" data-testid="ei-message">
              {shownMessage}
            </p>
          )}
        </div>
      </div>
    </Modal>
  );
}
