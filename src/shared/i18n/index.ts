import type { Language } from '../units';
import { en } from './en';
import { zhHans } from './zh-Hans';
import { zhHant, type Messages } from './zh-Hant';

export type { Messages } from './zh-Hant';

/** Every UI language's catalog; zh-Hant is the default and the source of the keys. */
export const catalogs: Record<Language, Messages> = { 'zh-Hant': zhHant, 'zh-Hans': zhHans, en };

export const DEFAULT_LANGUAGE: Language = 'zh-Hant';

/**
 * A message of the catalog by its dotted key, with {{name}} filled from `params`: the
 * main side's words (the deck, exports) in the user's language without i18next. A key
 * the catalog lacks comes back as itself, so a missing word shows rather than throws.
 */
export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return key;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** `translate` bound to one language. */
export function translator(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}
