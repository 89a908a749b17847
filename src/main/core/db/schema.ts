import type { Generated, Selectable } from 'kysely';
import type { SectionKey } from '../../../shared/planWritten';

// Kysely table types, one interface per table, mirroring migrations/. Money columns
// end in _cents and hold 分 (1/100 元) as integers; periods are yyyymm integers;
// dates are ISO 'YYYY-MM-DD' text; booleans are 0/1.

type Id = Generated<number>;
type Flag = 0 | 1;

export interface RegionMetaTable {
  id: number;
  region_id: string;
  region_name: string;
  plan_year: number;
  currency: string;
  manager_name: string;
  notes: string;
  created_at: string;
  created_by: string;
}
export interface SettingTable { key: string; value: string }
export interface UndoStepTable { id: Id; label: string; created_at: string; undone: Flag; version_id: number | null }
export interface UndoChangeTable {
  step_id: number;
  seq: number;
  table_name: string;
  row_key: string;
  before_json: string | null;
  after_json: string | null;
}
export type ImportKind =
  | 'sales_actual' | 'market_sales' | 'store_audit' | 'customer_visit'
  | 'customer_statement' | 'expense_actual' | 'master_data' | 'demo';
export interface ImportBatchTable {
  id: Id;
  kind: ImportKind;
  source_name: string;
  source_hash: string;
  imported_at: string;
  row_count: number;
  period_from: number | null;
  period_to: number | null;
  mapping_name: string | null;
  encoding: string | null;
}
export interface ImportBatchLossTable {
  id: Id;
  batch_id: number;
  by_batch_id: number | null;
  by_file: string;
  action: 'replace' | 'overwrite';
  row_count: number;
}
export interface ImportMappingTable { id: Id; kind: string; name: string; mapping_json: string; updated_at: string }

export interface ProvinceTable { id: Id; code: string; name: string; sort_order: number }
export interface CityTable { id: Id; province_id: number; code: string; name: string; sort_order: number }
export interface CountyTable { id: Id; city_id: number; code: string; name: string }
export interface ChannelTable { id: Id; code: string; name: string; sort_order: number; active: Flag }
export interface BrandTable { id: Id; code: string; name: string; is_own: Flag; manufacturer: string; sort_order: number }
export interface CategoryTable {
  id: Id; code: string; name: string; seasonality: 'flat' | 'summer' | 'festival'; sort_order: number;
}
export interface BrandCategoryTable { brand_id: number; category_id: number }
export interface SkuTable {
  id: Id;
  code: string;
  name: string;
  brand_id: number;
  category_id: number;
  spec: string;
  /** NULL: not known yet (a SKU first seen in a transaction file). */
  pack_size: number | null;
  unit: string;
  list_price_cents: number | null;
  /** NULL: cost not known yet; no margin is computed from it. */
  std_cost_cents: number | null;
  launch_date: string | null;
  is_new: Flag;
  status: 'active' | 'discontinued';
}
export type SalespersonRole = 'manager' | 'account_manager' | 'sales_rep';
export interface SalespersonTable {
  id: Id; code: string; name: string; role: SalespersonRole; manager_id: number | null;
  start_date: string; end_date: string | null; phone: string;
}
export interface SalespersonCityTable { salesperson_id: number; city_id: number }
export type CustomerTier = 'distributor' | 'sub_distributor' | 'key_account';
export type CustomerStatus = 'active' | 'prospect' | 'terminated';
export interface CustomerTable {
  id: Id;
  code: string;
  name: string;
  city_id: number;
  county_id: number | null;
  channel_id: number;
  tier: CustomerTier;
  parent_id: number | null;
  abc_override: 'A' | 'B' | 'C' | null;
  owner_id: number | null;
  status: CustomerStatus;
  credit_limit_cents: number;
  receivable_cents: number;
  contract_start: string | null;
  contract_end: string | null;
  contact: string;
  phone: string;
}
export interface CustomerChannelTable { customer_id: number; channel_id: number }
export type TerminalStatus = 'active' | 'prospect' | 'closed';

