import type { ChapterBuilder } from '../context';
import { salesChapter } from './sales';

/** 年度總結's chapters in the article's order. */
export const REVIEW_CHAPTERS: readonly ChapterBuilder[] = [salesChapter];
