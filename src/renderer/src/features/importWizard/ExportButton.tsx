import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';
import type { ExportFormat } from '../../../../shared/importTypes';
import { api } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { useReadOnDemand } from './useReadOnDemand';

interface Props {
  /** The master-data table, e.g. 'customer'. */
  entity: string;
  disabled?: boolean;
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A toolbar button: export the table as CSV or XLSX (values only, never a formula). */
export function ExportButton({ entity, disabled }: Props) {
  const { t } = useTranslation();
  const app = useApp();
  const [menu, setMenu] = useState(false);
  const showError = useCallback((data: AppErrorData) => app.showError({ titleKey: 'errors.title', data }), [app]);
  const { read, busy } = useReadOnDemand(showError);
  const [done, setDone] = useState<{ path: string; rowCount: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setMenu(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);

  const run = async (format: ExportFormat) => {
    setMenu(false);
    const result = await read('export.table', { entity, format });
    if (result) setDone(result);
  };

  return (
    <div className="export-button" ref={ref}>
      <button
        type="button"
        className="btn btn--small"
        data-testid="export-button"
        aria-haspopup="menu"
        aria-expanded={menu}
        disabled={disabled || busy}
        onClick={() => setMenu((m) => !m)}
      >
        {t('importWizard.exportButton')} ▾
      </button>
      {menu && (
        <div className="export-button__menu" role="menu">
          <button type="button" role="menuitem" data-testid="export-csv" onClick={() => void run('csv')}>
            {t('importWizard.exportCsv')}
          </button>
          <button type="button" role="menuitem" data-testid="export-xlsx" onClick={() => void run('xlsx')}>
            {t('importWizard.exportXlsx')}
          </button>
        </div>
      )}
      {done && (
        <Modal
          title={t('importWizard.exportButton')}
          onClose={() => setDone(null)}
          testId="export-done"
          footer={
            <button type="button" className="btn btn--primary" onClick={() => setDone(null)} autoFocus>
              {t('common.ok')}
            </button>
          }
        >
          <p data-testid="export-message">
            {api.transport === 'web'
              ? t('importWizard.exportedWeb', { count: done.rowCount, path: done.path })
              : t('importWizard.exported', { count: done.rowCount, file: baseName(done.path) })}
          </p>
        </Modal>
      )}
    </div>
  );
}
