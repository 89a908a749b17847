import { z } from 'zod';
import { channel } from '../channel';

// 費用分析 (issue 7): filled in by the expenses view's work.

export interface ExpensesPlaceholder {
  year: number;
}

export const analysisExpensesChannels = {
  'analysis.expenses': channel<ExpensesPlaceholder>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict()),
} as const;
