import { z } from 'zod';
import { channel } from '../channel';

// 終端分析 (issue 7): filled in by the terminals view's work.

export interface TerminalsPlaceholder {
  year: number;
}

export const analysisTerminalsChannels = {
  'analysis.terminals': channel<TerminalsPlaceholder>()(z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict()),
} as const;
