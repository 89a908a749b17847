// 年度計劃's slides: chapter and slide titles, words only the plan's slides use.
// Mounted under `deckPlan` in every catalog. zh-Hant is the source of the shape.

export const deckPlanZhHant = {
  targets: { title: '銷售目標' },
};

export const deckPlanZhHans: typeof deckPlanZhHant = {
  targets: { title: '销售目标' },
};

export const deckPlanEn: typeof deckPlanZhHant = {
  targets: { title: 'Sales targets' },
};
