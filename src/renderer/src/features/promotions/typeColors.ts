import type { PromotionType } from '../../../../shared/promotions';

/** One colour per activity type, from the charts' palette family. */
export const TYPE_COLORS: Record<PromotionType, string> = {
  consumer: '#1f5fa9',
  trade: '#d97706',
  advertising: '#9b5fb5',
  display: '#2f7d4f',
  tasting: '#c2417a',
  other: '#8fa3ba',
};
