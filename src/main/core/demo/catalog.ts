// The demo company's world: a beverage and food maker with four brands, the
// competitors it meets in each category, its channels, its default expense items and
// the word lists that make names look Chinese. Our brands and the company are
// fictitious; competitor brands are real, as they would be in a real region file.

export interface DemoChannel {
  code: 'KA' | 'CHAIN' | 'TT' | 'HORECA' | 'EC' | 'SPECIAL';
  name: string;
}

export const CHANNELS: readonly DemoChannel[] = [
  { code: 'KA', name: 'KA賣場' },
  { code: 'CHAIN', name: '連鎖超市' },
  { code: 'TT', name: '傳統流通' },
  { code: 'HORECA', name: '餐飲' },
  { code: 'EC', name: '電商' },
  { code: 'SPECIAL', name: '特通' },
];

export type ChannelCode = DemoChannel['code'];

export interface DemoBrand {
  code: string;
  name: string;
  own: boolean;
  manufacturer: string;
  /** Price level against the category's usual price, for shelf and visit prices. */
  priceIndex: number;
}

const OWN_COMPANY = '本公司';

export const BRANDS: readonly DemoBrand[] = [
  { code: 'QQ', name: '清泉', own: true, manufacturer: OWN_COMPANY, priceIndex: 1 },
  { code: 'CY', name: '茶語', own: true, manufacturer: OWN_COMPANY, priceIndex: 1 },
  { code: 'GY', name: '果園', own: true, manufacturer: OWN_COMPANY, priceIndex: 1 },
  { code: 'NJ', name: '暖家', own: true, manufacturer: OWN_COMPANY, priceIndex: 1 },
  { code: 'NFSQ', name: '農夫山泉', own: false, manufacturer: '農夫山泉股份有限公司', priceIndex: 1.05 },
  { code: 'KSF', name: '康師傅', own: false, manufacturer: '康師傅控股有限公司', priceIndex: 1 },
  { code: 'UNIF', name: '統一', own: false, manufacturer: '統一企業（中國）投資有限公司', priceIndex: 0.98 },
  { code: 'WHH', name: '娃哈哈', own: false, manufacturer: '杭州娃哈哈集團有限公司', priceIndex: 0.92 },
  { code: 'CRYB', name: '怡寶', own: false, manufacturer: '華潤怡寶飲料（中國）股份有限公司', priceIndex: 1 },
  { code: 'YQSL', name: '元氣森林', own: false, manufacturer: '元氣森林（北京）食品科技集團有限公司', priceIndex: 1.15 },
  { code: 'HY', name: '匯源', own: false, manufacturer: '北京匯源食品飲料有限公司', priceIndex: 1.02 },
  { code: 'JML', name: '今麥郎', own: false, manufacturer: '今麥郎食品股份有限公司', priceIndex: 0.9 },
  { code: 'BX', name: '白象', own: false, manufacturer: '白象食品股份有限公司', priceIndex: 0.95 },
  { code: 'WW', name: '旺旺', own: false, manufacturer: '中國旺旺控股有限公司', priceIndex: 1.05 },
  { code: 'DLY', name: '達利園', own: false, manufacturer: '達利食品集團有限公司', priceIndex: 0.9 },
  { code: 'SZSS', name: '三隻松鼠', own: false, manufacturer: '三隻松鼠股份有限公司', priceIndex: 1.2 },
];

export interface DemoSpec {
  /** As printed on the price list: unit size × units per case. */
  label: string;
  packSize: number;
  /** List price to the trade per consumer unit (bottle, bag, box), before product factors. */
  unitCents: number;
  /** Relative sales weight: the main pack sells most. */
  weight: number;
}

export interface DemoProduct {
  brand: string;
  name: string;
  priceFactor: number;
}

export interface DemoCompetitor {
  brand: string;
  /** Relative strength in the category (share of the competitors' sales, shelf presence). */
  strength: number;
  /** What the competitor sells in this category, for visit price checks. */
  product: string;
}

export interface DemoCategory {
  code: string;
  name: string;
  seasonality: 'flat' | 'summer' | 'festival';
  /** SKU code prefix. */
  prefix: string;
  /** Share of our sales. */
  salesShare: number;
  /** Share of our SKU range. */
  skuShare: number;
  /** Our average market share in the category, before city differences. */
  ourShare: number;
  products: readonly DemoProduct[];
  specs: readonly DemoSpec[];
  competitors: readonly DemoCompetitor[];
  /** Channels whose stores stock the category (for store audits). */
  channels: readonly ChannelCode[];
}

