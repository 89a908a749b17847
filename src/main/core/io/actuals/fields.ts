import type { ActualKind, MemberAttribute, MemberDimension } from '../../../../shared/actuals';
import type { ImportFieldInfo, ImportDestinationInfo } from '../../../../shared/importTypes';

// The fields each kind of actuals import maps columns to. Labels are i18n keys
// `actuals.field.<key>`; aliases are header texts that ERP systems (用友, 金蝶, SAP),
// WPS and Excel exports use for the same thing, matched by the wizard's auto-mapping.

export type FieldType = 'period' | 'date' | 'member' | 'name' | 'text' | 'money' | 'integer' | 'boolean';

export interface ActualField {
  key: string;
  type: FieldType;
  required: boolean;
  /** member: the dimension it names (by code, else by name). name: whose name it gives. */
  dimension?: MemberDimension;
  aliases: string[];
  /**
   * An attribute of the member another field names (a customer's city), read only for
   * members the import creates in bulk: `of` is that member field's key.
   */
  attribute?: { of: string; attribute: MemberAttribute };
}

const f = (key: string, type: FieldType, required: boolean, aliases: string[], dimension?: MemberDimension): ActualField => ({
  key,
  type,
  required,
  aliases,
  ...(dimension ? { dimension } : {}),
});

const PERIOD = ['月份', '期間', '期间', '年月', '會計期間', '会计期间', '日期', '單據日期', '单据日期', '開票日期', '开票日期', 'month', 'period', 'date'];
export const CUSTOMER = ['客戶編碼', '客户编码', '客戶代碼', '客户代码', '客戶編號', '客户编号', '經銷商編碼', '经销商编码', '客戶', '客户', '經銷商', '经销商', 'customer', 'customer code'];
export const CUSTOMER_NAME = ['客戶名稱', '客户名称', '經銷商名稱', '经销商名称', 'customer name'];
export const SKU = ['存貨編碼', '存货编码', '物料編碼', '物料编码', '產品編碼', '产品编码', '商品編碼', '商品编码', '單品編碼', '单品编码', 'SKU', 'SKU編碼', 'SKU编码', 'item code', 'product code'];
export const SKU_NAME = ['存貨名稱', '存货名称', '物料名稱', '物料名称', '產品名稱', '产品名称', '商品名稱', '商品名称', 'item name', 'product name'];
/** An attribute field: optional, read as text (pack size and price are parsed when a member is created). */
const a = (key: string, of: string, attribute: MemberAttribute, aliases: string[]): ActualField => ({
  key,
  type: attribute === 'price' ? 'money' : attribute === 'packSize' ? 'integer' : 'text',
  required: false,
  aliases,
  attribute: { of, attribute },
});

const CITY = ['城市', '所在城市', '地市', '城市名稱', '城市名称', 'city'];
const PROVINCE = ['省份', '所在省份', '省', '省區', '省区', 'province'];
const CHANNEL = ['渠道', '通路', '客戶類型', '客户类型', '渠道類型', '渠道类型', 'channel'];
const SALESPERSON = ['業務員', '业务员', '銷售代表', '销售代表', '負責人', '负责人', 'salesperson', 'sales rep'];
/** Customer attributes: sales, visits and statements name customers. */
const customerAttributes = (salesperson: boolean): ActualField[] => [
  a('customerCity', 'customer', 'city', CITY),
  a('customerProvince', 'customer', 'province', PROVINCE),
  a('customerChannel', 'customer', 'channel', CHANNEL),
  ...(salesperson ? [a('customerSalesperson', 'customer', 'salesperson', SALESPERSON)] : []),
];

const DATE = ['日期', '檢查日期', '检查日期', '拜訪日期', '拜访日期', 'date', 'visit date', 'audit date'];

