import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { BrowseEntry } from '../../../../shared/contract';
import type { HqSummary } from '../../../../shared/endpoints/hq';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Icon } from '../../components/icons';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { useT } from '../analysis/kit';
import { withPassword } from '../../../../shared/hqServer';
import { cycleProblems, cycleValues } from './cycleFields';
import { LocationChoice, rememberServer, serverUrlError, type HqWhere } from './HqServer';

/** 新建總部匯總: plan year, cycle name, the regions expected, tolerance and expense cap. */
export function NewHqDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const app = useApp();
  const [planYear, setPlanYear] = useState(String(new Date().getFullYear() + 1));
  const [name, setName] = useState('');
  const [regions, setRegions] = useState('');
  const [tolerance, setTolerance] = useState('1');
  const [cap, setCap] = useState('');
  const [due, setDue] = useState('');
  const [where, setWhere] = useState<HqWhere>('file');
  const [url, setUrl] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);

  const year = Number(planYear);
  const regionList = regions.split('\n').map((r) => r.trim()).filter((r) => r.length > 0);
  const fields = { name, tolerance, cap, due };
  const problems = cycleProblems(fields, t);
  if (!/^\d{4}$/.test(planYear.trim()) || year < 2000 || year > 2100) problems.planYear = t('hqUi.create.invalid.year');
  if (regionList.length === 0) problems.regions = t('hqUi.create.invalid.regions');
  const urlProblem = where === 'server' ? serverUrlError(url, t) : null;
  if (urlProblem !== null) problems.url = urlProblem;
  const shown = tried ? problems : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setHostError(null);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    const cycle = { planYear: year, regions: [...new Set(regionList)], ...cycleValues(fields) };
    const outcome = where === 'server' ? await runCommand('hq.createOnServer', { url: withPassword(url, password), ...cycle }) : await runCommand('hq.create', cycle);
    setBusy(false);
    if (outcome.ok && where === 'server') rememberServer(url);
    if (outcome.ok) {
      if (outcome.value !== null) onClose();
    } else setHostError(errorText(outcome.error));
  };

  const field = (key: string, label: string, input: ReactNode, short = false) => (
    <label className={short ? 'field field--short' : 'field'}>
      <span className="field__label">{label}</span>
      {input}
      {shown[key] && (
        <span className="field__error" role="alert" data-testid={`hq-field-error-${key}`}>
          {shown[key]}
        </span>
      )}
    </label>
  );
  const cls = (key: string) => (shown[key] ? 'input is-invalid' : 'input');

  return (
    <Modal title={t('hqUi.create.title')} onClose={onClose} testId="new-hq-dialog" dismissible={!busy}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form__intro">{t('hqUi.create.intro')}</p>
        <div className="hq-form-row">
          {field('planYear', t('hqUi.create.planYear'), <input name="planYear" className={cls('planYear')} value={planYear} onChange={(e) => setPlanYear(e.target.value)} inputMode="numeric" autoComplete="off" />, true)}
          {field('name', t('hqUi.create.name'), <input name="cycleName" className={cls('name')} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('hqUi.create.namePlaceholder')} maxLength={100} autoFocus autoComplete="off" />)}
        </div>
        {field('regions', t('hqUi.create.regions'), <textarea name="regions" className={`${cls('regions')} hq-regions-input`} value={regions} onChange={(e) => setRegions(e.target.value)} placeholder={t('hqUi.create.regionsPlaceholder')} rows={5} />)}
        <div className="hq-form-row">
          {field('tolerance', t('hqUi.create.tolerance'), <input name="tolerance" className={cls('tolerance')} value={tolerance} onChange={(e) => setTolerance(e.target.value)} inputMode="decimal" autoComplete="off" />)}
          {field('cap', t('hqUi.create.expenseCap'), <input name="expenseCap" className={cls('cap')} value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" autoComplete="off" />)}
          {field('due', t('hqUi.create.dueDate'), <input name="dueDate" type="date" className="input" value={due} onChange={(e) => setDue(e.target.value)} />)}
        </div>
        <LocationChoice where={where} url={url} password={password} error={shown.url ?? null} onWhere={setWhere} onUrl={setUrl} onPassword={setPassword} />
        {hostError && (
          <p className="form__error" role="alert" data-testid="new-hq-error">
            {hostError}
          </p>
        )}
        {where === 'file' && <p className="form__where">{app.info.nativeDialogs ? t('hqUi.create.whereNative') : t('hqUi.create.whereWeb')}</p>}
        <FormButtons busy={busy} label={t('hqUi.create.submit')} onCancel={onClose} testId="new-hq-submit" />
      </form>
    </Modal>
  );
}

/**
 * The web host's folder, for a workspace to open (one click) or plan packages to receive
 * (tick, then receive). Where the OS has dialogs, the host shows them instead.
 */
export function HqPickDialog({ kind, onClose, onPicked }: { kind: 'hq' | 'package'; onClose: () => void; onPicked: (paths: string[]) => void }) {
  const t = useT();
  const browse = useQuery('hq.browse', { kind });
  const { reload } = browse;
  const [listed, setListed] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // Files come and go in the folder without a command of ours: list it anew each time.
  useEffect(() => {
    void reload().then(() => setListed(true));
  }, [reload]);
  const entries: BrowseEntry[] | null = listed ? browse.data : null;
  const toggle = (path: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  return (
    <Modal
      title={kind === 'hq' ? t('hqUi.pick.title') : t('hqUi.pick.receiveTitle')}
      onClose={onClose}
      testId="hq-pick-dialog"
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          {kind === 'package' && (
            <button type="button" className="btn btn--primary" disabled={chosen.size === 0} onClick={() => onPicked([...chosen])} data-testid="hq-pick-receive">
              {t('hqUi.pick.receiveSelected', { count: chosen.size })}
            </button>
          )}
        </>
      }
    >
      {entries !== null && entries.length === 0 && <p className="empty-note">{t('hqUi.pick.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <ul className="hq-pick-list">
          {entries.map((e) => (
            <li key={e.path} data-testid="hq-pick-entry" data-file={e.fileName}>
              {kind === 'hq' ? (
                <button type="button" className="file-table__open" onClick={() => onPicked([e.path])} title={e.path}>
                  <Icon name="file" />
                  <span>{e.fileName}</span>
                </button>
              ) : (
                <label className="hq-pick-check">
                  <input type="checkbox" checked={chosen.has(e.path)} onChange={() => toggle(e.path)} />
                  <Icon name="file" />
                  <span>{e.fileName}</span>
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

/** Opens a workspace: the OS dialog where there is one, else the host's folder. */
export function useOpenHq(): { open(): void; picker: ReactNode } {
  const app = useApp();
  const [picking, setPicking] = useState(false);
  const openPath = async (path?: string) => {
    setPicking(false);
    const outcome = await runCommand('hq.open', path === undefined ? {} : { path });
    if (!outcome.ok) app.showError({ titleKey: 'errors.openTitle', data: outcome.error });
  };
  return {
    open: () => (app.info.nativeDialogs ? void openPath() : setPicking(true)),
    picker: picking ? <HqPickDialog kind="hq" onClose={() => setPicking(false)} onPicked={(p) => void openPath(p[0])} /> : null,
  };
}

export type { HqSummary };
