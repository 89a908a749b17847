// 價格分析 (issue 7). Mounted under `analysisPrices` in every catalog. zh-Hant is the source of the shape.

export const analysisPricesZhHant = {
  tab: '價格分析',
};

export const analysisPricesZhHans: typeof analysisPricesZhHant = {
  tab: '价格分析',
};

export const analysisPricesEn: typeof analysisPricesZhHant = {
  tab: 'Prices',
};
