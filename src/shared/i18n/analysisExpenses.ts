// 費用分析 (issue 7). Mounted under `analysisExpenses` in every catalog. zh-Hant is the source of the shape.

export const analysisExpensesZhHant = {
  tab: '費用分析',
};

export const analysisExpensesZhHans: typeof analysisExpensesZhHant = {
  tab: '费用分析',
};

export const analysisExpensesEn: typeof analysisExpensesZhHant = {
  tab: 'Expenses',
};