const ALL_STORES: readonly ChannelCode[] = ['KA', 'CHAIN', 'TT', 'HORECA', 'SPECIAL'];
const GROCERY: readonly ChannelCode[] = ['KA', 'CHAIN', 'TT', 'SPECIAL'];

export const CATEGORIES: readonly DemoCategory[] = [
  {
    code: 'WATER', name: '包裝飲用水', seasonality: 'summer', prefix: 'WA',
    salesShare: 0.24, skuShare: 0.13, ourShare: 0.15,
    products: [
      { brand: 'QQ', name: '天然水', priceFactor: 1 },
      { brand: 'QQ', name: '天然礦泉水', priceFactor: 1.4 },
      { brand: 'QQ', name: '純淨水', priceFactor: 0.85 },
      { brand: 'QQ', name: '弱鹼性水', priceFactor: 1.2 },
    ],
    specs: [
      { label: '550ml×24', packSize: 24, unitCents: 90, weight: 1 },
      { label: '1.5L×12', packSize: 12, unitCents: 230, weight: 0.45 },
      { label: '350ml×24', packSize: 24, unitCents: 80, weight: 0.4 },
      { label: '4L×6', packSize: 6, unitCents: 550, weight: 0.3 },
      { label: '750ml×12', packSize: 12, unitCents: 170, weight: 0.2 },
      { label: '5L×4', packSize: 4, unitCents: 650, weight: 0.2 },
      { label: '380ml×24', packSize: 24, unitCents: 85, weight: 0.2 },
    ],
    competitors: [
      { brand: 'NFSQ', strength: 0.38, product: '飲用天然水' },
      { brand: 'CRYB', strength: 0.22, product: '純淨水' },
      { brand: 'WHH', strength: 0.14, product: '純淨水' },
      { brand: 'KSF', strength: 0.1, product: '包裝飲用水' },
    ],
    channels: ALL_STORES,
  },
  {
    code: 'TEA', name: '即飲茶', seasonality: 'summer', prefix: 'TE',
    salesShare: 0.24, skuShare: 0.22, ourShare: 0.18,
    products: [
      { brand: 'CY', name: '冰紅茶', priceFactor: 1 },
      { brand: 'CY', name: '綠茶', priceFactor: 1 },
      { brand: 'CY', name: '烏龍茶', priceFactor: 1.1 },
      { brand: 'CY', name: '茉莉花茶', priceFactor: 1.05 },
      { brand: 'CY', name: '檸檬茶', priceFactor: 1.05 },
      { brand: 'CY', name: '無糖綠茶', priceFactor: 1.25 },
      { brand: 'CY', name: '無糖烏龍茶', priceFactor: 1.3 },
      { brand: 'CY', name: '大紅袍', priceFactor: 1.35 },
      { brand: 'CY', name: '蜜桃烏龍茶', priceFactor: 1.2 },
      { brand: 'CY', name: '大麥茶', priceFactor: 1.1 },
      { brand: 'CY', name: '白桃烏龍', priceFactor: 1.2 },
      { brand: 'CY', name: '普洱茶', priceFactor: 1.3 },
    ],
    specs: [
      { label: '500ml×15', packSize: 15, unitCents: 250, weight: 1 },
      { label: '1L×12', packSize: 12, unitCents: 420, weight: 0.4 },
      { label: '250ml×24', packSize: 24, unitCents: 150, weight: 0.35 },
      { label: '330ml×24', packSize: 24, unitCents: 220, weight: 0.3 },
      { label: '500ml×24', packSize: 24, unitCents: 250, weight: 0.3 },
    ],
    competitors: [
      { brand: 'KSF', strength: 0.32, product: '冰紅茶' },
      { brand: 'UNIF', strength: 0.25, product: '綠茶' },
      { brand: 'NFSQ', strength: 0.15, product: '東方樹葉' },
      { brand: 'YQSL', strength: 0.08, product: '燃茶' },
    ],
    channels: ALL_STORES,
  },
  {
    code: 'JUICE', name: '果汁飲料', seasonality: 'summer', prefix: 'JU',
    salesShare: 0.14, skuShare: 0.16, ourShare: 0.2,
    products: [
      { brand: 'GY', name: '橙汁', priceFactor: 1 },
      { brand: 'GY', name: '蘋果汁', priceFactor: 0.95 },
      { brand: 'GY', name: '葡萄汁', priceFactor: 1.05 },
      { brand: 'GY', name: '芒果汁', priceFactor: 1.1 },
      { brand: 'GY', name: '水蜜桃汁', priceFactor: 1.05 },
      { brand: 'GY', name: '番茄汁', priceFactor: 1.15 },
      { brand: 'GY', name: '椰子水', priceFactor: 1.4 },
      { brand: 'GY', name: '山楂汁', priceFactor: 0.95 },
      { brand: 'GY', name: '獼猴桃汁', priceFactor: 1.2 },
      { brand: 'GY', name: '果蔬汁', priceFactor: 1.2 },
    ],
    specs: [
      { label: '450ml×15', packSize: 15, unitCents: 300, weight: 1 },
      { label: '1L×12', packSize: 12, unitCents: 600, weight: 0.5 },
      { label: '250ml×24', packSize: 24, unitCents: 180, weight: 0.4 },
      { label: '2L×6', packSize: 6, unitCents: 1050, weight: 0.25 },
    ],
    competitors: [
      { brand: 'HY', strength: 0.2, product: '100%橙汁' },
      { brand: 'UNIF', strength: 0.18, product: '鮮橙多' },
      { brand: 'NFSQ', strength: 0.15, product: '農夫果園' },
      { brand: 'KSF', strength: 0.12, product: '果汁' },
    ],
    channels: ALL_STORES,
  },
  {
    code: 'SPARKLE', name: '氣泡水', seasonality: 'summer', prefix: 'SP',
    salesShare: 0.07, skuShare: 0.1, ourShare: 0.12,
    products: [
      { brand: 'QQ', name: '蘇打氣泡水', priceFactor: 1 },
      { brand: 'QQ', name: '白桃氣泡水', priceFactor: 1.05 },
      { brand: 'QQ', name: '青檸氣泡水', priceFactor: 1.05 },
      { brand: 'QQ', name: '荔枝氣泡水', priceFactor: 1.05 },
      { brand: 'QQ', name: '西柚氣泡水', priceFactor: 1.05 },
      { brand: 'QQ', name: '青瓜氣泡水', priceFactor: 1.05 },
      { brand: 'QQ', name: '葡萄氣泡水', priceFactor: 1.05 },
    ],
    specs: [
      { label: '480ml×15', packSize: 15, unitCents: 300, weight: 1 },
      { label: '330ml×12', packSize: 12, unitCents: 260, weight: 0.6 },
      { label: '330ml×24', packSize: 24, unitCents: 260, weight: 0.3 },
    ],
    competitors: [
      { brand: 'YQSL', strength: 0.45, product: '蘇打氣泡水' },
      { brand: 'NFSQ', strength: 0.15, product: '蘇打氣泡水' },
      { brand: 'WHH', strength: 0.1, product: '蘇打水' },
    ],
    channels: ALL_STORES,
  },
  {
    code: 'NOODLE', name: '方便麵', seasonality: 'flat', prefix: 'NO',
    salesShare: 0.15, skuShare: 0.16, ourShare: 0.12,
    products: [
      { brand: 'NJ', name: '紅燒牛肉麵', priceFactor: 1 },
      { brand: 'NJ', name: '老壇酸菜牛肉麵', priceFactor: 1.05 },
      { brand: 'NJ', name: '香辣牛肉麵', priceFactor: 1 },
      { brand: 'NJ', name: '鮮蝦魚板麵', priceFactor: 1.05 },
      { brand: 'NJ', name: '番茄雞蛋麵', priceFactor: 1.05 },
      { brand: 'NJ', name: '藤椒牛肉麵', priceFactor: 1.1 },
      { brand: 'NJ', name: '香菇燉雞麵', priceFactor: 1 },
      { brand: 'NJ', name: '酸辣粉', priceFactor: 1.2 },
    ],
    specs: [
      { label: '100g×5連包×6', packSize: 30, unitCents: 230, weight: 1 },
      { label: '桶裝×12', packSize: 12, unitCents: 420, weight: 0.7 },
      { label: '袋裝×24', packSize: 24, unitCents: 230, weight: 0.4 },
      { label: '杯麵×12', packSize: 12, unitCents: 330, weight: 0.3 },
    ],
    competitors: [
      { brand: 'KSF', strength: 0.4, product: '紅燒牛肉麵' },
      { brand: 'UNIF', strength: 0.2, product: '老壇酸菜牛肉麵' },
      { brand: 'JML', strength: 0.15, product: '一菜一麵' },
      { brand: 'BX', strength: 0.15, product: '大骨麵' },
    ],
    channels: GROCERY,
  },
  {
    code: 'SNACK', name: '休閒零食', seasonality: 'festival', prefix: 'SN',
    salesShare: 0.1, skuShare: 0.15, ourShare: 0.1,
    products: [
      { brand: 'NJ', name: '雪米餅', priceFactor: 1 },
      { brand: 'NJ', name: '米餅', priceFactor: 1 },
      { brand: 'NJ', name: '蘇打餅乾', priceFactor: 0.9 },
      { brand: 'NJ', name: '薯片原味', priceFactor: 1 },
      { brand: 'NJ', name: '薯片番茄味', priceFactor: 1 },
      { brand: 'NJ', name: '蛋黃派', priceFactor: 1.1 },
      { brand: 'NJ', name: '沙琪瑪', priceFactor: 1.05 },
      { brand: 'NJ', name: '每日堅果', priceFactor: 2 },
      { brand: 'NJ', name: '牛肉乾', priceFactor: 2.5 },
      { brand: 'NJ', name: '海苔', priceFactor: 1.3 },
    ],
    specs: [
      { label: '150g×20', packSize: 20, unitCents: 650, weight: 1 },
      { label: '70g×30', packSize: 30, unitCents: 350, weight: 0.6 },
      { label: '400g×12', packSize: 12, unitCents: 1500, weight: 0.4 },
    ],
    competitors: [
      { brand: 'WW', strength: 0.3, product: '旺旺雪餅' },
      { brand: 'DLY', strength: 0.25, product: '蛋黃派' },
      { brand: 'SZSS', strength: 0.2, product: '每日堅果' },
    ],
    channels: GROCERY,
  },
  {
    code: 'GIFT', name: '節慶禮盒', seasonality: 'festival', prefix: 'GF',
    salesShare: 0.06, skuShare: 0.08, ourShare: 0.15,
    products: [
      { brand: 'GY', name: '果汁禮盒', priceFactor: 1 },
      { brand: 'NJ', name: '零食大禮包', priceFactor: 1 },
      { brand: 'GY', name: '椰子水禮盒', priceFactor: 1.3 },
      { brand: 'NJ', name: '堅果禮盒', priceFactor: 1.8 },
      { brand: 'GY', name: '鮮果飲禮盒', priceFactor: 1.2 },
      { brand: 'NJ', name: '新春年貨禮包', priceFactor: 1.2 },
    ],
    specs: [
      { label: '禮盒×4', packSize: 4, unitCents: 4500, weight: 1 },
      { label: '禮盒×2', packSize: 2, unitCents: 6800, weight: 0.5 },
      { label: '禮盒×6', packSize: 6, unitCents: 3200, weight: 0.4 },
    ],
    competitors: [
      { brand: 'WHH', strength: 0.25, product: 'AD鈣奶禮盒' },
      { brand: 'WW', strength: 0.25, product: '旺旺大禮包' },
      { brand: 'HY', strength: 0.2, product: '果汁禮盒' },
    ],
    channels: ['KA', 'CHAIN', 'TT'],
  },
];

