import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';

interface Props {
  /** What the rows become, e.g. 'master:customer'. */
  target: string;
  /** After a successful import: re-read the grid. */
  onImported?: (count: number) => void;
  disabled?: boolean;
}

/** A toolbar button that opens the import wizard for one target. */
export function ImportButton({ target, onImported, disabled }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn--small" data-testid="import-button" disabled={disabled} onClick={() => setOpen(true)}>
        {t('importWizard.importButton')}
      </button>
      {open && <ImportWizard target={target} onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}
