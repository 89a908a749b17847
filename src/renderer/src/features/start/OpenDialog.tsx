import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BrowseEntry } from '../../../../shared/contract';
import { formatInteger, intlLocale } from '../../../../shared/units';
import { api, toErrorData } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { Icon } from '../../components/icons';
import { Modal } from '../../components/Modal';

function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(value)} ${units[i]}`;
}

/** Web transport's Open: the host's folder of region files (file.browse), click to open. */
export function OpenDialog() {
  const { t } = useTranslation();
  const app = useApp();
  const { showError, showDialog } = app;
  const [entries, setEntries] = useState<BrowseEntry[] | null>(null);
  const locale = intlLocale(app.language);

  useEffect(() => {
    let live = true;
    api.call('file.browse').then(
      (list) => {
        if (live) setEntries(list);
      },
      (e: unknown) => {
        if (!live) return;
        showDialog(null);
        showError({ titleKey: 'errors.title', data: toErrorData(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [showDialog, showError]);

  const open = (path: string) => {
    showDialog(null);
    void app.openPath(path);
  };

  return (
    <Modal
      title={t('openDialog.title')}
      onClose={() => showDialog(null)}
      testId="open-dialog"
      wide
      footer={
        <button type="button" className="btn" onClick={() => showDialog(null)}>
          {t('common.cancel')}
        </button>
      }
    >
      <p className="form__intro">{t('openDialog.intro')}</p>
      {entries === null && <p className="muted">{t('openDialog.loading')}</p>}
      {entries !== null && entries.length === 0 && <p className="empty-note">{t('openDialog.empty')}</p>}
      {entries !== null && entries.length > 0 && (
        <table className="file-table">
          <thead>
            <tr>
              <th>{t('openDialog.fileName')}</th>
              <th className="num">{t('openDialog.size')}</th>
              <th>{t('openDialog.modified')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.path} data-testid="browse-entry" data-file={e.fileName}>
                <td>
                  <button type="button" className="file-table__open" onClick={() => open(e.path)} title={e.path}>
                    <Icon name="file" />
                    <span>{e.fileName}</span>
                  </button>
                </td>
                <td className="num" title={`${formatInteger(e.sizeBytes, app.language)} B`}>
                  {formatSize(e.sizeBytes, locale)}
                </td>
                <td>{new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(e.modifiedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
