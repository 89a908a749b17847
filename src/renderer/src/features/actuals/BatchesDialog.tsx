import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActualKind, BatchInfo } from '../../../../shared/actuals';
import { formatInteger, formatPeriod, intlLocale, type Language } from '../../../../shared/units';
import { Modal } from '../../components/Modal';

// The import batches of one kind: what each import brought (file, source, time,
// months) and the rows it holds now, with what later imports took from it ("共導入 N
// 行，其中 M 行已被批次 #7 覆蓋"); a batch can be removed after a confirmation that says
// how many rows go and that it is not an undo step.

interface Props {
  kind: ActualKind;
  batches: readonly BatchInfo[];
  language: Language;
  /** Removes the batch; resolves true when it is gone (errors are shown by the caller). */
  onRemove(batch: BatchInfo): Promise<boolean>;
  onClose(): void;
}

const timeFormats = new Map<Language, Intl.DateTimeFormat>();
function importedAtText(iso: string, language: Language): string {
  let f = timeFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(language), {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(language, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

function periodRange(b: BatchInfo): string {
  if (b.periodFrom === null) return '—';
  const from = formatPeriod(b.periodFrom);
  const to = b.periodTo === null || b.periodTo === b.periodFrom ? null : formatPeriod(b.periodTo);
  return to ? `${from} – ${to}` : from;
}

/** What later imports (or other changes) took from a batch, in words; null when it holds all it imported. */
function batchNote(b: BatchInfo, t: TFunction, n: (v: number) => string): string | null {
  if (b.liveRows >= b.rowCount && b.losses.length === 0) return null;
  const parts = b.losses.map((l) =>
    t(l.action === 'replace' ? 'actuals.batches.loss.replace' : 'actuals.batches.loss.overwrite', {
      n: n(l.rows),
      by: l.batchId !== null ? t('actuals.batches.byBatch', { id: l.batchId, file: l.fileName }) : t('actuals.batches.byRemoved', { file: l.fileName }),
    }),
  );
  // Rows gone without a record (files imported before losses were recorded, merged master data).
  const rest = b.rowCount - b.liveRows - b.losses.reduce((s, l) => s + l.rows, 0);
  if (rest > 0) parts.push(t('actuals.batches.loss.other', { n: n(rest) }));
  if (parts.length === 0) return null;
  return t('actuals.batches.note', { total: n(b.rowCount), parts: parts.join(t('actuals.batches.noteSep')) });
}

export function BatchesDialog({ kind, batches, language, onRemove, onClose }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<BatchInfo | null>(null);
  const [removing, setRemoving] = useState(false);
  const kindName = t(`actuals.kind.${kind}`);

  const remove = async () => {
    if (!confirming) return;
    setRemoving(true);
    const ok = await onRemove(confirming);
    setRemoving(false);
    if (ok) setConfirming(null);
  };

  return (
    <Modal
      title={t('actuals.batches.title', { kind: kindName })}
      onClose={onClose}
      wide
      testId="actuals-batches"
      footer={
        <button type="button" className="btn" onClick={onClose} data-testid="actuals-batches-close">
          {t('actuals.batches.close')}
        </button>
      }
    >
      <p className="ac-batches__intro">{t('actuals.batches.intro')}</p>
      {batches.length === 0 ? (
        <p className="empty-note" data-testid="actuals-batches-none">
          {t('actuals.batches.none', { kind: kindName })}
        </p>
      ) : (
        <div className="ac-batches__scroll">
          <table className="file-table ac-batches">
            <thead>
              <tr>
                <th scope="col">{t('actuals.batches.fileName')}</th>
                <th scope="col">{t('actuals.batches.source')}</th>
                <th scope="col">{t('actuals.batches.importedAt')}</th>
                <th scope="col">{t('actuals.batches.period')}</th>
                <th scope="col" className="num">{t('actuals.batches.liveRows')}</th>
                <th scope="col">{t('actuals.batches.history')}</th>
                <th scope="col">{t('actuals.batches.encoding')}</th>
                <th scope="col"><span className="ac-sr">{t('actuals.batches.remove')}</span></th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => {
                const note = batchNote(b, t, (v) => formatInteger(v, language));
                return (
                <tr key={b.id} data-testid="actuals-batch" data-batch-id={b.id}>
                  <td className="ac-batches__file" title={b.hash ? `${b.fileName}\nSHA-256 ${b.hash}` : b.fileName}>
                    {b.fileName}
                  </td>
                  <td>{b.source === '' ? <span className="muted">{t('actuals.batches.demoSource')}</span> : b.source}</td>
                  <td>{importedAtText(b.importedAt, language)}</td>
                  <td>{periodRange(b)}</td>
                  <td className="num" data-testid="actuals-batch-live">
                    {note ? <span className="ac-batches__partial">{formatInteger(b.liveRows, language)}</span> : formatInteger(b.liveRows, language)}
                  </td>
                  <td className="ac-batches__note" data-testid="actuals-batch-note">
                    {note ?? ''}
                  </td>
                  <td>{b.encoding ?? '—'}</td>
                  <td className="ac-batches__action">
                    <button
                      type="button"
                      className="btn btn--small btn--ghost ac-danger"
                      aria-label={t('actuals.batches.removeLabel', { file: b.fileName })}
                      onClick={() => setConfirming(b)}
                      data-testid="actuals-batch-remove"
                    >
                      {t('actuals.batches.remove')}
                    </button>
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <Modal
          title={t('actuals.remove.title')}
          role="alertdialog"
          onClose={() => {
            if (!removing) setConfirming(null);
          }}
          dismissible={!removing}
          testId="actuals-remove-confirm"
          footer={
            <>
              <button type="button" className="btn" disabled={removing} onClick={() => setConfirming(null)} autoFocus>
                {t('common.cancel')}
              </button>
              <button
                type="button"
                className="btn btn--primary ac-danger-fill"
                disabled={removing}
                onClick={() => void remove()}
                data-testid="actuals-remove-yes"
              >
                {t('actuals.remove.confirm', { rows: formatInteger(confirming.liveRows, language) })}
              </button>
            </>
          }
        >
          <p className="ac-remove__body">
            {t('actuals.remove.body', { file: confirming.fileName, rows: formatInteger(confirming.liveRows, language), kind: kindName })}
          </p>
          <p className="ac-remove__warning">{t('actuals.remove.warning')}</p>
        </Modal>
      )}
    </Modal>
  );
}
