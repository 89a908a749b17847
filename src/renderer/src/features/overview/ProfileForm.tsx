import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../../../../shared/contract';
import { useSave } from '../../app/useSave';

type ProfileField = 'regionName' | 'managerName' | 'notes';

interface CommitFieldProps {
  field: ProfileField;
  label: string;
  value: string;
  placeholder?: string;
  multiline?: boolean;
  maxLength: number;
  /** Returns a message when the draft cannot be saved. */
  validate?: (draft: string) => string | null;
  onCommit: (field: ProfileField, value: string) => void;
}

/**
 * A field that keeps a draft while typing and commits it on blur or Enter (the
 * notes: Ctrl/Cmd+Enter), one undo step per commit. When the saved value changes
 * underneath (undo, redo), the draft follows it.
 */
function CommitField({ field, label, value, placeholder, multiline, maxLength, validate, onCommit }: CommitFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  if (base !== value) {
    // Adjusting state while rendering: React's pattern for following a prop.
    setBase(value);
    setDraft(value);
    setProblem(null);
  }

  const commit = () => {
    const next = multiline ? draft : draft.trim();
    if (next === value) {
      if (draft !== value) setDraft(value);
      return;
    }
    const message = validate?.(next) ?? null;
    setProblem(message);
    if (message) return;
    onCommit(field, next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      setDraft(value);
      setProblem(null);
      e.stopPropagation();
      return;
    }
    if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      commit();
    }
  };

  const common = {
    id,
    name: field,
    value: draft,
    placeholder,
    maxLength,
    className: problem ? 'input is-invalid' : 'input',
    'aria-invalid': !!problem,
    'data-testid': `profile-${field}`,
    onBlur: commit,
    onKeyDown,
  };

  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea {...common} rows={4} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input {...common} autoComplete="off" onChange={(e) => setDraft(e.target.value)} />
      )}
      {problem && (
        <span className="field__error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** The region's profile: name, manager, notes; each commit is one undoable edit. */
export function ProfileForm({ summary }: { summary: RegionSummary }) {
  const { t } = useTranslation();
  const save = useSave();

  const onCommit = (field: ProfileField, value: string) => {
    void save('region.updateProfile', { [field]: value });
  };

  return (
    <section className="card profile" aria-labelledby="profile-title" data-testid="profile-form">
      <h2 id="profile-title" className="card__title">
        {t('overview.profile.title')}
      </h2>
      <CommitField
        field="regionName"
        label={t('overview.profile.regionName')}
        value={summary.regionName}
        maxLength={100}
        validate={(v) => (v.length === 0 ? t('newRegion.invalid.nameRequired') : null)}
        onCommit={onCommit}
      />
      <CommitField
        field="managerName"
        label={t('overview.profile.managerName')}
        value={summary.managerName}
        placeholder={t('overview.profile.managerPlaceholder')}
        maxLength={100}
        onCommit={onCommit}
      />
      <CommitField
        field="notes"
        label={t('overview.profile.notes')}
        value={summary.notes}
        placeholder={t('overview.profile.notesPlaceholder')}
        maxLength={10_000}
        multiline
        onCommit={onCommit}
      />
      <p className="field__hint">{t('overview.profile.hint')}</p>
    </section>
  );
}
