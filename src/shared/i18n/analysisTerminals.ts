// 終端分析 (issue 7). Mounted under `analysisTerminals` in every catalog. zh-Hant is the source of the shape.

export const analysisTerminalsZhHant = {
  tab: '終端分析',
};

export const analysisTerminalsZhHans: typeof analysisTerminalsZhHant = {
  tab: '终端分析',
};

export const analysisTerminalsEn: typeof analysisTerminalsZhHant = {
  tab: 'Terminals',
};
