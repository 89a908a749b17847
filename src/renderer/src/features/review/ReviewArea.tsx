import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECK_DOCS, shownSlides, type Deck, type DeckDoc, type Slide, type SlideArrangement } from '../../../../shared/deck';
import { useCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { SegmentedControl } from '../../components/SegmentedControl';
import { errorText } from '../../i18n';
import { PlanVersionSelect } from '../plan/PlanVersionSelect';
import { isArea, useAreaNav } from '../workspace/areaNav';
import { arrangementOf, moveSlide, notesToStore, shownNumbers, titleToStore, withSlide } from './arrangement';
import { DeckExports } from './DeckExports';
import { Presentation } from './present/Presentation';
import { SlideList } from './SlideList';
import { SlideView } from './SlideView';
import './review.css';

// 總結與導出: the review or the plan as a deck. The manager picks a slide, hides or shows
// it, moves it, retitles it and writes its notes; every change is stored at once as one
// undo step (deck.arrange), the figures always come live from the file. From here the
// deck is presented and exported.

/**
 * The slides with an arrangement laid over them, as the core will return them: shown at
 * once, before the answer. Null when the arrangement is not of these slides.
 */
function applyArrangement(slides: readonly Slide[], next: readonly SlideArrangement[]): Slide[] | null {
  if (next.length !== slides.length) return null;
  const byKey = new Map(slides.map((s) => [s.key, s]));
  const out: Slide[] = [];
  for (const a of next) {
    const s = byKey.get(a.key);
    if (!s) return null;
    out.push({ ...s, hidden: a.hidden, title: a.title ?? s.defaultTitle, notes: a.notes ?? s.notes, notesEdited: a.notes !== null || s.notesEdited });
  }
  return out;
}

function TitleField({ slide, onCommit, disabled }: { slide: Slide; onCommit: (typed: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(slide.title);
  const [shown, setShown] = useState(slide.title);
  // A new title from the core (undo, another slide's answer) replaces what is typed.
  if (shown !== slide.title) {
    setShown(slide.title);
    setText(slide.title);
  }
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onCommit(text);
    } else if (e.key === 'Escape') {
      setText(slide.title);
    }
  };
  return (
    <label className="rv-field">
      <span className="rv-field__label">{t('deck.ui.titleLabel')}</span>
      <span className="rv-field__row">
        <input className="input rv-field__input" value={text} maxLength={120} disabled={disabled} onChange={(e) => setText(e.target.value)} onBlur={() => onCommit(text)} onKeyDown={onKey} data-testid="slide-title-input" />
        {slide.title !== slide.defaultTitle && (
          <button type="button" className="btn btn--small" disabled={disabled} onClick={() => onCommit(slide.defaultTitle)} data-testid="slide-title-reset">
            {t('deck.ui.resetTitle')}
          </button>
        )}
      </span>
    </label>
  );
}

function NotesField({ slide, onCommit, disabled }: { slide: Slide; onCommit: (typed: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(slide.notes);
  const [shown, setShown] = useState(slide.notes);
  if (shown !== slide.notes) {
    setShown(slide.notes);
    setText(slide.notes);
  }
  return (
    <label className="rv-field rv-notes">
      <span className="rv-field__label">{t('deck.ui.notes')}</span>
      <textarea
        className="input rv-notes__text"
        value={text}
        placeholder={t('deck.ui.notesPlaceholder')}
        maxLength={20_000}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => onCommit(text)}
        onKeyDown={(e) => {
          // Enter writes a new line in notes; Ctrl/⌘+Enter stores them.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onCommit(text);
          }
        }}
        data-testid="slide-notes"
      />
    </label>
  );
}

export function ReviewArea() {
  const { t } = useTranslation();
  const app = useApp();
  const goTo = useAreaNav();
  const [doc, setDoc] = useState<DeckDoc>('review');
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const [picked, setPicked] = useState<string | null>(null);
  const [presenting, setPresenting] = useState<{ start: number; view: 'slides' | 'presenter' } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const target = useMemo(() => ({ doc, ...(versionId !== undefined ? { versionId } : {}) }), [doc, versionId]);
  const query = useQuery('deck.get', { ...target, language: app.language });
  const arrange = useCommand('deck.arrange');
  const reset = useCommand('deck.reset');
  // The last change, shown until the core has answered every change asked for (a
  // command's success comes after the queries it changed have reloaded).
  const [overlay, setOverlay] = useState<{ base: Deck; arrangement: SlideArrangement[] } | null>(null);

  const answer = query.data;
  // While another document or version loads, the previous deck is not the one asked for.
  const deck = answer && answer.doc === doc && (versionId === undefined || answer.versionId === versionId) ? answer : null;
  const saving = arrange.pending;
  const slides = useMemo(() => {
    if (!deck) return [];
    const laid = overlay && (saving || overlay.base === deck) ? applyArrangement(deck.slides, overlay.arrangement) : null;
    return laid ?? deck.slides;
  }, [deck, overlay, saving]);
  const shownDeck = useMemo(() => (deck ? { ...deck, slides } : null), [deck, slides]);
  const numbers = useMemo(() => shownNumbers({ slides }), [slides]);
  const selected = slides.find((s) => s.key === picked) ?? slides[0] ?? null;

  const save = useCallback(
    async (next: SlideArrangement[]) => {
      if (!deck) return;
      setOverlay({ base: deck, arrangement: next });
      const out = await arrange.run({ ...target, slides: next });
      if (!out.ok) {
        setOverlay(null);
        app.showError({ titleKey: 'errors.title', data: out.error });
      }
    },
    [deck, arrange, target, app],
  );

  const current = () => arrangementOf(slides);
  const onMove = (from: number, to: number) => void save(moveSlide(current(), from, to));
  const onToggleHidden = (key: string) => {
    const s = slides.find((x) => x.key === key);
    if (s) void save(withSlide(current(), key, { hidden: !s.hidden }));
  };
  const onTitle = (slide: Slide, typed: string) => {
    const title = titleToStore(slide, typed);
    if (title !== undefined) void save(withSlide(current(), slide.key, { title }));
  };
  const onNotes = (slide: Slide, typed: string) => {
    const notes = notesToStore(slide, typed);
    if (notes !== undefined) void save(withSlide(current(), slide.key, { notes }));
  };
  const onReset = async () => {
    setConfirmReset(false);
    setOverlay(null);
    const out = await reset.run(target);
    if (!out.ok) app.showError({ titleKey: 'errors.title', data: out.error });
  };

  const shown = deck ? shownSlides({ ...deck, slides }) : [];
  const startHere = selected && !selected.hidden ? shown.findIndex((s) => s.key === selected.key) : -1;
  const busy = !deck;
  const emptyArea = selected?.empty && isArea(selected.empty.area) ? selected.empty.area : null;

  return (
    <section className="rv" data-testid="review-area" data-doc={doc} data-version={deck?.versionId ?? ''} data-pending={arrange.pending || reset.pending}>
      <header className="rv__header">
        <h1 className="page-header__title rv__title">{t('deck.ui.title')}</h1>
        <SegmentedControl
          label={t('deck.ui.docs')}
          value={doc}
          options={DECK_DOCS.map((d) => ({ value: d, label: t(`deck.doc.${d}`) }))}
          onChange={(d) => {
            setDoc(d);
            setPicked(null);
          }}
          testId="deck-doc"
        />
        <PlanVersionSelect
          value={versionId}
          onChange={(id, kind) => {
            setVersionId(kind === 'working' ? undefined : id);
          }}
          testId="deck-version"
        />
        <span className="rv__spacer" />
        {deck && (
          <span className="rv__count" data-testid="deck-count">
            {t('deck.ui.slideCount', { shown: shown.length, hidden: slides.length - shown.length })}
          </span>
        )}
      </header>
      <div className="rv__toolbar" role="toolbar" aria-label={t('deck.ui.title')}>
        <button type="button" className="btn btn--primary btn--small" disabled={shown.length === 0} onClick={() => setPresenting({ start: 0, view: 'slides' })} data-testid="deck-present">
          ▶ {t('deck.ui.present')}
        </button>
        <button type="button" className="btn btn--small" disabled={startHere < 0} onClick={() => setPresenting({ start: startHere, view: 'slides' })} data-testid="deck-present-here">
          {t('deck.ui.presentFromHere')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={shown.length === 0}
          onClick={() => setPresenting({ start: Math.max(0, startHere), view: 'presenter' })}
          data-testid="presenter-start"
        >
          {t('deck.ui.presenterView')}
        </button>
        <span className="rv__sep" />
        <DeckExports doc={doc} versionId={versionId} language={app.language} disabled={busy || shown.length === 0} />
        <span className="rv__spacer" />
        <button type="button" className="btn btn--small" disabled={busy} onClick={() => setConfirmReset(true)} data-testid="deck-reset">
          {t('deck.ui.resetAll')}
        </button>
      </div>
      {query.error && !deck && (
        <p className="rv__error" role="alert" data-testid="deck-error">
          {errorText(query.error)}
        </p>
      )}
      {!deck && !query.error && (
        <p className="rv__loading" data-testid="deck-loading">
          {t('deck.ui.loading')}
        </p>
      )}
      {deck && shownDeck && slides.length === 0 && <p className="rv__loading">{t('deck.ui.noSlides')}</p>}
      {deck && shownDeck && selected && (
        <div className="rv__body">
          <aside className="rv__side">
            <p className="rv__hint">{t('deck.ui.reorderHint')}</p>
            <SlideList deck={shownDeck} slides={slides} numbers={numbers} selected={selected.key} onSelect={setPicked} onMove={onMove} onToggleHidden={onToggleHidden} disabled={false} />
          </aside>
          <div className="rv__main" data-testid="slide-editor" data-key={selected.key}>
            <div className="rv__preview" aria-label={t('deck.ui.preview')}>
              <SlideView deck={shownDeck} slide={selected} number={numbers.get(selected.key) ?? 0} total={numbers.size} testId="slide-preview" />
              {selected.hidden && <span className="rv__preview-badge">{t('deck.ui.hidden')}</span>}
            </div>
            {selected.empty && emptyArea && goTo && (
              <div className="rv__empty" data-testid="slide-empty-go">
                <span>{selected.empty.message}</span>
                <button type="button" className="btn btn--small btn--primary" onClick={() => goTo(emptyArea)} data-testid="slide-empty-goto">
                  {t('deck.ui.goTo', { area: t(`nav.${emptyArea}`) })}
                </button>
              </div>
            )}
            <TitleField key={`t-${selected.key}`} slide={selected} onCommit={(typed) => onTitle(selected, typed)} disabled={false} />
            <NotesField key={`n-${selected.key}`} slide={selected} onCommit={(typed) => onNotes(selected, typed)} disabled={false} />
          </div>
        </div>
      )}
      {confirmReset && (
        <Modal
          title={t('deck.ui.resetAll')}
          role="alertdialog"
          onClose={() => setConfirmReset(false)}
          testId="deck-reset-confirm"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmReset(false)} autoFocus>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn--primary" onClick={() => void onReset()} data-testid="deck-reset-ok">
                {t('deck.ui.resetAll')}
              </button>
            </>
          }
        >
          <p>{t('deck.ui.resetConfirm')}</p>
        </Modal>
      )}
      {presenting !== null && shownDeck && <Presentation deck={shownDeck} start={presenting.start} view={presenting.view} onExit={() => setPresenting(null)} />}
    </section>
  );
}