export interface TerminalTable {
  id: Id;
  code: string;
  name: string;
  city_id: number;
  county_id: number | null;
  channel_id: number;
  store_type: string;
  customer_id: number | null;
  owner_id: number | null;
  address: string;
  status: TerminalStatus;
}

export interface PlanVersionTable {
  id: Id;
  name: string;
  kind: 'working' | 'snapshot' | 'scenario';
  scenario: string | null;
  based_on_id: number | null;
  frozen: Flag;
  created_at: string;
  note: string;
}
export interface HoTargetTable {
  month: number; amount_cents: number; volume: number; gross_profit_cents: number; new_product_cents: number;
}
export interface TargetFactTable {
  id: Id; version_id: number; city_id: number; channel_id: number; customer_id: number | null;
  sku_id: number; month: number; amount_cents: number; volume: number;
}
export interface UndoBulkTable {
  step_id: number; seq: number; table_name: string; kind: 'update' | 'insert'; columns: string;
  row_count: number; ids: Buffer; image: Buffer;
}
export interface TargetLockTable { id: Id; version_id: number; scope_json: string; month: number; created_at: string }
export interface TargetSeasonTable { version_id: number; month: number; weight: number }
export interface SalespersonTargetTable {
  version_id: number; salesperson_id: number; month: number; amount_cents: number; volume: number;
}
export type ExpenseKind = 'terminal' | 'advertising' | 'promotion' | 'personnel' | 'travel' | 'training' | 'meeting' | 'other';
export interface ExpenseItemTable {
  id: Id; parent_id: number | null; code: string; name: string; kind: ExpenseKind; sort_order: number;
}
export interface ExpenseBudgetTable {
  id: Id; version_id: number; item_id: number; month: number; brand_id: number | null;
  category_id: number | null; channel_id: number | null; city_id: number | null; amount_cents: number;
}
export interface PromotionTable {
  id: Id; version_id: number; name: string;
  type: 'consumer' | 'trade' | 'advertising' | 'display' | 'tasting' | 'other';
  start_date: string; end_date: string; mechanics: string; expected_extra_volume: number;
}
export interface PromotionScopeTable {
  promotion_id: number; dim: 'sku' | 'brand' | 'category' | 'channel' | 'city' | 'customer'; ref_id: number;
}
export interface PromotionBudgetTable { promotion_id: number; item_id: number; amount_cents: number }
export interface HeadcountPlanTable {
  version_id: number; role: string; month: number; headcount: number; cost_per_head_cents: number;
}
/** Stores to open in a city × channel in a month of the plan year. */
export interface TerminalOpenPlanTable {
  version_id: number; city_id: number; channel_id: number; month: number; stores: number;
}
/** 鋪貨率 and 貨架佔有率 targets (ratios 0–1; null: no target) of our brands in a city × channel × category. */
export interface TerminalShareTargetTable {
  id: Id; version_id: number; city_id: number; channel_id: number; category_id: number; distribution: number | null; shelf: number | null;
}
/** A SKU's 鋪貨率 target across the region (ratio 0–1). */
export interface TerminalSkuTargetTable {
  version_id: number; sku_id: number; distribution: number;
}
export interface TrainingSessionTable {
  id: Id; version_id: number; topic: string; audience: string; month: number; cost_cents: number;
}
export interface ChannelFillPlanTable {
  id: Id; version_id: number; city_id: number; county_id: number | null; fill_period: number | null;
  method: 'recruit' | 'extend' | 'sub_distributor'; via_customer_id: number | null; owner_id: number | null;
  first_year_sales_cents: number; note: string;
}
export interface ChannelProspectTable {
  id: Id; version_id: number; customer_id: number; stage: 'identified' | 'contacted' | 'negotiating' | 'signed' | 'lost';
  first_order_period: number | null; year_sales_cents: number; owner_id: number | null; note: string;
}
export interface ChannelCustomerChangeTable {
  id: Id; version_id: number; customer_id: number; kind: 'upgrade' | 'tier' | 'abc' | 'credit' | 'terminate'; period: number;
  to_tier: 'distributor' | 'sub_distributor' | 'key_account' | null; to_abc: 'A' | 'B' | 'C' | null; to_credit_cents: number | null;
  reason: string;
}
export interface ActionItemTable {
  id: Id; version_id: number; title: string; owner_id: number | null; due_date: string | null;
  status: 'open' | 'in_progress' | 'done' | 'dropped'; city_id: number | null; channel_id: number | null;
  brand_id: number | null; measure: string; note: string; created_at: string;
}
export interface PlanNarrativeTable {
  version_id: number;
  section: SectionKey;
  /** A RichDoc as JSON (src/shared/planWritten.ts). */
  body: string;
}
/** Variance notes (migration 16): per plan version; `period` is the first month (yyyymm) of the month, quarter or year. */
export interface VarianceNoteTable {
  id: Id; version_id: number; period_kind: 'month' | 'quarter' | 'year'; period: number; scope_json: string;
  cause_id: number | null; body: string; author: string; created_at: string; updated_at: string;
}
export interface VarianceCauseTable { id: Id; code: string; name: string; sort_order: number }
export interface VarianceNoteActionTable { note_id: number; action_id: number }
/** A plan package sent to head office (migration 18); head office's answer is filled in when it comes back. */
export interface SubmissionTable {
  id: Id; plan_year: number; revision: number; version_id: number; created_at: string; package_id: string;
  file_name: string; workbook_name: string | null; bytes: number; sha256: string; signer_fingerprint: string;
  replaces: number | null; answer_state: 'accepted' | 'returned' | null; answer_comment: string | null; answered_at: string | null;
  answered_by: string | null;
}
export interface DeckSlideTable {
  version_id: number; doc: 'review' | 'plan'; slide_key: string; position: number; hidden: number;
  title: string | null; notes: string | null;
}