export const ACTUAL_FIELDS: Record<ActualKind, readonly ActualField[]> = {
  sales: [
    f('period', 'period', true, PERIOD),
    f('customer', 'member', true, CUSTOMER, 'customer'),
    f('customerName', 'name', false, CUSTOMER_NAME, 'customer'),
    f('sku', 'member', true, SKU, 'sku'),
    f('skuName', 'name', false, SKU_NAME, 'sku'),
    f('amount', 'money', true, ['金額', '金额', '銷售金額', '销售金额', '銷售額', '销售额', '價稅合計', '价税合计', '含稅金額', '含税金额', '無稅金額', '无税金额', 'amount', 'sales']),
    f('volume', 'integer', false, ['數量', '数量', '銷量', '销量', '箱數', '箱数', '件數', '件数', 'volume', 'qty', 'quantity', 'cases']),
    f('grossProfit', 'money', false, ['毛利', '毛利額', '毛利额', '毛利金額', '毛利金额', 'gross profit', 'GP']),
    ...customerAttributes(true),
    a('skuBrand', 'sku', 'brand', ['品牌', '品牌名稱', '品牌名称', 'brand']),
    a('skuCategory', 'sku', 'category', ['品類', '品类', '類別', '类别', '大類', '大类', 'category']),
    a('skuPackSize', 'sku', 'packSize', ['箱規', '箱规', '規格', '规格', '裝箱數', '装箱数', '包裝規格', '包装规格', 'pack size', 'pack']),
    a('skuPrice', 'sku', 'price', ['單價', '单价', '出廠價', '出厂价', '供貨價', '供货价', '價格', '价格', 'price', 'unit price', 'list price']),
  ],
  market: [
    f('period', 'period', true, PERIOD),
    f('city', 'member', true, ['城市', '地市', '市', '城市名稱', '城市名称', 'city'], 'city'),
    f('category', 'member', true, ['品類', '品类', '類別', '类别', '大類', '大类', 'category'], 'category'),
    f('brand', 'member', true, ['品牌', '品牌名稱', '品牌名称', 'brand'], 'brand'),
    f('amount', 'money', true, ['銷售額', '销售额', '零售額', '零售额', '金額', '金额', 'sales', 'amount', 'value']),
    f('volume', 'integer', false, ['銷量', '销量', '數量', '数量', 'volume', 'qty']),
  ],
  audit: [
    f('date', 'date', true, DATE),
    f('terminal', 'member', true, ['門店編碼', '门店编码', '終端編碼', '终端编码', '門店', '门店', '終端', '终端', 'store', 'store code'], 'terminal'),
    f('terminalName', 'name', false, ['門店名稱', '门店名称', '終端名稱', '终端名称', 'store name'], 'terminal'),
    f('brand', 'member', true, ['品牌', 'brand'], 'brand'),
    f('category', 'member', true, ['品類', '品类', '類別', '类别', 'category'], 'category'),
    f('skusOnShelf', 'integer', true, ['在架SKU數', '在架SKU数', '在架單品數', '在架单品数', 'SKU數', 'SKU数', '鋪貨SKU', '铺货SKU', 'SKUs on shelf', 'SKUs']),
    f('facings', 'integer', true, ['排面', '排面數', '排面数', '陳列排面', '陈列排面', 'facings']),
    f('shelfPrice', 'money', false, ['貨架價', '货架价', '零售價', '零售价', '售價', '售价', 'shelf price', 'price']),
    f('display', 'boolean', false, ['陳列', '陈列', '堆頭', '堆头', '特殊陳列', '特殊陈列', '促銷陳列', '促销陈列', 'display']),
    f('sellout', 'money', false, ['終端銷售額', '终端销售额', '門店銷售額', '门店销售额', '銷售額', '销售额', 'sell-out', 'sellout']),
    f('auditor', 'member', false, ['檢查人', '检查人', '業務員', '业务员', '督導', '督导', 'auditor'], 'salesperson'),
    a('terminalCity', 'terminal', 'city', CITY),
    a('terminalProvince', 'terminal', 'province', PROVINCE),
    a('terminalChannel', 'terminal', 'channel', [...CHANNEL, '門店類型', '门店类型', '業態', '业态', 'store type']),
  ],
  visit: [
    f('date', 'date', true, DATE),
    f('customer', 'member', true, CUSTOMER, 'customer'),
    f('customerName', 'name', false, CUSTOMER_NAME, 'customer'),
    f('salesperson', 'member', false, ['業務員', '业务员', '拜訪人', '拜访人', '銷售代表', '销售代表', 'salesperson', 'rep'], 'salesperson'),
    f('salesGoal', 'text', false, ['銷售目標', '销售目标', '拜訪目標', '拜访目标', 'sales goal']),
    f('businessGoal', 'text', false, ['業務目標', '业务目标', '客情目標', '客情目标', 'business goal']),
    f('outcome', 'text', false, ['拜訪結果', '拜访结果', '結果', '结果', '達成情況', '达成情况', 'outcome', 'result']),
    f('complaints', 'text', false, ['投訴', '投诉', '客戶抱怨', '客户抱怨', '問題', '问题', 'complaints']),
    f('stockSku', 'member', false, ['庫存單品', '库存单品', '庫存SKU', '库存SKU', 'stock SKU'], 'sku'),
    f('stockVolume', 'integer', false, ['庫存', '库存', '庫存數量', '库存数量', '庫存箱數', '库存箱数', 'stock']),
    f('priceBrand', 'member', false, ['價格品牌', '价格品牌', '竞品品牌', '競品品牌', 'price brand'], 'brand'),
    f('priceSku', 'member', false, ['價格單品', '价格单品', 'price SKU'], 'sku'),
    f('priceProduct', 'text', false, ['價格產品', '价格产品', '競品產品', '竞品产品', 'product']),
    f('purchasePrice', 'money', false, ['進貨價', '进货价', '採購價', '采购价', 'purchase price']),
    f('retailPrice', 'money', false, ['零售價', '零售价', '售價', '售价', 'retail price']),
    f('promise', 'text', false, ['承諾', '承诺', '承諾事項', '承诺事项', '跟進事項', '跟进事项', 'promise']),
    f('promiseDue', 'date', false, ['承諾日期', '承诺日期', '完成期限', '到期日', 'due date', 'due']),
    // The visit's salesperson is the one who called, not necessarily the customer's owner.
    ...customerAttributes(false),
  ],
  statement: [
    f('period', 'period', true, PERIOD),
    f('customer', 'member', true, CUSTOMER, 'customer'),
    f('customerName', 'name', false, CUSTOMER_NAME, 'customer'),
    f('inventory', 'money', false, ['庫存金額', '库存金额', '期末庫存金額', '期末库存金额', 'inventory']),
    f('inventoryVolume', 'integer', false, ['庫存數量', '库存数量', '庫存箱數', '库存箱数', '期末庫存', '期末库存', 'inventory volume']),
    f('receivable', 'money', false, ['應收', '应收', '應收賬款', '应收账款', '應收餘額', '应收余额', '欠款', 'receivable', 'receivables']),
    f('prepayment', 'money', false, ['預付', '预付', '預收', '预收', '預付款', '预付款', '預收款', '预收款', 'prepayment']),
    ...customerAttributes(true),
  ],
  // Actual expenses by month and item, optionally for a product, channel or city.
  expense: [
    f('period', 'period', true, PERIOD),
    f('item', 'member', true, ['費用項目', '费用项目', '費用科目', '费用科目', '科目', '項目', '项目', '費用類別', '费用类别', 'expense item', 'item'], 'expenseItem'),
    f('brand', 'member', false, ['品牌', 'brand'], 'brand'),
    f('category', 'member', false, ['品類', '品类', 'category'], 'category'),
    f('channel', 'member', false, ['渠道', '通路', 'channel'], 'channel'),
    f('city', 'member', false, ['城市', '地市', 'city'], 'city'),
    f('amount', 'money', true, ['金額', '金额', '費用金額', '费用金额', '實際費用', '实际费用', '發生額', '发生额', 'amount']),
    f('note', 'text', false, ['摘要', '備註', '备注', '說明', '说明', 'note', 'memo']),
  ],
};

/** The wizard's view of a kind's fields. */
export function actualsDestinationInfo(kind: ActualKind): ImportDestinationInfo {
  const fields: ImportFieldInfo[] = ACTUAL_FIELDS[kind].map((x) => ({
    key: x.key,
    labelKey: `actuals.field.${x.key}`,
    type: x.type,
    required: x.required,
    aliases: x.aliases,
    ...(x.type === 'member' && x.dimension ? { dimension: x.dimension } : {}),
    ...(x.attribute ? { attributeOf: x.attribute.of, attribute: x.attribute.attribute } : {}),
  }));
  return { destination: `actuals:${kind}`, labelKey: `actuals.kind.${kind}`, fields };
}
