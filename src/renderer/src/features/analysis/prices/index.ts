export { PricesView } from './PricesView';
