import { useState, type FormEvent, type ReactNode } from 'react';
import type { HqSummary } from '../../../../shared/endpoints/hq';
import { runCommand } from '../../api/commands';
import { Icon } from '../../components/icons';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { useT } from '../analysis/kit';
import { cycleProblems, cycleValues, percentText } from './cycleFields';
import './hqPg.css';

// hq settings: the cycle's name, tolerance, expense-ratio cap and due date; where the
// workspace lives is shown, not changed (it is chosen when the workspace is made).


/** The settings button's icon: sliders, drawn as the app's line icons are (components/icons). */
export function SlidersIcon({ size = 18 }: { size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" aria-hidden="true">
      <path d="M4 6h9M17 6h3M15 4v4M4 12h3M11 12h9M9 10v4M4 18h11M19 18h1M17 16v4" />
    </svg>
  );
}

/** Where the workspace lives, on the bar: the server and database, or the file's name. */
export function HqLocationChip({ summary }: { summary: HqSummary }) {
  const t = useT();
  const where = summary.location;
  const server = where.kind === 'server';
  return (
    <span
      className={`hq-location hq-location--${where.kind}`}
      title={server ? t('hqPg.bar.serverTitle', { url: where.url }) : t('hqPg.bar.fileTitle', { path: where.path })}
      data-testid="hq-location"
      data-kind={where.kind}
    >
      <Icon name={server ? 'masterData' : 'file'} size={14} />
      <span>{server ? t('hqPg.bar.onServer', { server: where.server, database: where.database }) : summary.fileName}</span>
    </span>
  );
}

export function HqSettingsDialog({ summary, onClose, onSaved }: { summary: HqSummary; onClose: () => void; onSaved: (text: string) => void }) {
  const t = useT();
  const [name, setName] = useState(summary.name);
  const [tolerance, setTolerance] = useState(percentText(summary.tolerance));
  const [cap, setCap] = useState(summary.expenseCap === null ? '' : percentText(summary.expenseCap));
  const [due, setDue] = useState(summary.dueDate ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);

  const fields = { name, tolerance, cap, due };
  const problems = cycleProblems(fields, t);
  const shown = tried ? problems : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setHostError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const outcome = await runCommand('hq.updateSettings', cycleValues(fields));
    setBusy(false);
    if (!outcome.ok) return setHostError(errorText(outcome.error));
    onSaved(t('hqPg.settings.saved'));
  };

  const field = (key: string, label: string, input: ReactNode, hint?: string) => (
    <label className="field">
      <span className="field__label">{label}</span>
      {input}
      {shown[key] ? (
        <span className="field__error" role="alert" data-testid={`hq-settings-error-${key}`}>
          {shown[key]}
        </span>
      ) : (
        hint && <span className="field__hint">{hint}</span>
      )}
    </label>
  );
  const cls = (key: string) => (shown[key] ? 'input is-invalid' : 'input');
  const where = summary.location;

  return (
    <Modal title={t('hqPg.settings.title')} onClose={onClose} testId="hq-settings-dialog" dismissible={!busy}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="hq-form-row">
          {field('name', t('hqPg.settings.name'), <input name="cycleName" className={cls('name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoComplete="off" autoFocus />)}
          <div className="field field--short">
            <span className="field__label">{t('hqPg.settings.planYear')}</span>
            <span className="hq-settings__fixed">{summary.planYear}</span>
          </div>
        </div>
        <div className="hq-form-row">
          {field('tolerance', t('hqPg.settings.tolerance'), <input name="tolerance" className={cls('tolerance')} value={tolerance} onChange={(e) => setTolerance(e.target.value)} inputMode="decimal" autoComplete="off" />)}
          {field('cap', t('hqPg.settings.expenseCap'), <input name="expenseCap" className={cls('cap')} value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" autoComplete="off" />, t('hqPg.settings.capHint'))}
          {field('due', t('hqPg.settings.dueDate'), <input name="dueDate" type="date" className="input" value={due} onChange={(e) => setDue(e.target.value)} />)}
        </div>
        <div className="hq-settings__where" data-testid="hq-settings-location">
          <span className="field__label">{t('hqPg.settings.location')}</span>
          <div className="hq-settings__where-box">
            <Icon name={where.kind === 'server' ? 'masterData' : 'file'} size={16} />
            <span className="hq-settings__where-kind">{where.kind === 'server' ? t('hqPg.settings.locationServer') : t('hqPg.settings.locationFile')}</span>
            <span className="hq-settings__where-text">{where.kind === 'server' ? where.url : where.path}</span>
          </div>
          <span className="field__hint">{t('hqPg.settings.locationNote')}</span>
        </div>
        {hostError && (
          <p className="form__error" role="alert">
            {hostError}
          </p>
        )}
        <FormButtons busy={busy} label={t('hqPg.settings.submit')} onCancel={onClose} testId="hq-settings-submit" />
      </form>
    </Modal>
  );
}
