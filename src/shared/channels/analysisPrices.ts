import { z } from 'zod';
import { channel } from '../channel';

// 價格分析 (issue 7): filled in by the prices view's work.

export interface PricesPlaceholder {
  year: number;
}

export const analysisPricesChannels = {
  'analysis.prices': channel<PricesPlaceholder>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict()),
} as const;
