import type { ChapterBuilder } from '../context';
import { budgetChapter } from './budget';
import { channelChapter } from './channel';
import { managementChapter } from './management';
import { productChapter } from './product';
import { promotionsChapter } from './promotions';
import { targetsChapter } from './targets';
import { terminalChapter } from './terminal';
import { writtenChapter } from './written';

/** 年度計劃's chapters in the article's order. */
export const PLAN_CHAPTERS: readonly ChapterBuilder[] = [
  targetsChapter,
  productChapter,
  channelChapter,
  terminalChapter,
  promotionsChapter,
  managementChapter,
  budgetChapter,
  writtenChapter,
];
