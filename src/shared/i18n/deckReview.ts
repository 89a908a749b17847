// 年度總結's slides: chapter and slide titles, words only the review's slides use.
// Mounted under `deckReview` in every catalog. zh-Hant is the source of the shape.

export const deckReviewZhHant = {
  sales: { title: '銷售數據', byMonth: '全年銷售與去年同期' },
};

export const deckReviewZhHans: typeof deckReviewZhHant = {
  sales: { title: '销售数据', byMonth: '全年销售与去年同期' },
};

export const deckReviewEn: typeof deckReviewZhHant = {
  sales: { title: 'Sales', byMonth: 'The year’s sales against last year' },
};
