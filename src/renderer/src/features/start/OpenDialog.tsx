import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, intlLocale } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
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
  const locale = intlLocale(app.language);
  const browse = useQuery('file.browse', {});
  // Files come and go in the folder without a command of ours: list it anew each
  // time the dialog opens rather than show the list of the last time.
  const [listed, setListed] = useState(false);
  const { reload, error } = browse;
  useEffect(() => {
    void reload().then(() => setListed(true));
  }, [reload]);
  const entries = listed ? browse.data : null;

  useEffect(() => {
    if (!listed || !error) return;
    showDialog(null);
    showError({ titleKey: 'errors.title', data: error });
  }, [listed, error, showDialog, showError]);

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
