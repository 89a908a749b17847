import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deck, Slide } from '../../../../shared/deck';
import { SlideView } from './SlideView';

// The editor's list of slides: a thumbnail, the number among the shown slides and the
// title; hidden slides dimmed with a badge. A slide moves by dragging it, by its ↑ ↓
// buttons, or from the keyboard (Alt+↑/↓ on the selected slide); ↑ ↓ alone select.

interface Props {
  deck: Deck;
  slides: Slide[];
  numbers: Map<string, number>;
  selected: string | null;
  onSelect: (key: string) => void;
  onMove: (from: number, to: number) => void;
  onToggleHidden: (key: string) => void;
  disabled: boolean;
}

/** Mounts its content once it has come near the screen: a long deck's thumbnails draw as they scroll in. */
function useSeen(): [React.RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || seen) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    }, { rootMargin: '300px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return [ref, seen];
}

function Thumb({ deck, slide, number, total }: { deck: Deck; slide: Slide; number: number; total: number }) {
  const [ref, seen] = useSeen();
  return (
    <div ref={ref} className="rv-thumb" aria-hidden="true">
      {seen && <SlideView deck={deck} slide={slide} number={number} total={total} still testId="slide-thumb" />}
    </div>
  );
}

export function SlideList({ deck, slides, numbers, selected, onSelect, onMove, onToggleHidden, disabled }: Props) {
  const { t } = useTranslation();
  const [drag, setDrag] = useState<{ from: number; over: number | null } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const total = numbers.size;

  const focusSlide = (key: string) => {
    // After a move or a new selection the list re-renders; focus the slide's button then.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`[data-key="${CSS.escape(key)}"] .rv-item__pick`)?.focus());
  };

  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const target = index + step;
    if (target < 0 || target >= slides.length) return;
    if (e.altKey) {
      if (!disabled) onMove(index, target);
      focusSlide(slides[index].key);
    } else {
      onSelect(slides[target].key);
      focusSlide(slides[target].key);
    }
  };

  const dropIndex = (e: DragEvent<HTMLLIElement>, index: number) => {
    const box = e.currentTarget.getBoundingClientRect();
    return e.clientY > box.top + box.height / 2 ? index + 1 : index;
  };

  return (
    <ol className="rv-list" ref={listRef} aria-label={t('deck.ui.slideList')} data-testid="slide-list">
      {slides.map((s, i) => {
        const n = numbers.get(s.key) ?? 0;
        const over = drag?.over;
        const cls = ['rv-item', s.key === selected ? 'is-selected' : '', s.hidden ? 'is-hidden' : '', over === i ? 'is-drop-before' : '', over === i + 1 && i === slides.length - 1 ? 'is-drop-after' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <li
            key={s.key}
            className={cls}
            data-key={s.key}
            data-testid="slide-item"
            data-hidden={s.hidden}
            draggable={!disabled}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', s.key);
              setDrag({ from: i, over: null });
            }}
            onDragOver={(e) => {
              if (!drag) return;
              e.preventDefault();
              const at = dropIndex(e, i);
              if (drag.over !== at) setDrag({ ...drag, over: at });
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (!drag) return;
              const at = dropIndex(e, i);
              // Dropped below itself: the slide's own gap closes first.
              const to = at > drag.from ? at - 1 : at;
              setDrag(null);
              if (to !== drag.from) onMove(drag.from, to);
            }}
            onDragEnd={() => setDrag(null)}
          >
            <button
              type="button"
              className="rv-item__pick"
              aria-current={s.key === selected ? 'true' : undefined}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              onClick={() => onSelect(s.key)}
              onKeyDown={(e) => onKey(e, i)}
              data-testid="slide-pick"
            >
              <span className="rv-item__number" data-testid="slide-number">
                {s.hidden ? '' : n}
              </span>
              <Thumb deck={deck} slide={s} number={n} total={total} />
              <span className="rv-item__text">
                <span className="rv-item__title" data-testid="slide-item-title">
                  {s.title}
                </span>
                {s.hidden && (
                  <span className="rv-item__badge" data-testid="slide-hidden-badge">
                    {t('deck.ui.hidden')}
                  </span>
                )}
              </span>
            </button>
            <span className="rv-item__actions">
              <button type="button" className="btn btn--small btn--icon" title={t('deck.ui.moveUp')} aria-label={`${t('deck.ui.moveUp')}: ${s.title}`} disabled={disabled || i === 0} onClick={() => onMove(i, i - 1)} data-testid="slide-up">
                ↑
              </button>
              <button type="button" className="btn btn--small btn--icon" title={t('deck.ui.moveDown')} aria-label={`${t('deck.ui.moveDown')}: ${s.title}`} disabled={disabled || i === slides.length - 1} onClick={() => onMove(i, i + 1)} data-testid="slide-down">
                ↓
              </button>
              <button type="button" className="btn btn--small" aria-pressed={s.hidden} aria-label={`${s.hidden ? t('deck.ui.show') : t('deck.ui.hide')}: ${s.title}`} disabled={disabled} onClick={() => onToggleHidden(s.key)} data-testid="slide-toggle-hidden">
                {s.hidden ? t('deck.ui.show') : t('deck.ui.hide')}
              </button>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
