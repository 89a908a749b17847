import { i18next } from '../../i18n';
import { errorText } from '../../i18n';
import type { AppErrorData } from '../../../../shared/errors';
import { REFUSAL_ISSUE_PREFIX, type ImportFieldInfo } from '../../../../shared/importTypes';
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
  if (params && typeof params.dimension === 'string') return messageText(message, { ...params, dimension: dimensionText(params.dimension) });
  return messageText(message, params);
}


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

/** A refused data file says why in the user's language; other errors as the app says them. */
export function importErrorText(error: AppErrorData): string {
  const issue = error.issues?.[0];
  if (issue && issue.path.startsWith(REFUSAL_ISSUE_PREFIX)) {
    const reason = issue.path.slice(REFUSAL_ISSUE_PREFIX.length);
    let params: Params = {};
    try {
      params = JSON.parse(issue.message) as Params;
    } catch {
      // an older core: no params
    }
    const key = `importWizard.refuse.${reason}`;
    if (i18next.exists(key)) return messageText(key, params);
  }
  if (error.code === 'INVALID_INPUT' && error.issues?.length) {
    return error.issues.map((i) => `${i.path}: ${messageText(i.message)}`).join('；');
  }
  return errorText(error);
}
