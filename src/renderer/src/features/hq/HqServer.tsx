import { useState, type FormEvent } from 'react';
import { serverUrlProblem, withPassword, withoutPassword } from '../../../../shared/hqServer';
import { runCommand } from '../../api/commands';
import { Icon } from '../../components/icons';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { useT, type T } from '../analysis/kit';
import './hqPg.css';

// A head-office workspace on a PostgreSQL server, from the window: where a new one lives
// (a file, or a server's database), and connecting to one. The password in a URL is
// sent to the core to connect and kept nowhere here: the URLs remembered for the next
// time are without it, and the analyst types it again.

export type HqWhere = 'file' | 'server';

const RECENT_KEY = 'regionplan.hqServers';
const MAX_RECENT = 5;

/** Server URLs connected to before, without their passwords. */
export function recentServers(): string[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberServer(url: string): void {
  const bare = withoutPassword(url);
  if (bare === '') return;
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([bare, ...recentServers().filter((u) => u !== bare)].slice(0, MAX_RECENT)));
  } catch {
    // Storage full or disabled: the list is a convenience.
  }
}

/** The words of what is wrong with a typed URL, or null. */
export function serverUrlError(url: string, t: T): string | null {
  const problem = serverUrlProblem(url);
  return problem === null ? null : t(`hqPg.invalid.${problem}`);
}

/** 工作區放在哪裡: a file here, or a PostgreSQL server (its URL). */
export function LocationChoice({
  where, url, password, error, onWhere, onUrl, onPassword,
}: {
  where: HqWhere;
  url: string;
  password: string;
  error: string | null;
  onWhere: (w: HqWhere) => void;
  onUrl: (u: string) => void;
  onPassword: (p: string) => void;
}) {
  const t = useT();
  const option = (value: HqWhere, title: string, hint: string) => (
    <label className={`hq-where__option${where === value ? ' is-active' : ''}`} data-testid={`hq-where-${value}`}>
      <input type="radio" name="hq-where" value={value} checked={where === value} onChange={() => onWhere(value)} />
      <span className="hq-where__text">
        <span className="hq-where__title">{title}</span>
        <span className="hq-where__hint">{hint}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="hq-where">
      <legend className="field__label">{t('hqPg.where.label')}</legend>
      <div className="hq-where__options">
        {option('file', t('hqPg.where.file'), t('hqPg.where.fileHint'))}
        {option('server', t('hqPg.where.server'), t('hqPg.where.serverHint'))}
      </div>
      {where === 'server' && <ServerUrlField url={url} password={password} error={error} onUrl={onUrl} onPassword={onPassword} hint={t('hqPg.where.urlHint')} />}
    </fieldset>
  );
}

interface UrlFieldProps {
  url: string;
  password: string;
  error: string | null;
  onUrl: (u: string) => void;
  onPassword: (p: string) => void;
  hint: string;
  autoFocus?: boolean;
}

/** The URL, and its password in a field of its own (masked; it may also be in the URL). */
function ServerUrlField({ url, password, error, onUrl, onPassword, hint, autoFocus }: UrlFieldProps) {
  const t = useT();
  return (
    <div className="hq-server-fields">
      <label className="field">
        <span className="field__label">{t('hqPg.where.url')}</span>
        <input
          name="serverUrl"
          className={error ? 'input hq-server-url is-invalid' : 'input hq-server-url'}
          value={url}
          onChange={(e) => onUrl(e.target.value)}
          placeholder={t('hqPg.where.urlPlaceholder')}
          spellCheck={false}
          autoComplete="off"
          autoFocus={autoFocus}
          maxLength={2048}
          data-testid="hq-server-url"
        />
        {error ? (
          <span className="field__error" role="alert" data-testid="hq-server-url-error">
            {error}
          </span>
        ) : (
          <span className="field__hint">{hint}</span>
        )}
      </label>
      <label className="field">
        <span className="field__label">{t('hqPg.where.password')}</span>
        <input
          name="serverPassword"
          type="password"
          className="input"
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          autoComplete="off"
          maxLength={1000}
          data-testid="hq-server-password"
        />
      </label>
    </div>
  );
}

/** 打開伺服器上的總部匯總: the URL (a remembered one, without password, to complete), then connect. */
export function ConnectServerDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const recent = recentServers();
  const [url, setUrl] = useState(recent[0] ?? '');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [hostError, setHostError] = useState<string | null>(null);
  const problem = serverUrlError(url, t);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setHostError(null);
    if (problem !== null) return;
    setBusy(true);
    const outcome = await runCommand('hq.openServer', { url: withPassword(url, password) });
    setBusy(false);
    if (!outcome.ok) return setHostError(errorText(outcome.error));
    rememberServer(url);
    onClose();
  };
  return (
    <Modal title={t('hqPg.connect.title')} onClose={onClose} testId="hq-connect-dialog" dismissible={!busy}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="form__intro">{t('hqPg.connect.intro')}</p>
        <ServerUrlField url={url} password={password} error={tried ? problem : null} onUrl={setUrl} onPassword={setPassword} hint={t('hqPg.where.urlHintOpen')} autoFocus />
        {recent.length > 0 && (
          <div className="hq-recent-servers">
            <span className="field__label">{t('hqPg.connect.recent')}</span>
            <ul>
              {recent.map((u) => (
                <li key={u}>
                  <button type="button" className="hq-recent-servers__item" onClick={() => setUrl(u)} data-testid="hq-recent-server">
                    <Icon name="masterData" />
                    <span>{u}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {hostError && (
          <p className="form__error" role="alert" data-testid="hq-connect-error">
            {hostError}
          </p>
        )}
        <FormButtons busy={busy} label={t('hqPg.connect.submit')} onCancel={onClose} testId="hq-connect-submit" />
      </form>
    </Modal>
  );
}

/** The start screen's way to a workspace on a server, beside 打開總部匯總. */
export function ConnectServerLink({ disabled }: { disabled?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="hq-connect-link" onClick={() => setOpen(true)} disabled={disabled} data-testid="start-connect-hq">
        <Icon name="masterData" />
        <span>{t('hqPg.connect.link')}</span>
      </button>
      {open && <ConnectServerDialog onClose={() => setOpen(false)} />}
    </>
  );
}
