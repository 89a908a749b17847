export { TerminalsView } from './TerminalsView';