export interface SalesActualTable {
  period: number; customer_id: number; sku_id: number; amount_cents: number; volume: number;
  gross_profit_cents: number;
  /** 1: gross profit known (file or import-time cost); 0: not known (gross_profit_cents 0); 2: from the SKU's cost entered later (migration 11). */
  gp_known: number;
  batch_id: number;
}
/** Monthly sums of sales_actual (migration 6; kept by db/salesSummary.ts). */
export interface SalesMonthCustomerTable {
  period: number; customer_id: number; amount_cents: number; gross_profit_cents: number; volume: number; line_count: number;
  /** Sales of lines whose gross profit is not known (left out of every margin). */
  amount_no_gp_cents: number;
}
export interface SalesMonthSkuTable {
  period: number; sku_id: number; amount_cents: number; gross_profit_cents: number; volume: number; line_count: number;
  /** Sales of lines whose gross profit is not known (left out of every margin). */
  amount_no_gp_cents: number;
}
export interface MarketSalesTable {
  period: number; city_id: number; category_id: number; brand_id: number; amount_cents: number;
  volume: number; batch_id: number;
}
export interface StoreAuditTable {
  id: Id; audit_date: string; terminal_id: number; auditor_id: number | null; batch_id: number;
}
export interface StoreAuditBrandTable {
  audit_id: number; brand_id: number; category_id: number; skus_on_shelf: number; facings: number;
  shelf_price_cents: number | null; has_display: Flag; sellout_cents: number | null;
}
export interface StoreAuditSkuTable { audit_id: number; sku_id: number; facings: number; shelf_price_cents: number | null }
export interface CustomerVisitTable {
  id: Id; visit_date: string; customer_id: number; salesperson_id: number | null; sales_goal: string;
  business_goal: string; outcome: string; complaints: string; batch_id: number | null;
}
export interface VisitStockTable { visit_id: number; sku_id: number; stock_volume: number }
export interface VisitPriceTable {
  id: Id; visit_id: number; brand_id: number; sku_id: number | null; product_label: string;
  purchase_price_cents: number | null; retail_price_cents: number | null;
}
export interface VisitPromiseTable { id: Id; visit_id: number; promise: string; due_date: string | null; done: Flag }
export interface CustomerStatementTable {
  period: number; customer_id: number; inventory_cents: number; inventory_volume: number;
  receivable_cents: number; prepayment_cents: number; batch_id: number;
}
export interface ExpenseActualTable {
  id: Id; period: number; item_id: number; brand_id: number | null; category_id: number | null;
  channel_id: number | null; city_id: number | null; amount_cents: number; note: string; batch_id: number | null;
}

