import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_DIMS, type TargetDim } from '../../../../shared/endpoints/targets';
import { Modal } from '../../components/Modal';
import { HIERARCHY_PRESETS, MAX_LEVELS, PRESET_NAMES, presetOf } from './hierarchy';

// The row hierarchy: the presets the managers use most, or 1–5 dimensions in any order.

const CUSTOM = '__custom__';
const CURRENT = '__current__';

export function HierarchyPicker({ levels, onChange }: { levels: TargetDim[]; onChange(levels: TargetDim[]): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const preset = presetOf(levels);
  const levelsText = levels.map((d) => t(`targets.dim.${d}`)).join(' → ');
  const id = useId();

  return (
    <div className="tg-field">
      <label className="tg-field__label" htmlFor={id}>
        {t('targets.hierarchy.label')}
      </label>
      <select
        id={id}
        className="input tg-select"
        value={preset ?? CURRENT}
        onChange={(e) => {
          const v = e.target.value;
          if (v === CUSTOM) setEditing(true);
          else if (v !== CURRENT) onChange([...HIERARCHY_PRESETS[v as keyof typeof HIERARCHY_PRESETS]]);
        }}
        data-testid="targets-hierarchy"
        data-levels={levels.join(',')}
      >
        {PRESET_NAMES.map((name) => (
          <option key={name} value={name}>
            {t(`targets.hierarchy.presets.${name}`)}
          </option>
        ))}
        {!preset && <option value={CURRENT}>{t('targets.hierarchy.customCurrent', { levels: levelsText })}</option>}
        <option value={CUSTOM}>{t('targets.hierarchy.custom')}</option>
      </select>
      {editing && (
        <LevelsEditor
          initial={levels}
          onClose={() => setEditing(false)}
          onApply={(next) => {
            setEditing(false);
            onChange(next);
          }}
        />
      )}
    </div>
  );
}

function LevelsEditor({ initial, onClose, onApply }: { initial: TargetDim[]; onClose(): void; onApply(levels: TargetDim[]): void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<TargetDim[]>(initial);
  const available = TARGET_DIMS.filter((d) => !chosen.includes(d));
  const move = (i: number, by: number) =>
    setChosen((prev) => {
      const next = [...prev];
      const j = i + by;
      if (j < 0 || j >= next.length) return prev;
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });

  return (
    <Modal
      title={t('targets.hierarchy.editorTitle')}
      onClose={onClose}
      testId="targets-levels-editor"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={chosen.length === 0} onClick={() => onApply(chosen)} data-testid="targets-levels-apply">
            {t('targets.hierarchy.apply')}
          </button>
        </>
      }
    >
      <p className="tg-levels__intro">{t('targets.hierarchy.editorIntro')}</p>
      <div className="tg-levels">
        <div>
          <h3 className="tg-levels__title">{t('targets.hierarchy.chosen')}</h3>
          <ol className="tg-levels__list" data-testid="targets-levels-chosen">
            {chosen.map((d, i) => (
              <li key={d} className="tg-levels__item" data-dim={d}>
                <span className="tg-levels__n">{i + 1}</span>
                <span className="tg-levels__name">{t(`targets.dim.${d}`)}</span>
                <button type="button" className="btn btn--ghost btn--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('targets.hierarchy.up')} title={t('targets.hierarchy.up')}>
                  ↑
                </button>
                <button type="button" className="btn btn--ghost btn--small" disabled={i === chosen.length - 1} onClick={() => move(i, 1)} aria-label={t('targets.hierarchy.down')} title={t('targets.hierarchy.down')}>
                  ↓
                </button>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => setChosen(chosen.filter((x) => x !== d))} aria-label={t('targets.hierarchy.remove')} title={t('targets.hierarchy.remove')} data-testid={`targets-levels-remove-${d}`}>
                  ×
                </button>
              </li>
            ))}
          </ol>
          {chosen.length === 0 && <p className="inline-error">{t('targets.hierarchy.needOne')}</p>}
        </div>
        <div>
          <h3 className="tg-levels__title">{t('targets.hierarchy.available')}</h3>
          <ul className="tg-levels__list">
            {available.map((d) => (
              <li key={d} className="tg-levels__item" data-dim={d}>
                <span className="tg-levels__name">{t(`targets.dim.${d}`)}</span>
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={chosen.length >= MAX_LEVELS}
                  onClick={() => setChosen([...chosen, d])}
                  data-testid={`targets-levels-add-${d}`}
                >
                  {t('targets.hierarchy.add')}
                </button>
              </li>
            ))}
          </ul>
          {chosen.length >= MAX_LEVELS && <p className="muted">{t('targets.hierarchy.full')}</p>}
        </div>
      </div>
    </Modal>
  );
}
