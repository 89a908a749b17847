// The plan chapters area (計劃書): its tabs. Each chapter keeps its own strings under
// `plan.<tab>`. Mounted under `plan` in every catalog. zh-Hant is the source of the shape.

export const planZhHant = {
  title: '計劃書',
  tabsLabel: '計劃章節',
  tab: {
    channel: '渠道客戶',
    terminal: '終端',
    product: '品牌與產品',
    written: '計劃文字',
    variance: '差異分析',
  },
};

export const planZhHans: typeof planZhHant = {
  title: '计划书',
  tabsLabel: '计划章节',
  tab: {
    channel: '渠道客户',
    terminal: '终端',
    product: '品牌与产品',
    written: '计划文字',
    variance: '差异分析',
  },
};

export const planEn: typeof planZhHant = {
  title: 'Plan chapters',
  tabsLabel: 'Plan chapters',
  tab: {
    channel: 'Channel customers',
    terminal: 'Terminals',
    product: 'Brands & products',
    written: 'Written plan',
    variance: 'Variance notes',
  },
};
