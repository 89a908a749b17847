import type { ChapterBuilder } from '../context';
import { channelChapter } from './channel';
import { expenseChapter } from './expense';
import { managementChapter } from './management';
import { salesChapter } from './sales';
import { terminalChapter } from './terminal';

/** 年度總結's chapters in the article's order (銷售總結 1–5). */
export const REVIEW_CHAPTERS: readonly ChapterBuilder[] = [salesChapter, channelChapter, terminalChapter, expenseChapter, managementChapter];
