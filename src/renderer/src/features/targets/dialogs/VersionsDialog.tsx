import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCENARIO_NAMES, type PlanVersionInfo, type ScenarioName } from '../../../../../shared/endpoints/targets';
import { formatInteger, intlLocale, unitLabel, type Language } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { SegmentedControl } from '../../../components/SegmentedControl';
import { showExact, showValue, todayIso } from './format';
import './targetDialogs.css';

// The plan's versions: the working plan, snapshots (frozen forever) and scenarios.
// Take a snapshot, start a scenario, delete one, promote one to the working plan,
// or open any of them. Each change is one command; what reads the versions reloads.

type Pending =
  | { action: 'snapshot'; version: PlanVersionInfo }
  | { action: 'scenario'; version: PlanVersionInfo }
  | { action: 'delete'; version: PlanVersionInfo }
  | { action: 'promote'; version: PlanVersionInfo };

type ScenarioChoice = ScenarioName | 'free';

const dateFormats = new Map<Language, Intl.DateTimeFormat>();
function formatCreated(iso: string, language: Language): string {
  let f = dateFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(language), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateFormats.set(language, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

interface VersionsDialogProps {
  versions: PlanVersionInfo[];
  currentId: number;
  onSelect(id: number): void;
  onClose(): void;
}

export function VersionsDialog({ versions, currentId, onSelect, onClose }: VersionsDialogProps) {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const [pending, setPending] = useState<Pending | null>(null);
  const working = versions.find((v) => v.kind === 'working') ?? null;
  const amountFmt = { unit, language, measure: 'amount' as const };

  const kindBadge = (v: PlanVersionInfo) => (
    <span className={`td-badge td-badge--${v.kind}`}>
      {v.kind === 'scenario' && v.scenario ? `${t(`targetDialogs.kind.scenario`)} · ${t(`targetDialogs.scenario.${v.scenario}`)}` : t(`targetDialogs.kind.${v.kind}`)}
    </span>
  );

  return (
    <Modal
      title={t('targetDialogs.versions.title')}
      onClose={onClose}
      wide
      testId="versions-dialog"
      footer={
        <button type="button" className="btn btn--primary" onClick={onClose} data-testid="versions-close">
          {t('common.close')}
        </button>
      }
    >
      <div className="td td--versions">
        <p className="td-intro">{t('targetDialogs.versions.intro')}</p>
        {versions.length === 0 ? (
          <p className="empty-note">{t('targetDialogs.versions.empty')}</p>
        ) : (
          <table className="td-table td-table--versions">
            <thead>
              <tr>
                <th>{t('targetDialogs.versions.name')}</th>
                <th>{t('targetDialogs.versions.created')}</th>
                <th className="num">{t('targetDialogs.versions.cells')}</th>
                <th className="num">{t('targetDialogs.versions.amount', { unit: unitLabel(unit, language) })}</th>
                <th className="td-actions-col">{t('targetDialogs.versions.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => {
                const basedOn = v.basedOnId !== null ? versions.find((b) => b.id === v.basedOnId) : undefined;
                return (
                  <tr key={v.id} className={v.id === currentId ? 'is-current' : undefined} data-testid="version-row" data-version-id={v.id} data-kind={v.kind}>
                    <td>
                      <div className="td-vname">
                        <span className="td-vname__text">{v.name}</span>
                        {kindBadge(v)}
                        {v.frozen && <span className="td-badge td-badge--readonly">{t('targetDialogs.versions.readOnly')}</span>}
                        {v.id === currentId && <span className="td-current">{t('targetDialogs.versions.current')}</span>}
                      </div>
                      {(basedOn || v.note) && (
                        <div className="td-vmeta muted">
                          {basedOn && t('targetDialogs.versions.basedOn', { name: basedOn.name })}
                          {basedOn && v.note && ' · '}
                          {v.note}
                        </div>
                      )}
                    </td>
                    <td className="td-nowrap">{formatCreated(v.createdAt, language)}</td>
                    <td className="num">{formatInteger(v.cellCount, language)}</td>
                    <td className="num" title={showExact(v.amountCents, amountFmt, t)}>
                      {showValue(v.amountCents, amountFmt)}
                    </td>
                    <td className="td-actions-col">
                      <div className="td-actions">
                        <button
                          type="button"
                          className="btn btn--small"
                          disabled={v.id === currentId}
                          onClick={() => {
                            onSelect(v.id);
                            onClose();
                          }}
                          data-testid="version-open"
                        >
                          {t('targetDialogs.versions.open')}
                        </button>
                        {v.kind !== 'snapshot' && (
                          <button type="button" className="btn btn--small btn--ghost" onClick={() => setPending({ action: 'snapshot', version: v })} data-testid="version-snapshot">
                            {t('targetDialogs.versions.snapshot')}
                          </button>
                        )}
                        <button type="button" className="btn btn--small btn--ghost" onClick={() => setPending({ action: 'scenario', version: v })} data-testid="version-scenario">
                          {t('targetDialogs.versions.scenario')}
                        </button>
                        {v.kind === 'scenario' && (
                          <>
                            <button type="button" className="btn btn--small btn--ghost" onClick={() => setPending({ action: 'promote', version: v })} data-testid="version-promote">
                              {t('targetDialogs.versions.promote')}
                            </button>
                            <button type="button" className="btn btn--small btn--ghost td-danger" onClick={() => setPending({ action: 'delete', version: v })} data-testid="version-delete">
                              {t('targetDialogs.versions.delete')}
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {pending?.action === 'snapshot' && <SnapshotForm version={pending.version} onDone={() => setPending(null)} />}
      {pending?.action === 'scenario' && <ScenarioForm version={pending.version} onDone={() => setPending(null)} />}
      {pending?.action === 'delete' && (
        <Confirm
          title={t('targetDialogs.versions.deleteTitle')}
          body={t('targetDialogs.versions.deleteBody', { name: pending.version.name })}
          submit={t('targetDialogs.versions.deleteSubmit')}
          danger
          testId="version-delete-confirm"
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            const id = pending.version.id;
            const outcome = await runCommand('targets.deleteVersion', { id });
            if (!outcome.ok) app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
            else if (id === currentId && working) onSelect(working.id);
            setPending(null);
          }}
        />
      )}
      {pending?.action === 'promote' && (
        <Confirm
          title={t('targetDialogs.versions.promoteTitle')}
          body={t('targetDialogs.versions.promoteBody', { name: pending.version.name, working: working?.name ?? '' })}
          submit={t('targetDialogs.versions.promoteSubmit')}
          testId="version-promote-confirm"
          onCancel={() => setPending(null)}
          onConfirm={async () => {
            const id = pending.version.id;
            const outcome = await runCommand('targets.promote', { id });
            if (!outcome.ok) app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
            setPending(null);
          }}
        />
      )}
    </Modal>
  );
}

interface ConfirmProps {
  title: string;
  body: string;
  submit: string;
  danger?: boolean;
  testId: string;
  onCancel(): void;
  onConfirm(): Promise<void>;
}

function Confirm({ title, body, submit, danger, testId, onCancel, onConfirm }: ConfirmProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={title}
      onClose={onCancel}
      role="alertdialog"
      testId={testId}
      dismissible={!busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={danger ? 'btn btn--primary td-btn-danger' : 'btn btn--primary'}
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onConfirm().finally(() => setBusy(false));
            }}
            data-testid="confirm-submit"
          >
            {busy ? t('common.working') : submit}
          </button>
        </>
      }
    >
      <p className="td-confirm">{body}</p>
    </Modal>
  );
}

function SnapshotForm({ version, onDone }: { version: PlanVersionInfo; onDone(): void }) {
  const { t } = useTranslation();
  const app = useApp();
  const [name, setName] = useState(() => t('targetDialogs.versions.snapshotDefault', { date: todayIso() }));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!name.trim()) {
      setError(t('targetDialogs.versions.nameRequired'));
      return;
    }
    setBusy(true);
    const outcome = await runCommand('targets.createVersion', { kind: 'snapshot', fromId: version.id, name: name.trim(), note: note.trim() || undefined });
    setBusy(false);
    if (outcome.ok) onDone();
    else app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
  };

  return (
    <Modal
      title={t('targetDialogs.versions.snapshotTitle')}
      onClose={onDone}
      testId="snapshot-form"
      dismissible={!busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onDone} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={busy} data-testid="snapshot-submit">
            {busy ? t('common.working') : t('targetDialogs.versions.snapshotSubmit')}
          </button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="form__intro">{t('targetDialogs.versions.snapshotFrom', { name: version.name })}</p>
        <label className="field">
          <span className="field__label">{t('targetDialogs.versions.snapshotName')}</span>
          <input
            className={error ? 'input is-invalid' : 'input'}
            value={name}
            maxLength={100}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            data-testid="snapshot-name"
          />
          {error && <span className="field__error">{error}</span>}
        </label>
        <label className="field">
          <span className="field__label">{t('targetDialogs.versions.note')}</span>
          <textarea className="input" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <p className="td-warn" data-testid="snapshot-warning">
          {t('targetDialogs.versions.snapshotWarn')}
        </p>
      </form>
    </Modal>
  );
}

function ScenarioForm({ version, onDone }: { version: PlanVersionInfo; onDone(): void }) {
  const { t } = useTranslation();
  const app = useApp();
  const [type, setType] = useState<ScenarioChoice>('base');
  const [name, setName] = useState<string | null>(null); // null: the type's default name
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownName = name ?? t(`targetDialogs.versions.scenarioDefault.${type}`);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!shownName.trim()) {
      setError(t('targetDialogs.versions.nameRequired'));
      return;
    }
    setBusy(true);
    const outcome = await runCommand('targets.createVersion', {
      kind: 'scenario',
      fromId: version.id,
      name: shownName.trim(),
      scenario: type === 'free' ? null : type,
    });
    setBusy(false);
    if (outcome.ok) onDone();
    else app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
  };

  const choices: ScenarioChoice[] = [...SCENARIO_NAMES, 'free'];
  return (
    <Modal
      title={t('targetDialogs.versions.scenarioTitle')}
      onClose={onDone}
      testId="scenario-form"
      dismissible={!busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onDone} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void submit()} disabled={busy} data-testid="scenario-submit">
            {busy ? t('common.working') : t('targetDialogs.versions.scenarioSubmit')}
          </button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="form__intro">{t('targetDialogs.versions.scenarioFrom', { name: version.name })}</p>
        <div className="field">
          <span className="field__label">{t('targetDialogs.versions.scenarioType')}</span>
          <SegmentedControl<ScenarioChoice>
            label={t('targetDialogs.versions.scenarioType')}
            value={type}
            options={choices.map((c) => ({ value: c, label: t(`targetDialogs.scenario.${c}`) }))}
            onChange={setType}
            testId="scenario-type"
          />
        </div>
        <label className="field">
          <span className="field__label">{t('targetDialogs.versions.scenarioName')}</span>
          <input
            className={error ? 'input is-invalid' : 'input'}
            value={shownName}
            maxLength={100}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            data-testid="scenario-name"
          />
          {error && <span className="field__error">{error}</span>}
        </label>
      </form>
    </Modal>
  );
}
