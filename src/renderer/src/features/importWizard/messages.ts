import { i18next } from '../../i18n';
import { errorText } from '../../i18n';
import type { AppErrorData } from '../../../../shared/errors';
import type { ImportFieldInfo } from '../../../../shared/importTypes';
import { LANGUAGES } from '../../../../shared/units';

type Params = Record<string, string | number>;

/** A message key from the core (or plain text from an older one) in the user's language. */
export function messageText(key: string, params?: Params): string {
  return i18next.exists(key) ? String(i18next.t(key as never, params as never)) : key;
}

/** A dimension's name in the user's language ("客戶"); the key itself while a catalog lacks it. */
export const dimensionText = (dimension: string): string => messageText(`actuals.dimension.${dimension}`);

/** An issue's message with its dimension param (a MemberDimension) put in words. */
export function issueText(message: string, params?: Params): string {
  if (!params) return messageText(message);
  const words: Params = { ...params };
  if (typeof params.dimension === 'string') words.dimension = dimensionText(params.dimension);
  if (typeof params.attribute === 'string') words.attribute = attributeText(params.attribute);
  return messageText(message, words);
}

/** An attribute of a member created in bulk ("城市", "pack size"). */
export const attributeText = (attribute: string): string => messageText(`actuals.attribute.${attribute}`);


/** A field's label in the current language. */
export function fieldLabel(field: ImportFieldInfo): string {
  return messageText(field.labelKey);
}

/** A field's label in every UI language (for matching headers). */
export function fieldLabelsAll(field: ImportFieldInfo): string[] {
  return LANGUAGES.map((lng) => i18next.getFixedT(lng)(field.labelKey as never) as unknown as string).filter(
    (s) => typeof s === 'string' && s !== field.labelKey,
  );
}

/** A refusal by a rule (a data file refused as a whole…) says why in the user's language; other errors as the app says them. */
export function importErrorText(error: AppErrorData): string {
  if (error.rule) return messageText(error.rule, error.params);
  if (error.code === 'INVALID_INPUT' && error.issues?.length) {
    return error.issues.map((i) => `${i.path}: ${messageText(i.message)}`).join('；');
  }
  return errorText(error);
}
