import { i18next } from '../../i18n';
import { errorText } from '../../i18n';
import type { AppErrorData } from '../../../../shared/errors';
import type { ImportFieldInfo } from '../../../../shared/importTypes';
import { TWO_DIGIT_YEAR_PIVOT } from '../../../../shared/importValues';
import { LANGUAGES } from '../../../../shared/units';

type Params = Record<string, string | number>;

/** A message key from the core (or plain text from an older one) in the user's language. */
export function messageText(key: string, params?: Params): string {
  return i18next.exists(key) ? String(i18next.t(key as never, params as never)) : key;
}

/** A dimension's name in the user's language ("客戶"); the key itself while a catalog lacks it. */
export const dimensionText = (dimension: string): string => messageText(`actuals.dimension.${dimension}`);

/** The two-digit-year rule's years, for the texts that state it ("00–69 → 2000–2069"). */
export const twoDigitYearParams = { last: String(TWO_DIGIT_YEAR_PIVOT - 1).padStart(2, '0'), first: String(TWO_DIGIT_YEAR_PIVOT) };

/**
 * An issue's message with its params put in words: a dimension (a MemberDimension) by
 * its name; a date's order (a DateOrder) by its name, with the forms that order reads.
 */
export function issueText(message: string, params?: Params): string {
  if (!params) return messageText(message);
  const shown: Params = { ...params };
  if (typeof params.dimension === 'string') shown.dimension = dimensionText(params.dimension);
  if (typeof params.attribute === 'string') shown.attribute = attributeText(params.attribute);
  if (typeof params.order === 'string') {
    shown.order = messageText(`importWizard.read.orderName.${params.order}`);
    shown.forms = messageText(`importWizard.value.dateForms.${params.order}`, twoDigitYearParams);
  }
  return messageText(message, shown);
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