/** Pack variants: the same product and size sold under different terms. The plain pack comes first. */
export const VARIANTS: readonly { name: string; priceFactor: number; weight: number }[] = [
  { name: '', priceFactor: 1, weight: 1 },
  { name: '促銷裝', priceFactor: 0.95, weight: 0.5 },
  { name: '餐飲專供', priceFactor: 0.97, weight: 0.45 },
  { name: '電商裝', priceFactor: 1, weight: 0.4 },
  { name: '新春裝', priceFactor: 1.05, weight: 0.35 },
  { name: '量販裝', priceFactor: 0.93, weight: 0.35 },
  { name: '加量裝', priceFactor: 1.08, weight: 0.3 },
  { name: '便利店裝', priceFactor: 1.02, weight: 0.3 },
];


// Retail chains that appear as key-account customers and as store names.
export const KA_CHAINS: readonly string[] = ['大潤發', '沃爾瑪', '家樂福', '華潤萬家', '永輝超市', '物美', '麥德龍'];
export const SUPERMARKET_CHAINS: readonly string[] = ['聯華超市', '蘇果超市', '世紀聯華', '華聯超市', '羅森', '全家', '好德便利', '快客便利', '可的便利'];
export const EC_ACCOUNTS: readonly string[] = ['京東自營', '天貓超市', '拼多多', '盒馬鮮生', '美團優選'];
export const SPECIAL_ACCOUNTS: readonly string[] = ['高速公路服務區', '軌道交通商業', '大學後勤集團', '鐵路餐飲公司', '景區商業管理'];

