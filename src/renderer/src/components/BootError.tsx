import type { AppErrorData } from '../../../shared/errors';
import { errorText, i18next } from '../i18n';

/** The host did not answer at start-up: say so plainly; nothing else can work. */
export function BootError({ error }: { error: AppErrorData }) {
  return (
    <div className="boot-error" role="alert" data-testid="boot-error">
      <h1>{i18next.t('errors.title')}</h1>
      <p>{errorText(error)}</p>
      <code>{error.message}</code>
    </div>
  );
}
