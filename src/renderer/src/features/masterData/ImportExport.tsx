import type { EntityName } from '../../../../shared/masterData';
import { ExportButton, ImportButton } from '../importWizard';

/**
 * The import helper's buttons for one master table. An import commits through the
 * app's edit queue, which bumps the revision: the editor re-reads its rows then, so
 * nothing more is needed after it.
 */
export function ImportExport({ entity }: { entity: EntityName }) {
  return (
    <>
      <ImportButton destination={`master:${entity}`} />
      <ExportButton entity={entity} />
    </>
  );
}
