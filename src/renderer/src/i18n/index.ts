import i18next, { type ParseKeys } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, DEFAULT_LANGUAGE, type Messages } from '../../../shared/i18n';
import type { StepVersion } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/errors';
import { LANGUAGES, type Language } from '../../../shared/units';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Sets up i18next with every catalog; resources are bundled, so this settles at once. */
export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: catalogs[l] }])),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes
  });
  applyDocumentLanguage(language);
}

/** The <html lang> drives the font stack (CSS :lang) and the browser's own text. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  applyDocumentLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

/**
 * A label the core sends as a message key ("edit.profile", "job.demo"). Unknown keys
 * (a newer core) show as they are rather than failing.
 */
export function labelText(key: string): string {
  return i18next.exists(key) ? i18next.t(key as ParseKeys) : key;
}

/** A plan version's name for people: the working plan by its role, the others by their name. */
export function versionText(version: StepVersion): string {
  return version.kind === 'working' ? i18next.t('targets.version.working') : version.name;
}

/** An undo step for people: its label, and the plan version it changes when it names one (修改目標（工作計劃）). */
export function stepText(label: string, version: StepVersion | null): string {
  return version ? i18next.t('topbar.stepInVersion', { label: labelText(label), version: versionText(version) }) : labelText(label);
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** The user's-language sentence for an error: what happened and to which file. */
export function errorText(error: AppErrorData): string {
  const file = error.path ? baseName(error.path) : i18next.t('errors.thisFile');
  if (error.code === 'FILE_REFUSED' && error.reason) return i18next.t(`refusal.${error.reason}`, { file });
  // A domain rule names its sentence: a key of the catalog, checked by the type checker.
  if (error.rule) return i18next.t(error.rule as never, { file, ...error.params });
  return i18next.t(`errorCode.${error.code}`, { file });
}

export { i18next };
