import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  DRAFT_SECTIONS, PLAN_SECTIONS, REVIEW_CHAPTERS, REVIEW_PARTS, isEmptyDoc, type RichDoc, type SectionKey,
} from '../../../../../shared/planWritten';
import { runCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { errorText } from '../../../i18n';
import type { FigureContext } from './figures';
import { RichEditor } from './RichEditor';
import { RichView } from './RichView';
import './written.css';
import { PlanVersionSelect } from '../PlanVersionSelect';

// 計劃文字: the plan's seven sections and the review's commentary of a plan version,
// read with their live figures in the display unit, edited one section at a time (each
// save one undo step), or drafted from the file's figures. A snapshot is shown frozen.

function sectionTitle(t: TFunction, key: SectionKey): string {
  if (!key.startsWith('review.')) return t(`planWritten.section.${key}` as never);
  const [, chapter, part] = key.split('.');
  return t('planWritten.reviewTitle', { chapter: t(`planWritten.chapter.${chapter}` as never), part: t(`planWritten.part.${part}` as never) });
}

export function WrittenPlanPanel() {
  const { t } = useTranslation();
  const app = useApp();
  const language = app.language;
  const unit = app.summary?.displayUnit ?? 'wan';
  const [versionId, setVersionId] = useState<number | null>(null);
  const versions = useQuery('targets.versions', {});
  // A version that is gone (a deleted scenario) falls back to the working plan.
  const shown = versionId !== null && versions.data?.some((v) => v.id === versionId) !== false ? versionId : null;
  const query = useQuery('plan.written.get', shown === null ? {} : { versionId: shown });
  const plan = query.data;
  const [section, setSection] = useState<SectionKey>('summary');
  const [editing, setEditing] = useState<{ key: SectionKey; seq: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDraft, setConfirmDraft] = useState(false);

  const ctx = useMemo<FigureContext | null>(() => (plan ? { plan, unit, language, t } : null), [plan, unit, language, t]);
  const docs = useMemo(() => new Map((plan?.sections ?? []).map((s) => [s.key, s.doc])), [plan]);
  const doc = docs.get(section) ?? null;
  const empty = doc === null || isEmptyDoc(doc);
  const frozen = plan?.frozen ?? false;
  const title = sectionTitle(t, section);

  if (query.error) {
    return (
      <div className="wp" data-testid="plan-written-panel">
        <div className="wp-error" role="alert">
          {errorText(query.error)}
        </div>
      </div>
    );
  }
  if (!plan || !ctx) return <div className="wp" data-testid="plan-written-panel" data-loaded="false" />;

  const save = async (next: RichDoc) => {
    setBusy(true);
    setError(null);
    const outcome = await runCommand('plan.written.save', { versionId: plan.versionId, section, doc: next });
    setBusy(false);
    if (!outcome.ok) setError(errorText(outcome.error));
    else setEditing(null);
  };
  const draft = async (replace: boolean) => {
    setConfirmDraft(false);
    setBusy(true);
    setError(null);
    const outcome = await runCommand('plan.written.draft', { versionId: plan.versionId, section, language, ...(replace ? { replace } : {}) });
    setBusy(false);
    if (!outcome.ok) setError(errorText(outcome.error));
  };
  const choose = (key: SectionKey) => {
    setSection(key);
    setError(null);
  };

  const navItem = (key: SectionKey, text: string) => (
    <li key={key}>
      <button
        type="button"
        className={`wp-nav__item${key === section ? ' wp-nav__item--on' : ''}`}
        aria-current={key === section ? 'true' : undefined}
        onClick={() => choose(key)}
        disabled={editing !== null}
        data-testid={`wp-section-${key}`}
        data-filled={isEmptyDoc(docs.get(key) ?? { type: 'doc', blocks: [] }) ? 'false' : 'true'}
      >
        <span className="wp-nav__dot" aria-hidden="true" />
        {text}
      </button>
    </li>
  );

  return (
    <div className="wp" data-testid="plan-written-panel" data-loaded="true" data-version={plan.versionId} data-frozen={frozen ? 'true' : 'false'}>
      <aside className="wp-nav">
        <div className="wp-nav__version">
          <PlanVersionSelect value={plan.versionId} onChange={(id) => setVersionId(id)} disabled={editing !== null} testId="wp-version" />
        </div>
        <h3 className="wp-nav__heading">{t('planWritten.planHeading')}</h3>
        <ul>{PLAN_SECTIONS.map((key) => navItem(key, t(`planWritten.section.${key}`)))}</ul>
        <h3 className="wp-nav__heading">{t('planWritten.reviewHeading')}</h3>
        {REVIEW_CHAPTERS.map((chapter) => (
          <div key={chapter} className="wp-nav__chapter">
            <div className="wp-nav__chapter-name">{t(`planWritten.chapter.${chapter}`)}</div>
            <ul>{REVIEW_PARTS.map((part) => navItem(`review.${chapter}.${part}`, t(`planWritten.part.${part}`)))}</ul>
          </div>
        ))}
      </aside>
      <section className="wp-main" aria-label={title}>
        {frozen && (
          <div className="wp-frozen" data-testid="wp-frozen">
            {t('planWritten.frozen')}
          </div>
        )}
        <header className="wp-main__header">
          <h2 data-testid="wp-title">{title}</h2>
          {editing === null && !frozen && (
            <div className="wp-main__actions">
              {DRAFT_SECTIONS.includes(section) && (
                <button type="button" className="btn" disabled={busy} onClick={() => (empty ? void draft(false) : setConfirmDraft(true))} data-testid="wp-draft">
                  {t('planWritten.draftButton')}
                </button>
              )}
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy}
                onClick={() => {
                  setError(null);
                  setEditing({ key: section, seq: Date.now() });
                }}
                data-testid="wp-edit"
              >
                {t('planWritten.edit')}
              </button>
            </div>
          )}
        </header>
        {editing !== null ? (
          <RichEditor
            key={`${editing.key}-${editing.seq}`}
            doc={doc ?? { type: 'doc', blocks: [] }}
            ctx={ctx}
            label={t('planWritten.editorLabel', { section: title })}
            busy={busy}
            error={error}
            onSave={(next) => void save(next)}
            onCancel={(dirty) => {
              if (dirty && !window.confirm(t('planWritten.discardConfirm'))) return;
              setError(null);
              setEditing(null);
            }}
          />
        ) : (
          <>
            {error && (
              <div className="wp-error" role="alert" data-testid="wp-error">
                {error}
              </div>
            )}
            {empty ? (
              <p className="wp-empty" data-testid="wp-empty">
                {frozen ? t('planWritten.frozenEmpty') : t('planWritten.empty')}
              </p>
            ) : (
              <div className="wp-paper">
                <RichView doc={doc} ctx={ctx} testId="wp-view" />
              </div>
            )}
          </>
        )}
      </section>
      {confirmDraft && (
        <Modal
          title={t('planWritten.draftConfirm.title')}
          onClose={() => setConfirmDraft(false)}
          role="alertdialog"
          testId="wp-draft-confirm"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmDraft(false)}>
                {t('planWritten.cancel')}
              </button>
              <button type="button" className="btn btn--primary" onClick={() => void draft(true)} data-testid="wp-draft-replace">
                {t('planWritten.draftConfirm.replace')}
              </button>
            </>
          }
        >
          <p>{t('planWritten.draftConfirm.body', { section: title })}</p>
        </Modal>
      )}
    </div>
  );
}
