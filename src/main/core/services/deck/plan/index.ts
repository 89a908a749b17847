import type { ChapterBuilder } from '../context';

/** 年度計劃's chapters in the article's order. */
export const PLAN_CHAPTERS: readonly ChapterBuilder[] = [];
