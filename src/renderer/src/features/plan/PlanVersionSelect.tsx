import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanVersionInfo } from '../../../../shared/endpoints/targets';
import { useQuery } from '../../api/queries';
import './planArea.css';

// The plan version a chapter shows, picked the way 銷售目標 picks it: the working plan first,
// then the scenarios and the snapshots in their groups, by name. Every chapter uses this one,
// so the versions read the same wherever the manager meets them.

export function PlanVersionSelect({
  value,
  onChange,
  testId,
  disabled = false,
}: {
  /** The version shown; undefined means the working plan. */
  value: number | undefined;
  onChange: (id: number, kind: PlanVersionInfo['kind']) => void;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const versions = useQuery('targets.versions', {}).data ?? [];
  const working = versions.find((v) => v.kind === 'working');
  const shown = value ?? working?.id;
  const group = (kind: PlanVersionInfo['kind']) => versions.filter((v) => v.kind === kind);
  const option = (v: PlanVersionInfo) => (
    <option key={v.id} value={v.id}>
      {v.kind === 'working' ? t('targets.version.working') : v.name}
    </option>
  );
  return (
    <span className="plan-version">
      <label className="plan-version__label" htmlFor={id}>
        {t('targets.version.label')}
      </label>
      <select
        id={id}
        className="input plan-version__select"
        value={shown ?? ''}
        disabled={disabled || versions.length === 0}
        onChange={(e) => {
          const v = versions.find((x) => x.id === Number(e.target.value));
          if (v) onChange(v.id, v.kind);
        }}
        data-testid={testId}
      >
        {group('working').map(option)}
        {group('scenario').length > 0 && <optgroup label={t('targets.version.scenarios')}>{group('scenario').map(option)}</optgroup>}
        {group('snapshot').length > 0 && <optgroup label={t('targets.version.snapshots')}>{group('snapshot').map(option)}</optgroup>}
      </select>
    </span>
  );
}