export const SURNAMES: readonly string[] = [
  '王', '李', '張', '劉', '陳', '楊', '黃', '趙', '吳', '周', '徐', '孫', '馬', '朱', '胡', '郭', '何', '林', '羅', '高',
  '鄭', '梁', '謝', '宋', '唐', '許', '韓', '馮', '鄧', '曹', '彭', '曾', '蕭', '田', '董', '潘', '袁', '蔡', '蔣', '余',
  '葉', '程', '魏', '蘇', '呂', '丁', '沈', '姚', '盧', '顧',
];
export const GIVEN_NAMES: readonly string[] = [
  '偉', '芳', '娜', '敏', '靜', '麗', '強', '磊', '軍', '洋', '勇', '艷', '傑', '濤', '明', '超', '華', '平', '剛', '輝',
  '秀英', '志強', '建華', '海燕', '曉東', '文傑', '子涵', '浩然', '雨萱', '思遠', '俊傑', '婷婷', '建國', '麗娟', '志明',
  '國強', '曉燕', '家豪', '欣怡', '宇航', '佳琪', '春梅', '永剛', '紅霞', '振華', '文斌', '雪梅', '立新', '嘉怡', '俊峰',
];
// Trade names (字號) that distributors and shops use.
export const TRADE_NAMES: readonly string[] = [
  '恆源', '鑫隆', '永盛', '匯通', '順達', '德豐', '興業', '嘉禾', '宏遠', '金泰', '瑞豐', '佳美', '眾鑫', '利民', '和潤',
  '福瑞', '天成', '裕豐', '偉業', '錦程', '通達', '長興', '昌隆', '百順', '萬家', '聚源', '鴻運', '益民', '富康', '祥和',
  '信達', '華盛', '金誠', '新貴', '安泰', '合眾', '豐收', '旺角', '盛世', '家和',
];
export const DISTRIBUTOR_SUFFIXES: readonly string[] = ['商貿有限公司', '食品有限公司', '貿易有限公司', '食品經營部', '商貿行'];
export const SUB_DISTRIBUTOR_SUFFIXES: readonly string[] = ['副食批發部', '商行', '食品批發部', '糧油副食店', '百貨批發部'];
export const ROADS: readonly string[] = [
  '人民路', '中山路', '解放路', '建設路', '和平路', '新華路', '文化路', '勝利路', '長江路', '黃河路', '東風路', '光明路',
  '幸福路', '青年路', '友誼路', '北京路', '南京路', '延安路', '健康路', '學府路', '濱河路', '工業路', '朝陽路', '迎賓大道',
];

