import { useCallback, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { EChartsType } from 'echarts/core';
import { figureText, SLIDE_HEIGHT, SLIDE_WIDTH, type Deck, type FigureKind, type Slide, type SlideChart, type SlideTable } from '../../../../shared/deck';
import { unitLabel, type DisplayUnit, type Language } from '../../../../shared/units';
import { EChart, type ChartRenderer } from '../../components/chart/EChart';
import { slideChartOption } from './slideChart';
import './slide.css';

// One slide, laid out at PowerPoint's wide size (1280×720 CSS pixels) and scaled to
// the box it is given, letterboxed: the editor's preview, the thumbnails, the
// presentation, the presenter view and the printed deck all draw the same slide.

export interface SlideViewProps {
  deck: Pick<Deck, 'unit' | 'language' | 'title' | 'regionName'>;
  slide: Slide;
  /** 1-based number among the shown slides; 0: not numbered (the cover). */
  number: number;
  total: number;
  /** A click on a chart's category (a bar, a slice): the presentation drills into it. */
  onCategoryClick?: (chart: SlideChart, index: number) => void;
  /** Scale to the box (default) or draw at the logical size (print). */
  fit?: boolean;
  /** Thumbnails draw no charts' interactivity and no tooltips. */
  still?: boolean;
  /** How the charts draw: canvas on screen (default), SVG in print (sharp, real text). */
  renderer?: ChartRenderer;
  testId?: string;
}


/** Scales a 1280×720 stage to fit its parent, keeping 16:9 (letterboxing the rest). */
function useFitScale(enabled: boolean): [React.RefObject<HTMLDivElement | null>, number] {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const el = box.current;
    if (!enabled || !el) return;
    const measure = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      if (w > 0 && h > 0) setScale(Math.min(w / SLIDE_WIDTH, h / SLIDE_HEIGHT));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [enabled]);
  return [box, scale];
}

function ChartBox({ chart, unit, language, onCategoryClick, still, index, renderer }: { chart: SlideChart; unit: DisplayUnit; language: Language; onCategoryClick?: SlideViewProps['onCategoryClick']; still?: boolean; index: number; renderer?: ChartRenderer }) {
  const option = useMemo(() => {
    const o = slideChartOption(chart, { unit, language, fontSize: 15 }) as Record<string, unknown>;
    return still ? { ...o, tooltip: { show: false } } : o;
  }, [chart, unit, language, still]);
  const clickRef = useRef(onCategoryClick);
  useLayoutEffect(() => {
    clickRef.current = onCategoryClick;
  }, [onCategoryClick]);
  const onReady = useCallback(
    (instance: EChartsType) => {
      instance.on('click', (p) => {
        const params = p as { dataIndex?: number };
        if (typeof params.dataIndex === 'number') clickRef.current?.(chart, params.dataIndex);
      });
    },
    [chart],
  );
  return (
    <div className="slide__chart">
      <div className="slide__chart-title">{chart.title}</div>
      <EChart option={option} label={chart.title} testId={`slide-chart-${index}`} className="slide__chart-canvas" onReady={onReady} renderer={renderer} />
    </div>
  );
}

