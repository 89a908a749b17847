import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VarianceCause } from '../../../../../shared/endpoints/planVariance';
import { runCommand } from '../../../api/commands';
import { Modal } from '../../../components/Modal';
import { errorText } from '../../../i18n';
import { useCauseName } from './varianceText';

// The list of variance causes, edited like the expense items: rename, add, delete a
// cause no note gives. Each save or delete is one command (one undo step).

export function CausesDialog({ causes, readOnly, onClose }: { causes: readonly VarianceCause[]; readOnly: boolean; onClose: () => void }) {
  const { t: tt } = useTranslation();
  const t = tt as unknown as (k: string, o?: Record<string, unknown>) => string;
  const causeName = useCauseName();
  const [names, setNames] = useState<Record<number, string>>({});
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => ReturnType<typeof runCommand>) => {
    setBusy(true);
    setError(null);
    const outcome = await work();
    setBusy(false);
    if (!outcome.ok) setError(errorText(outcome.error));
    return outcome.ok;
  };

  const changed = causes.filter((c) => names[c.id] !== undefined && names[c.id].trim() !== '' && names[c.id].trim() !== causeName(c));
  const save = async () => {
    const rows = [...changed.map((c) => ({ id: c.id, name: names[c.id].trim() })), ...(newName.trim() ? [{ name: newName.trim() }] : [])];
    if (rows.length === 0) return;
    if (await run(() => runCommand('plan.variance.causes.apply', { rows }))) {
      setNames({});
      setNewName('');
    }
  };

  return (
    <Modal
      title={t('planVariance.causes.title')}
      onClose={onClose}
      testId="vc-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-testid="vc-close">
            {t('planVariance.causes.close')}
          </button>
          {!readOnly && (
            <button type="button" className="btn btn--primary" disabled={busy || (changed.length === 0 && !newName.trim())} onClick={() => void save()} data-testid="vc-save">
              {t('planVariance.causes.save')}
            </button>
          )}
        </>
      }
    >
      <p className="form__intro">{t('planVariance.causes.hint')}</p>
      <ul className="vc-list" data-testid="vc-list">
        {causes.map((c) => (
          <li key={c.id} className="vc-item" data-testid={`vc-item-${c.code}`}>
            <input
              className="input"
              aria-label={t('planVariance.causes.name')}
              value={names[c.id] ?? causeName(c)}
              maxLength={60}
              disabled={readOnly}
              onChange={(e) => setNames((n) => ({ ...n, [c.id]: e.target.value }))}
              data-testid="vc-name"
            />
            <span className="vc-used">{c.notes > 0 ? t('planVariance.causes.inUse', { count: c.notes }) : ''}</span>
            {!readOnly && (
              <button
                type="button"
                className="btn btn--small btn--ghost"
                disabled={busy || c.notes > 0}
                title={c.notes > 0 ? t('planVariance.causes.inUse', { count: c.notes }) : undefined}
                onClick={() => void run(() => runCommand('plan.variance.causes.remove', { ids: [c.id] }))}
                data-testid="vc-remove"
              >
                {t('planVariance.causes.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && (
        <label className="field">
          <span className="field__label">{t('planVariance.causes.add')}</span>
          <input
            className="input"
            value={newName}
            maxLength={60}
            placeholder={t('planVariance.causes.newName')}
            onChange={(e) => setNewName(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && void save()}
            data-testid="vc-new"
          />
        </label>
      )}
      {error && (
        <p className="form__error" role="alert" data-testid="vc-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