export type PositionFocus = 'focus' | 'not_sold';
export interface ProductPositionTable {
  id: Id; version_id: number; brand_id: number | null; category_id: number | null; channel_id: number; focus: PositionFocus;
}
export interface NewProductTable {
  id: Id; version_id: number; sku_id: number; launch_period: number; target_distribution: number; target_cents: number;
  promotion_id: number | null; support_cents: number; note: string;
}
export interface NewProductChannelTable { version_id: number; sku_id: number; channel_id: number }

export interface DB {
  region_meta: RegionMetaTable;
  setting: SettingTable;
  undo_step: UndoStepTable;
  undo_change: UndoChangeTable;
  import_batch: ImportBatchTable;
  import_mapping: ImportMappingTable;
  import_batch_loss: ImportBatchLossTable;
  province: ProvinceTable;
  city: CityTable;
  county: CountyTable;
  channel: ChannelTable;
  brand: BrandTable;
  category: CategoryTable;
  brand_category: BrandCategoryTable;
  sku: SkuTable;
  salesperson: SalespersonTable;
  salesperson_city: SalespersonCityTable;
  customer: CustomerTable;
  customer_channel: CustomerChannelTable;
  terminal: TerminalTable;
  plan_version: PlanVersionTable;
  ho_target: HoTargetTable;
  target_fact: TargetFactTable;
  undo_bulk: UndoBulkTable;
  target_lock: TargetLockTable;
  target_season: TargetSeasonTable;
  salesperson_target: SalespersonTargetTable;
  expense_item: ExpenseItemTable;
  expense_budget: ExpenseBudgetTable;
  promotion: PromotionTable;
  promotion_scope: PromotionScopeTable;
  promotion_budget: PromotionBudgetTable;
  headcount_plan: HeadcountPlanTable;
  training_session: TrainingSessionTable;
  terminal_open_plan: TerminalOpenPlanTable;
  terminal_share_target: TerminalShareTargetTable;
  terminal_sku_target: TerminalSkuTargetTable;
  action_item: ActionItemTable;
  plan_narrative: PlanNarrativeTable;
  variance_note: VarianceNoteTable;
  variance_cause: VarianceCauseTable;
  variance_note_action: VarianceNoteActionTable;
  deck_slide: DeckSlideTable;
  submission: SubmissionTable;
  sales_actual: SalesActualTable;
  sales_month_customer: SalesMonthCustomerTable;
  sales_month_sku: SalesMonthSkuTable;
  market_sales: MarketSalesTable;
  store_audit: StoreAuditTable;
  store_audit_brand: StoreAuditBrandTable;
  store_audit_sku: StoreAuditSkuTable;
  customer_visit: CustomerVisitTable;
  visit_stock: VisitStockTable;
  visit_price: VisitPriceTable;
  visit_promise: VisitPromiseTable;
  customer_statement: CustomerStatementTable;
  expense_actual: ExpenseActualTable;
  channel_fill_plan: ChannelFillPlanTable;
  channel_prospect: ChannelProspectTable;
  channel_customer_change: ChannelCustomerChangeTable;
  product_position: ProductPositionTable;
  new_product: NewProductTable;
  new_product_channel: NewProductChannelTable;
}

export type TableName = keyof DB;

