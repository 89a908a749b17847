import type { Area } from '../../../shared/areas';
import type { TableName } from './schema';

// Which area of the file each table belongs to. A command reports the areas it
// changed; the registry checks the tables its undo step touched against this map, so
// a command that writes an area it does not declare is caught by the tests rather
// than leaving a view stale. Every table must be listed: the type says so.

export const TABLE_AREAS: Record<TableName, Area> = {
  region_meta: 'region',
  // Settings are split by key below; 'region' is the default.
  setting: 'region',
  undo_step: 'edit',
  undo_change: 'edit',
  undo_bulk: 'edit',
  import_batch: 'actuals',
  import_mapping: 'mappings',
  import_batch_loss: 'actuals',
  province: 'master',
  city: 'master',
  county: 'master',
  channel: 'master',
  brand: 'master',
  category: 'master',
  brand_category: 'master',
  sku: 'master',
  salesperson: 'master',
  salesperson_city: 'master',
  customer: 'master',
  customer_channel: 'master',
  terminal: 'master',
  plan_version: 'targets',
  ho_target: 'targets',
  target_fact: 'targets',
  target_lock: 'targets',
  target_season: 'targets',
  salesperson_target: 'targets',
  expense_item: 'expenses',
  expense_budget: 'expenses',
  expense_actual: 'expenses',
  promotion: 'promotions',
  promotion_scope: 'promotions',
  promotion_budget: 'promotions',
  headcount_plan: 'team',
  training_session: 'team',
  action_item: 'team',
  plan_narrative: 'chapters',
  variance_note: 'chapters',
  terminal_open_plan: 'chapters',
  terminal_share_target: 'chapters',
  terminal_sku_target: 'chapters',
  product_position: 'chapters',
  new_product: 'chapters',
  new_product_channel: 'chapters',
  variance_cause: 'chapters',
  variance_note_action: 'chapters',
  deck_slide: 'chapters',
  submission: 'submissions',
  sales_actual: 'actuals',
  sales_month_customer: 'actuals',
  sales_month_sku: 'actuals',
  market_sales: 'actuals',
  store_audit: 'actuals',
  store_audit_brand: 'actuals',
  store_audit_sku: 'actuals',
  customer_visit: 'actuals',
  visit_stock: 'actuals',
  visit_price: 'actuals',
  visit_promise: 'actuals',
  customer_statement: 'actuals',
  channel_fill_plan: 'chapters',
  channel_prospect: 'chapters',
  channel_customer_change: 'chapters',
};

/** The setting table's keys that belong to an area other than the region's profile. */
export const SETTING_AREAS: Readonly<Record<string, Area>> = {
  displayUnit: 'region',
  expenseRatioCap: 'expenses',
  'analysis.coverageTarget': 'analysis',
  'submit.headOfficeKey': 'submissions',
};

/** The area of a changed row: its table's, or for a setting, its key's. */
export function areaOfRow(table: string, key: Readonly<Record<string, unknown>> | null): Area | undefined {
  if (table === 'setting' && key && typeof key.key === 'string') return SETTING_AREAS[key.key] ?? 'region';
  return (TABLE_AREAS as Record<string, Area | undefined>)[table];
}
