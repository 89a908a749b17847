export { CustomersView } from './CustomersView';
