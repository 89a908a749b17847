import type { Language } from '../units';
import { en } from './en';
import { zhHans } from './zh-Hans';
import { zhHant, type Messages } from './zh-Hant';

export type { Messages } from './zh-Hant';

/** Every UI language's catalog; zh-Hant is the default and the source of the keys. */
export const catalogs: Record<Language, Messages> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };

export const DEFAULT_LANGUAGE: Language = 'zh-Hant';
