import { useTranslation } from 'react-i18next';
import type { RegionSummary } from '../../../../shared/contract';
import { DISPLAY_UNITS, finerUnit, unitLabel } from '../../../../shared/units';
import { useApp } from '../../app/AppContext';
import { Icon } from '../../components/icons';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Logo } from '../../components/Logo';
import { useMoneyAllZero } from '../../grid';
import { SegmentedControl } from '../../components/SegmentedControl';
import { stepText } from '../../i18n';

export function TopBar({ summary }: { summary: RegionSummary }) {
  const { t } = useTranslation();
  const app = useApp();
  const edit = app.editState;
  // The step's label names the plan version it changes: 撤銷：修改目標（工作計劃）.
  const undoTitle = edit?.canUndo && edit.undoLabel ? t('topbar.undoStep', { label: stepText(edit.undoLabel, edit.undoVersion) }) : t('topbar.nothingToUndo');
  const redoTitle = edit?.canRedo && edit.redoLabel ? t('topbar.redoStep', { label: stepText(edit.redoLabel, edit.redoVersion) }) : t('topbar.nothingToRedo');
  const mod = app.info.platform === 'darwin' ? '⌘' : 'Ctrl+';
  // 億 turns a region's smaller amounts into 0.00: offer the finer unit, one click away.
  const allZero = useMoneyAllZero();
  const finer = summary.displayUnit === 'yi' && allZero ? finerUnit(summary.displayUnit) : null;

  return (
    <header className="topbar" data-testid="top-bar">
      <div className="topbar__brand">
        <Logo size={26} />
      </div>
      <div className="topbar__title">
        <span className="topbar__region" data-testid="topbar-region">
          {summary.regionName}
        </span>
        <span className="topbar__year" data-testid="topbar-year">
          {t('topbar.planYear', { year: summary.planYear })}
        </span>
      </div>

      <div className="topbar__tools">
        <div className="toolgroup">
          <button
            type="button"
            className="btn btn--icon"
            onClick={app.undo}
            disabled={!edit?.canUndo}
            title={`${undoTitle} (${mod}Z)`}
            aria-label={undoTitle}
            data-testid="undo"
          >
            <Icon name="undo" />
          </button>
          <button
            type="button"
            className="btn btn--icon"
            onClick={app.redo}
            disabled={!edit?.canRedo}
            title={`${redoTitle} (${mod}Y)`}
            aria-label={redoTitle}
            data-testid="redo"
          >
            <Icon name="redo" />
          </button>
        </div>
        <SegmentedControl
          label={t('unit.label')}
          value={summary.displayUnit}
          size="small"
          testId="unit-switcher"
          options={DISPLAY_UNITS.map((u) => ({ value: u, label: t(`unit.short.${u}`), title: t('unit.label') }))}
          onChange={app.setUnit}
        />
        {finer && (
          <button
            type="button"
            className="btn btn--small topbar__unit-hint"
            onClick={() => app.setUnit(finer)}
            title={t('unit.suggestTitle', { current: unitLabel(summary.displayUnit, app.language), unit: unitLabel(finer, app.language) })}
            data-testid="unit-suggest"
          >
            {t('unit.suggest', { unit: t(`unit.short.${finer}`) })}
          </button>
        )}
        <LanguageSwitcher />
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={app.closeFile}
          title={`${t('topbar.closeFile')} (${mod}W)`}
          data-testid="close-file"
        >
          <Icon name="close" size={16} />
          <span>{t('topbar.closeFile')}</span>
        </button>
      </div>
    </header>
  );
}