export interface StoreTypeDef {
  channel: ChannelCode;
  weight: number;
  types: readonly string[];
  /** How much shelf a store of the channel gives a brand (facings multiplier). */
  scale: number;
  displayChance: number;
}

export const STORE_CHANNELS: readonly StoreTypeDef[] = [
  { channel: 'TT', weight: 0.48, types: ['食雜店', '夫妻店', '副食批發部', '煙酒店'], scale: 1, displayChance: 0.06 },
  { channel: 'CHAIN', weight: 0.2, types: ['標準超市', '社區超市', '便利店'], scale: 2, displayChance: 0.14 },
  { channel: 'KA', weight: 0.07, types: ['大賣場', '倉儲會員店', '購物中心超市'], scale: 3.5, displayChance: 0.3 },
  { channel: 'HORECA', weight: 0.2, types: ['中餐館', '火鍋店', '快餐店', '小吃店', '酒店'], scale: 0.8, displayChance: 0.04 },
  { channel: 'SPECIAL', weight: 0.05, types: ['學校', '景區', '交通樞紐', '網吧', '企事業單位'], scale: 1, displayChance: 0.05 },
];

export const VISIT_BUSINESS_GOALS: readonly string[] = [
  '新品鋪市', '增加KA陳列', '清理臨期庫存', '發展二級分銷商', '核對往來賬目', '落實旺季備貨', '推動餐飲渠道開發',
  '檢查終端價格', '協商年度合同', '處理竄貨問題',
];
export const VISIT_OUTCOMES: readonly string[] = [
  '客戶同意追加訂單', '已確認陳列位置', '庫存結構合理', '部分單品斷貨，已安排補貨', '客戶對費用核銷進度不滿',
  '完成對賬，差異已說明', '新品首單已下', '旺季備貨方案已確認', '二批網點新增兩家', '價格體系穩定',
];
export const VISIT_COMPLAINTS: readonly string[] = [
  '到貨延遲', '費用核銷慢', '臨期品調換不及時', '鄰區竄貨衝擊價格', '促銷政策下達太晚', '部分單品斷貨', '破損率偏高',
];
export const VISIT_PROMISES: readonly string[] = [
  '三天內補齊斷貨單品', '本月底前核銷陳列費用', '下週安排促銷員進場', '協助調換臨期產品', '提供KA檔期促銷方案',
  '安排業務員協助鋪市', '核實竄貨來源並處理', '月底前回款',
];