/** A slide table's header: the columns' labels, amounts with their unit. The report's tables use it too. */
export function SlideTableHead({ table, unit, language }: { table: SlideTable; unit: DisplayUnit; language: Language }) {
  return (
    <thead>
      <tr>
        {table.columns.map((c, i) => (
          <th key={i} className={c.kind === 'text' ? undefined : 'num'}>
            {c.label}
            {c.kind === 'amount' ? `（${unitLabel(unit, language)}）` : ''}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function TableBox({ table, unit, language }: { table: SlideTable; unit: DisplayUnit; language: Language }) {
  const cell = (kind: FigureKind | 'text', v: string | number | null) => figureText(kind, v, unit, language);
  return (
    <table className="slide__table" data-testid="slide-table">
      <SlideTableHead table={table} unit={unit} language={language} />
      <tbody>
        {table.rows.map((r, i) => (
          <tr key={i}>
            {r.map((v, j) => (
              <td key={j} className={table.columns[j]?.kind === 'text' ? undefined : 'num'}>
                {cell(table.columns[j]?.kind ?? 'text', v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {table.total && (
        <tfoot>
          <tr>
            {table.total.map((v, j) => (
              <td key={j} className={table.columns[j]?.kind === 'text' ? undefined : 'num'}>
                {cell(table.columns[j]?.kind ?? 'text', v)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function SlideBody({ deck, slide, number, total, onCategoryClick, still, renderer }: SlideViewProps) {
  const { unit, language } = deck;
  if (slide.kind === 'cover' && slide.cover) {
    const c = slide.cover;
    return (
      <div className="slide__cover">
        <div className="slide__cover-region">{c.region}</div>
        <h1 className="slide__cover-title">{slide.title}</h1>
        <div className="slide__cover-lines">
          <span>{c.manager}</span>
          <span>{c.date}</span>
          <span>{c.versionName}</span>
        </div>
      </div>
    );
  }
  if (slide.kind === 'chapter') {
    return (
      <div className="slide__chapter">
        <h1 className="slide__chapter-title">{slide.title}</h1>
      </div>
    );
  }
  return (
    <>
      <header className="slide__head">
        <h1 className="slide__title" data-testid="slide-title">
          {slide.title}
        </h1>
        {slide.subtitle && <div className="slide__subtitle">{slide.subtitle}</div>}
      </header>
      {slide.kind === 'contents' && slide.contents && (
        <ol className="slide__contents">
          {slide.contents.map((c, i) => (
            <li key={i}>
              <span>{c.title}</span>
              <span className="slide__contents-page">{c.slide}</span>
            </li>
          ))}
        </ol>
      )}
      {slide.empty && (
        <div className="slide__empty" data-testid="slide-empty">
          {slide.empty.message}
        </div>
      )}
      {slide.cards.length > 0 && (
        <div className="slide__cards">
          {slide.cards.map((c, i) => (
            <div key={i} className="slide__card" data-testid="slide-card" data-value={c.value ?? ''}>
              <div className="slide__card-label">
                {c.label}
                {c.kind === 'amount' ? `（${unitLabel(unit, language)}）` : ''}
              </div>
              <div className={`slide__card-value${c.tone ? ` is-${c.tone}` : ''}`}>{figureText(c.kind, c.value, unit, language)}</div>
              {c.note && <div className="slide__card-note">{c.note}</div>}
            </div>
          ))}
        </div>
      )}
      {(slide.charts.length > 0 || slide.table || slide.commentary.length > 0) && (
        <div className={`slide__main slide__main--${slide.charts.length}`}>
          {slide.charts.map((c, i) => (
            <ChartBox key={i} index={i} chart={c} unit={unit} language={language} onCategoryClick={onCategoryClick} still={still} renderer={renderer} />
          ))}
          {(slide.table || slide.commentary.length > 0) && (
            <div className="slide__side">
              {slide.table && <TableBox table={slide.table} unit={unit} language={language} />}
              {slide.commentary.length > 0 && (
                <div className="slide__commentary" data-testid="slide-commentary">
                  {slide.commentary.map((p, i) => (
                    <p key={i}>{p}</p>
                  ))}
                </div>
              )}
            </div>
          )}
        </div>
      )}
      <footer className="slide__foot">
        <span>{deck.title}</span>
        {number > 0 && (
          <span>
            {number} / {total}
          </span>
        )}
      </footer>
    </>
  );
}

export function SlideView(props: SlideViewProps) {
  const fit = props.fit ?? true;
  const [box, scale] = useFitScale(fit);
  const stage: CSSProperties = fit ? { transform: `scale(${scale})` } : {};
  return (
    <div ref={box} className={fit ? 'slide-fit' : 'slide-print'} data-testid={props.testId ?? 'slide'} data-key={props.slide.key}>
      <div className={`slide slide--${props.slide.kind}`} style={stage} lang={props.deck.language}>
        <SlideBody {...props} />
      </div>
    </div>
  );
}
