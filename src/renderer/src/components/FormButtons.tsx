import { useTranslation } from 'react-i18next';

/**
 * A dialog form's 取消 and submit buttons: both disabled while the form is busy, the
 * submit saying 處理中 meanwhile. Without `onSubmit` the primary button submits the form.
 */
export function FormButtons({
  busy,
  label,
  onCancel,
  onSubmit,
  testId,
}: {
  busy: boolean;
  label: string;
  onCancel: () => void;
  onSubmit?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form__buttons">
      <button type="button" className="btn" onClick={onCancel} disabled={busy}>
        {t('common.cancel')}
      </button>
      <button type={onSubmit ? 'button' : 'submit'} className="btn btn--primary" disabled={busy} data-testid={testId} onClick={onSubmit}>
        {busy ? t('common.working') : label}
      </button>
    </div>
  );
}
