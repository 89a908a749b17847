import type { EntityName } from '../../../../shared/masterData';
import { ExportButton, ImportButton } from '../importWizard';

/**
 * The import helper's buttons for one master table. An import changes the master
 * data, which reloads the editor's rows (useMasterList): nothing more is needed
 * after it.
 */
export function ImportExport({ entity }: { entity: EntityName }) {
  return (
    <>
      <ImportButton destination={`master:${entity}`} />
      <ExportButton entity={entity} />
    </>
  );
}
