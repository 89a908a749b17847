import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';

interface Props {
  /** What the rows become (the import's destination), e.g. 'master:customer'. */
  destination: string;
  disabled?: boolean;
}

/** A toolbar button that opens the import wizard for one destination. */
export function ImportButton({ destination, disabled }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn--small" data-testid="import-button" disabled={disabled} onClick={() => setOpen(true)}>
        {t('importWizard.importButton')}
      </button>
      {open && <ImportWizard destination={destination} onClose={() => setOpen(false)} />}
    </>
  );
}
