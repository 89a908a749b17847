import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANGE_DIMS, type AnswerResult, type ChangeDim, type SubmissionChanges, type SubmissionInfo, type SubmitResult } from '../../../../shared/endpoints/submit';
import type { AppErrorData } from '../../../../shared/errors';
import { RETURN_EXTENSION } from '../../../../shared/submit';
import { formatAmount, formatInteger, formatPercent, type DisplayUnit, type Language } from '../../../../shared/units';
import { api, toErrorData } from '../../api/client';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorText } from '../../i18n';
import { CheckPanel } from './CheckPanel';
import './submit.css';

// 報送總部: the pre-submission check, the submit button (blocked while the check lists
// errors), the installation's key as head office pins it, head office's answer opened
// from its return file, the submission log and what changed since the last submission.

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function sizeText(bytes: number, language: Language): string {
  return bytes >= 1024 * 1024 ? `${formatPercent(bytes / 1024 / 1024 / 100, language, 1).replace('%', '')} MB` : `${formatInteger(Math.ceil(bytes / 1024), language)} KB`;
}

function SubmitBox({ history }: { history: SubmissionInfo[] }) {
  const { t } = useTranslation();
  const app = useApp();
  const check = useQuery('submit.check', { language: app.language });
  const signer = useQuery('submit.signer', {});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SubmitResult | null>(null);
  const blocked = !check.data || check.data.errors > 0;
  const next = (history[0]?.revision ?? 0) + 1;
  const replaces = history[0]?.revision ?? null;

  const submit = async () => {
    setBusy(true);
    try {
      const out = await runCommand('submit.submit', { language: app.language });
      setConfirming(false);
      if (!out.ok) app.showError({ titleKey: 'errors.title', data: out.error });
      else if (out.value) setDone(out.value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card submit-card" data-testid="submit-box">
      <h2 className="card__title">{t('submit.submitTitle')}</h2>
      <div className="submit-row">
        <button type="button" className="btn btn--primary" disabled={blocked || busy} onClick={() => setConfirming(true)} data-testid="submit-button">
          {t('submit.submitButton')}
        </button>
        {check.data && check.data.errors > 0 && (
          <span className="submit-blocked" data-testid="submit-blocked">
            {t('submit.submitBlocked')}
          </span>
        )}
      </div>
      <p className="submit-key" data-testid="submit-signer">
        <span className="submit-key__label">{t('submit.fingerprintLabel')}</span>{' '}
        <code>{signer.data ? signer.data.fingerprint : signer.error ? t('submit.fingerprintUnavailable') : '…'}</code>
        <span className="submit-muted submit-key__hint">{t('submit.fingerprintHint')}</span>
      </p>
      {confirming && (
        <Modal
          title={t('submit.confirmTitle', { revision: next })}
          onClose={() => !busy && setConfirming(false)}
          dismissible={!busy}
          testId="submit-confirm"
          footer={
            <>
              <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
                {t('submit.cancel')}
              </button>
              <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void submit()} data-testid="submit-confirm-ok" autoFocus>
                {busy ? t('submit.submitting') : t('submit.confirmOk')}
              </button>
            </>
          }
        >
          <p data-testid="submit-confirm-body">{t('submit.confirmBody', { name: `報總部 第${next}版 ${localDate(new Date())}` })}</p>
          {replaces !== null && <p>{t('submit.confirmReplaces', { revision: replaces })}</p>}
        </Modal>
      )}
      {done && (
        <Modal
          title={t('submit.done', { revision: done.submission.revision })}
          onClose={() => setDone(null)}
          testId="submit-done"
          footer={
            <button type="button" className="btn btn--primary" onClick={() => setDone(null)} autoFocus>
              {t('common.ok')}
            </button>
          }
        >
          <dl className="submit-paths">
            <dt>{t('submit.col.snapshot')}</dt>
            <dd>{done.submission.snapshotName}</dd>
            <dt>{t('submit.packagePath')}</dt>
            <dd data-testid="submit-done-package">{done.packagePath}</dd>
            <dt>{t('submit.workbookPath')}</dt>
            <dd data-testid="submit-done-workbook">{done.workbookPath}</dd>
            <dt>{t('submit.col.fingerprint')}</dt>
            <dd>
              <code>{done.submission.sha256}</code>
            </dd>
          </dl>
        </Modal>
      )}
    </section>
  );
}

/**
 * Head office's answer: its return file chosen with the host's open dialog (Electron) or
 * uploaded (web host), then recorded in the submission log; a refusal says why inline.
 */
function AnswerBox() {
  const { t } = useTranslation();
  const app = useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AnswerResult | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  const record = async (path: string) => {
    const out = await runCommand('submit.answer', { path });
    if (out.ok) setResult(out.value);
    else setError(out.error);
  };
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      await step();
    } catch (e) {
      setError(toErrorData(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = () => {
    if (!app.info.nativeDialogs) {
      input.current?.click();
      return;
    }
    void run(async () => {
      const chosen = await runCommand('submit.chooseAnswer');
      if (!chosen.ok) setError(chosen.error);
      else if (chosen.value) await record(chosen.value.path);
    });
  };
  const upload = (file: File) => void run(async () => record(await api.upload(file, 'answer')));

  return (
    <section
      className="card submit-card"
      data-testid="submit-answer-box"
      onDragOver={(e) => {
        if (!app.info.nativeDialogs) e.preventDefault();
      }}
      onDrop={(e) => {
        if (app.info.nativeDialogs) return;
        e.preventDefault();
        e.stopPropagation();
        const file = e.dataTransfer.files[0];
        if (file) upload(file);
      }}
    >
      <h2 className="card__title">{t('submit.answerTitle')}</h2>
      <p className="submit-muted submit-answer-hint">{t('submit.answerHint')}</p>
      <div className="submit-row">
        <button type="button" className="btn" disabled={busy} onClick={choose} data-testid="submit-answer-button">
          {busy ? t('submit.answerReading') : app.info.nativeDialogs ? t('submit.answerButton') : t('submit.answerDrop')}
        </button>
        <input
          ref={input}
          type="file"
          accept={RETURN_EXTENSION}
          hidden
          data-testid="submit-answer-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) upload(file);
          }}
        />
      </div>
      {result && (
        <p className="submit-answer-notice" role="status" data-testid="submit-answer-notice">
          {t(`submit.answerDone.${result.outcome}`, { revision: result.submission.revision })}
          {result.pinnedNow ? ` ${t('submit.answerPinned', { fingerprint: result.fingerprint })}` : ''}
        </p>
      )}
      {error && (
        <p className="submit-answer-error" role="alert" data-testid="submit-answer-error">
          <strong>{t('submit.answerRefusedTitle')}</strong> {errorText(error)}
        </p>
      )}
    </section>
  );
}

function History({ history }: { history: SubmissionInfo[] }) {
  const { t } = useTranslation();
  const { language } = useApp();
  return (
    <section className="card submit-card">
      <h2 className="card__title">{t('submit.historyTitle')}</h2>
      {history.length === 0 ? (
        <p className="submit-muted" data-testid="submit-history-empty">
          {t('submit.historyEmpty')}
        </p>
      ) : (
        <table className="submit-table" data-testid="submit-history">
          <thead>
            <tr>
              <th>{t('submit.col.revision')}</th>
              <th>{t('submit.col.time')}</th>
              <th>{t('submit.col.snapshot')}</th>
              <th className="num">{t('submit.col.size')}</th>
              <th>{t('submit.col.fingerprint')}</th>
              <th>{t('submit.col.replaces')}</th>
              <th>{t('submit.col.answer')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.revision} data-revision={h.revision}>
                <td>{t('submit.revisionLabel', { revision: h.revision })}</td>
                <td>{new Date(h.createdAt).toLocaleString(language)}</td>
                <td>{h.snapshotName}</td>
                <td className="num">{sizeText(h.bytes, language)}</td>
                <td>
                  <code title={h.sha256}>{h.sha256.slice(0, 16)}…</code>
                </td>
                <td>{h.replaces === null ? '—' : t('submit.revisionLabel', { revision: h.replaces })}</td>
                <td>
                  {h.answer === null ? (
                    <span className="submit-muted">{t('submit.answer.pending')}</span>
                  ) : (
                    <div data-testid="submit-history-answer">
                      <span className={`submit-answer submit-answer--${h.answer.state}`}>{t(`submit.answer.${h.answer.state}`)}</span>
                      {h.answer.comment && <span className="submit-answer__comment">{`${language === 'en' ? ': ' : '：'}${h.answer.comment}`}</span>}
                      <span className="submit-muted submit-answer__by">
                        {h.answer.by
                          ? t('submit.answerBy', { by: h.answer.by, at: new Date(h.answer.at).toLocaleString(language) })
                          : new Date(h.answer.at).toLocaleString(language)}
                      </span>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function delta(before: number, after: number, unit: DisplayUnit | null, language: Language): string {
  const d = after - before;
  const text = unit === null ? formatInteger(d, language) : formatAmount(d, unit, language);
  return d > 0 ? `+${text}` : text;
}

function ChangesTables({ changes, unit }: { changes: SubmissionChanges; unit: DisplayUnit }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const money = (cents: number) => formatAmount(cents, unit, language);
  const label = (key: string, text: string) => (changes.by === 'month' ? t('submit.monthLabel', { month: Number(key) }) : text);
  return (
    <>
      <h3 className="submit-subtitle">{t('submit.changes.targets')}</h3>
      <table className="submit-table" data-testid="submit-changes-targets">
        <thead>
          <tr>
            <th>{t(`submit.dim.${changes.by}`)}</th>
            <th className="num">{t('submit.tableCol.before')}</th>
            <th className="num">{t('submit.tableCol.after')}</th>
            <th className="num">{t('submit.tableCol.delta')}</th>
            <th className="num">{t('submit.tableCol.deltaPct')}</th>
            <th className="num">{t('submit.tableCol.volumeBefore')}</th>
            <th className="num">{t('submit.tableCol.volumeAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.targets.map((r) => (
            <tr key={r.key} className={r.amountAfter !== r.amountBefore ? 'is-changed' : undefined}>
              <td>{label(r.key, r.label)}</td>
              <td className="num">{money(r.amountBefore)}</td>
              <td className="num">{money(r.amountAfter)}</td>
              <td className="num">{delta(r.amountBefore, r.amountAfter, unit, language)}</td>
              <td className="num">{formatPercent(r.amountBefore === 0 ? null : (r.amountAfter - r.amountBefore) / r.amountBefore, language)}</td>
              <td className="num">{formatInteger(r.volumeBefore, language)}</td>
              <td className="num">{formatInteger(r.volumeAfter, language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="submit-changes-total">
            <th>{t('submit.changes.total')}</th>
            <td className="num">{money(changes.targetTotal.amountBefore)}</td>
            <td className="num">{money(changes.targetTotal.amountAfter)}</td>
            <td className="num">{delta(changes.targetTotal.amountBefore, changes.targetTotal.amountAfter, unit, language)}</td>
            <td className="num">
              {formatPercent(
                changes.targetTotal.amountBefore === 0 ? null : (changes.targetTotal.amountAfter - changes.targetTotal.amountBefore) / changes.targetTotal.amountBefore,
                language,
              )}
            </td>
            <td className="num">{formatInteger(changes.targetTotal.volumeBefore, language)}</td>
            <td className="num">{formatInteger(changes.targetTotal.volumeAfter, language)}</td>
          </tr>
        </tfoot>
      </table>
      <h3 className="submit-subtitle">{t('submit.changes.expenses')}</h3>
      <table className="submit-table" data-testid="submit-changes-expenses">
        <thead>
          <tr>
            <th>{t('submit.tableCol.member')}</th>
            <th className="num">{t('submit.tableCol.before')}</th>
            <th className="num">{t('submit.tableCol.after')}</th>
            <th className="num">{t('submit.tableCol.delta')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.expenses.map((e) => (
            <tr key={e.itemId} className={e.after !== e.before ? 'is-changed' : undefined}>
              <td style={{ paddingInlineStart: 8 + e.depth * 16 }}>{e.name}</td>
              <td className="num">{money(e.before)}</td>
              <td className="num">{money(e.after)}</td>
              <td className="num">{delta(e.before, e.after, unit, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="submit-subtitle">{t('submit.changes.chapters')}</h3>
      <table className="submit-table" data-testid="submit-changes-chapters">
        <thead>
          <tr>
            <th>{t('submit.tableCol.chapter')}</th>
            <th className="num">{t('submit.tableCol.countBefore')}</th>
            <th className="num">{t('submit.tableCol.countAfter')}</th>
            <th className="num">{t('submit.tableCol.sumBefore')}</th>
            <th className="num">{t('submit.tableCol.sumAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.chapters.map((c) => {
            // Store openings and headcount are counts; the other sums are money.
            const count = c.part === 'openings' || c.part === 'headcount';
            const sum = (v: number | null) => (v === null ? '—' : count ? formatInteger(v, language) : money(v));
            const changed = c.countAfter !== c.countBefore || c.sumAfter !== c.sumBefore;
            return (
              <tr key={`${c.chapter}.${c.part}`} className={changed ? 'is-changed' : undefined}>
                <td>
                  {t(`submit.chapter.${c.chapter}`)} · {t(`submit.part.${c.part}`)}
                </td>
                <td className="num">{formatInteger(c.countBefore, language)}</td>
                <td className="num">{formatInteger(c.countAfter, language)}</td>
                <td className="num">{sum(c.sumBefore)}</td>
                <td className="num">{sum(c.sumAfter)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Changes() {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const [by, setBy] = useState<ChangeDim>('province');
  const changes = useQuery('submit.changes', { by });
  return (
    <section className="card submit-card" data-testid="submit-changes">
      <div className="submit-row submit-row--spread">
        <h2 className="card__title">{t('submit.changesTitle')}</h2>
        <SegmentedControl
          label={t('submit.changesBy')}
          value={by}
          size="small"
          options={CHANGE_DIMS.map((d) => ({ value: d, label: t(`submit.dim.${d}`) }))}
          onChange={setBy}
          testId="submit-changes-by"
        />
      </div>
      {changes.data === null ? (
        <p className="submit-muted" data-testid="submit-changes-empty">
          {changes.error ? errorText(changes.error) : t('submit.changesEmpty')}
        </p>
      ) : (
        <>
          <p className="card__subtitle" data-testid="submit-changes-between">
            {t('submit.changesBetween', { from: changes.data.from.name, to: changes.data.to.name })}
          </p>
          <ChangesTables changes={changes.data} unit={unit} />
        </>
      )}
    </section>
  );
}

export function SubmitArea() {
  const { t } = useTranslation();
  const history = useQuery('submit.history', {});
  const rows = history.data ?? [];
  return (
    <div className="submit-area" data-testid="submit-area">
      <header className="submit-header">
        <h1>{t('submit.title')}</h1>
        <p className="submit-muted">{t('submit.intro')}</p>
      </header>
      <section className="card submit-card">
        <CheckPanel />
      </section>
      <SubmitBox history={rows} />
      <AnswerBox />
      <History history={rows} />
      <Changes />
    </div>
  );
}