// Row types, one per table, derived from the table interfaces above (never written
// twice): a Row is what a SELECT returns, an Insertable what an INSERT takes.
export type RegionMetaRow = Selectable<RegionMetaTable>;
export type SettingRow = Selectable<SettingTable>;
export type UndoStepRow = Selectable<UndoStepTable>;
export type UndoChangeRow = Selectable<UndoChangeTable>;
export type ImportBatchRow = Selectable<ImportBatchTable>;
export type ImportMappingRow = Selectable<ImportMappingTable>;
export type ImportBatchLossRow = Selectable<ImportBatchLossTable>;
export type ProvinceRow = Selectable<ProvinceTable>;
export type CityRow = Selectable<CityTable>;
export type CountyRow = Selectable<CountyTable>;
export type ChannelRow = Selectable<ChannelTable>;
export type BrandRow = Selectable<BrandTable>;
export type CategoryRow = Selectable<CategoryTable>;
export type BrandCategoryRow = Selectable<BrandCategoryTable>;
export type SkuRow = Selectable<SkuTable>;
export type SalespersonRow = Selectable<SalespersonTable>;
export type SalespersonCityRow = Selectable<SalespersonCityTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type CustomerChannelRow = Selectable<CustomerChannelTable>;
export type TerminalRow = Selectable<TerminalTable>;
export type PlanVersionRow = Selectable<PlanVersionTable>;
export type HoTargetRow = Selectable<HoTargetTable>;
export type TargetFactRow = Selectable<TargetFactTable>;
export type UndoBulkRow = Selectable<UndoBulkTable>;
export type TargetLockRow = Selectable<TargetLockTable>;
export type TargetSeasonRow = Selectable<TargetSeasonTable>;
export type SalespersonTargetRow = Selectable<SalespersonTargetTable>;
export type ExpenseItemRow = Selectable<ExpenseItemTable>;
export type ExpenseBudgetRow = Selectable<ExpenseBudgetTable>;
export type PromotionRow = Selectable<PromotionTable>;
export type PromotionScopeRow = Selectable<PromotionScopeTable>;
export type PromotionBudgetRow = Selectable<PromotionBudgetTable>;
export type HeadcountPlanRow = Selectable<HeadcountPlanTable>;
export type TrainingSessionRow = Selectable<TrainingSessionTable>;
export type TerminalOpenPlanRow = Selectable<TerminalOpenPlanTable>;
export type TerminalShareTargetRow = Selectable<TerminalShareTargetTable>;
export type TerminalSkuTargetRow = Selectable<TerminalSkuTargetTable>;
export type ActionItemRow = Selectable<ActionItemTable>;
export type ChannelFillPlanRow = Selectable<ChannelFillPlanTable>;
export type ChannelProspectRow = Selectable<ChannelProspectTable>;
export type ChannelCustomerChangeRow = Selectable<ChannelCustomerChangeTable>;
export type PlanNarrativeRow = Selectable<PlanNarrativeTable>;
export type ProductPositionRow = Selectable<ProductPositionTable>;
export type NewProductRow = Selectable<NewProductTable>;
export type NewProductChannelRow = Selectable<NewProductChannelTable>;
export type VarianceNoteRow = Selectable<VarianceNoteTable>;
export type VarianceCauseRow = Selectable<VarianceCauseTable>;
export type VarianceNoteActionRow = Selectable<VarianceNoteActionTable>;
export type SalesActualRow = Selectable<SalesActualTable>;
export type SalesMonthCustomerRow = Selectable<SalesMonthCustomerTable>;
export type SalesMonthSkuRow = Selectable<SalesMonthSkuTable>;
export type MarketSalesRow = Selectable<MarketSalesTable>;
export type StoreAuditRow = Selectable<StoreAuditTable>;
export type StoreAuditBrandRow = Selectable<StoreAuditBrandTable>;
export type StoreAuditSkuRow = Selectable<StoreAuditSkuTable>;
export type CustomerVisitRow = Selectable<CustomerVisitTable>;
export type VisitStockRow = Selectable<VisitStockTable>;
export type VisitPriceRow = Selectable<VisitPriceTable>;
export type VisitPromiseRow = Selectable<VisitPromiseTable>;
export type CustomerStatementRow = Selectable<CustomerStatementTable>;
export type ExpenseActualRow = Selectable<ExpenseActualTable>;
export type SubmissionRow = Selectable<SubmissionTable>;
