// The import wizard and table exports, for every editor's toolbar.
export { ImportButton } from './ImportButton';
export { ExportButton } from './ExportButton';
export { ImportWizard } from './ImportWizard';
