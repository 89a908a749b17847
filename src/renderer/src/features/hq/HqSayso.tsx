import { useState } from 'react';
import type { Receipt } from '../../../../shared/hq';
import { runCommand } from '../../api/commands';
import { FormButtons } from '../../components/FormButtons';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { useT } from '../analysis/kit';
import './hqPg.css';

// Head office's say-so on a refused package, from the receive result: a known region's
// package signed by another key (accepted only after head office checked the new
// fingerprint with the region by phone) and a region not expected (registered). Either
// receives that one file again with the option for it alone; the receipt log keeps the
// refusal and the acceptance.

/** The action a refusal allows, if any. */
export function saysoOf(r: Receipt): 'acceptKey' | 'register' | null {
  if (r.verdict !== 'refused') return null;
  if (r.reason === 'keyChanged') return 'acceptKey';
  if (r.reason === 'unknownRegion') return 'register';
  return null;
}

export function ReceiptSayso({ receipt, onReceived }: { receipt: Receipt; onReceived: (next: Receipt) => void }) {
  const t = useT();
  const action = saysoOf(receipt);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (action === null) return null;

  const again = async (options: { acceptNewKey: string } | { registerRegion: true }) => {
    setBusy(true);
    setError(null);
    const outcome = await runCommand('hq.receive', { paths: [receipt.path], ...options });
    setBusy(false);
    if (!outcome.ok) return setError(errorText(outcome.error));
    const next = outcome.value?.[0];
    if (next) {
      setConfirming(false);
      onReceived(next);
    }
  };

  return (
    <div className="hq-sayso">
      {action === 'register' ? (
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => void again({ registerRegion: true })} data-testid="hq-register-region">
          {t('hqPg.action.register')}
        </button>
      ) : (
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => setConfirming(true)} data-testid="hq-accept-key">
          {t('hqPg.action.acceptKey')}
        </button>
      )}
      {error && !confirming && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
      {confirming && <AcceptKeyDialog receipt={receipt} busy={busy} error={error} onClose={() => setConfirming(false)} onAccept={(fp) => void again({ acceptNewKey: fp })} />}
    </div>
  );
}

function AcceptKeyDialog({
  receipt, busy, error, onClose, onAccept,
}: { receipt: Receipt; busy: boolean; error: string | null; onClose: () => void; onAccept: (fingerprint: string) => void }) {
  const t = useT();
  const [checked, setChecked] = useState(false);
  const [tried, setTried] = useState(false);
  const pinned = String(receipt.params.pinned ?? '');
  const incoming = String(receipt.params.fingerprint ?? receipt.fingerprint ?? '');
  return (
    <Modal title={t('hqPg.action.keyTitle', { region: receipt.regionName ?? '' })} onClose={onClose} testId="hq-accept-key-dialog" dismissible={!busy} role="alertdialog">
      <div className="form">
        <p className="form__intro">{t('hqPg.action.keyIntro')}</p>
        <dl className="hq-keys">
          <dt>{t('hqPg.action.pinned')}</dt>
          <dd className="hq-keys__fp" data-testid="hq-key-pinned">
            {pinned}
          </dd>
          <dt>{t('hqPg.action.incoming')}</dt>
          <dd className="hq-keys__fp hq-keys__fp--new" data-testid="hq-key-incoming">
            {incoming}
          </dd>
        </dl>
        <label className="hq-keys__check">
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} data-testid="hq-key-checked" />
          <span>{t('hqPg.action.phoneCheck')}</span>
        </label>
        {tried && !checked && (
          <span className="field__error" role="alert">
            {t('hqPg.action.mustCheck')}
          </span>
        )}
        {error && (
          <p className="form__error" role="alert">
            {error}
          </p>
        )}
        <FormButtons
          busy={busy}
          label={t('hqPg.action.confirm')}
          onCancel={onClose}
          onSubmit={() => {
            setTried(true);
            if (checked) onAccept(incoming);
          }}
          testId="hq-accept-key-confirm"
        />
      </div>
    </Modal>
  );
}
