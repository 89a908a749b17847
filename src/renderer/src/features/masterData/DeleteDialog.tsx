import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../shared/errors';
import type { EntityName, MasterRow } from '../../../../shared/masterData';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';
import { issueMessage } from './applyChanges';
import { tKey } from './columns';

// Deleting master items: ask the core where they are used first. Unused items are
// deleted after a plain confirmation; used ones offer to point their data at another
// item (reassign) or to merge into it, never to orphan it.

interface Props {
  entity: EntityName;
  ids: number[];
  rows: readonly MasterRow[];
  labelField: string;
  onClose(): void;
}

export function DeleteDialog({ entity, ids, rows, labelField, onClose }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'reassign' | 'merge'>('reassign');
  const [target, setTarget] = useState<number | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useQuery('master.usage', { entity, ids });
  const usage = asked.data;
  const error = refused ?? (asked.error ? errorText(asked.error) : null);

  const names = rows.filter((r) => ids.includes(r.id)).map((r) => String(r[labelField] ?? r.id));
  const others = rows.filter((r) => !ids.includes(r.id));
  const used = usage !== null && usage.total > 0;

  const run = async () => {
    if (used && target === null) {
      setRefused(t('grid.md.needTarget'));
      return;
    }
    setBusy(true);
    const input = used ? { entity, ids, mode, targetId: target ?? undefined } : { entity, ids, mode: 'delete' as const };
    const outcome = await runCommand('master.remove', input);
    setBusy(false);
    if (!outcome.ok) {
      const e: AppErrorData = outcome.error;
      const issue = e.issues?.[0] as { path: string; message: string; key?: string; params?: Record<string, string | number> } | undefined;
      // A table is named by what the manager calls it (the usage list's names), not by its SQL name.
      const table = issue?.params?.table;
      const first = issue && typeof table === 'string' ? { ...issue, params: { ...issue.params, table: tKey(t, `masterData.table.${table}`) } } : issue;
      setRefused(first ? issueMessage(t, first, e) : e.message && e.code === 'CONFLICT' && !e.rule ? e.message : errorText(e));
      return;
    }
    onClose();
  };

  return (
    <Modal
      title={t('grid.md.deleteTitle', { count: ids.length })}
      onClose={onClose}
      testId="md-delete-dialog"
      wide={used}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={usage === null || busy} onClick={() => void run()} data-testid="md-delete-confirm">
            {used ? (mode === 'merge' ? t('grid.md.merge') : t('grid.md.reassign')) : t('grid.md.delete')}
          </button>
        </>
      }
    >
      <p className="md-delete__names">{names.slice(0, 8).join('、')}{names.length > 8 ? '…' : ''}</p>
      {usage === null && !error && <p className="muted">{t('grid.md.loading')}</p>}
      {usage !== null && !used && <p>{t('grid.md.deleteConfirm', { count: ids.length })}</p>}
      {used && (
        <div className="md-delete" data-testid="md-delete-used">
          <p>{t('grid.md.usedIntro')}</p>
          <ul className="md-delete__uses">
            {usage.uses.filter((u) => u.count > 0).map((u) => (
              <li key={u.table} data-testid="md-usage">
                {t('grid.md.usageLine', { table: tKey(t, `masterData.table.${u.table}`), count: u.count })}
              </li>
            ))}
          </ul>
          <p>{t('grid.md.usedChoose')}</p>
          <div className="md-delete__modes" role="radiogroup">
            <label>
              <input type="radio" name="md-mode" checked={mode === 'reassign'} onChange={() => setMode('reassign')} data-testid="md-mode-reassign" />
              {t('grid.md.reassign')}
            </label>
            <label>
              <input type="radio" name="md-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} data-testid="md-mode-merge" />
              {t('grid.md.merge')}
            </label>
          </div>
          {mode === 'merge' && <p className="field__hint">{t('grid.md.mergeHint')}</p>}
          <label className="field">
            <span className="field__label">{t('grid.md.target')}</span>
            <select
              className="input"
              value={target ?? ''}
              onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)}
              data-testid="md-target"
            >
              <option value="">{t('grid.md.pickTarget')}</option>
              {others.map((r) => (
                <option key={r.id} value={r.id}>
                  {String(r[labelField] ?? '')}
                  {typeof r.code === 'string' ? ` (${r.code})` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {error && (
        <p className="form__error" role="alert" data-testid="md-delete-error">
          {error}
        </p>
      )}
    </Modal>
  );
}
