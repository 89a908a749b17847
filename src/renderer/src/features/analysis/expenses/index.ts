export { ExpensesView } from './ExpensesView';
