import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deck, Slide, SlideChart, SlideTable } from '../../../../../shared/deck';
import { unitLabel, type DisplayUnit, type Language } from '../../../../../shared/units';
import { EChart } from '../../../components/chart/EChart';
import { slideChartOption } from '../slideChart';
import { figureText } from '../../../../../shared/deck';
import { SlideTableHead } from '../SlideView';
import { pageCounterContent, reportSections } from './report';

// The deck as an A4 portrait report for head office: a cover, the contents, then each
// chapter as a section with its slides' cards, charts, whole tables and written text.
// Page numbers ("第 X / Y 頁") are the page's own CSS (@page margin boxes), so every
// printer of the page (printToPDF, page.pdf, the browser's dialog) numbers alike. A
// table breaks between rows only, its head repeated on every page.

function ReportChart({ chart, unit, language, index }: { chart: SlideChart; unit: DisplayUnit; language: Language; index: number }) {
  const option = useMemo(() => ({ ...(slideChartOption(chart, { unit, language, fontSize: 11 }) as Record<string, unknown>), tooltip: { show: false } }), [chart, unit, language]);
  return (
    <figure className="report__chart">
      <figcaption>{chart.title}</figcaption>
      <EChart option={option} label={chart.title} testId={`report-chart-${index}`} className="report__chart-canvas" renderer="svg" />
    </figure>
  );
}

function ReportTable({ table, unit, language }: { table: SlideTable; unit: DisplayUnit; language: Language }) {
  const { t } = useTranslation();
  const num = (j: number) => (table.columns[j]?.kind === 'text' ? undefined : 'num');
  const cell = (j: number, v: string | number | null) => figureText(table.columns[j]?.kind ?? 'text', v, unit, language);
  return (
    <>
      <table className="report__table" data-testid="report-table">
        <SlideTableHead table={table} unit={unit} language={language} />
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={num(j)}>
                  {cell(j, v)}
                </td>
              ))}
            </tr>
          ))}
          {table.total && (
            <tr className="report__total">
              {table.total.map((v, j) => (
                <td key={j} className={num(j)}>
                  {cell(j, v)}
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
      {table.more !== undefined && table.more > 0 && <p className="report__more">{t('deck.ui.reportMore', { n: table.more })}</p>}
    </>
  );
}

function ReportSlide({ deck, slide }: { deck: Deck; slide: Slide }) {
  const { unit, language } = deck;
  return (
    <article className="report__slide" data-testid="report-slide" data-key={slide.key}>
      <header className="report__slide-head">
        <h3>{slide.title}</h3>
        {slide.subtitle && <p className="report__subtitle">{slide.subtitle}</p>}
      </header>
      {slide.empty && <p className="report__empty">{slide.empty.message}</p>}
      {slide.cards.length > 0 && (
        <div className="report__cards">
          {slide.cards.map((c, i) => (
            <div key={i} className="report__card" data-testid="report-card">
              <div className="report__card-label">
                {c.label}
                {c.kind === 'amount' ? `（${unitLabel(unit, language)}）` : ''}
              </div>
              <div className={`report__card-value${c.tone ? ` is-${c.tone}` : ''}`}>{figureText(c.kind, c.value, unit, language)}</div>
              {c.note && <div className="report__card-note">{c.note}</div>}
            </div>
          ))}
        </div>
      )}
      {slide.charts.map((c, i) => (
        <ReportChart key={i} index={i} chart={c} unit={unit} language={language} />
      ))}
      {slide.table && <ReportTable table={slide.table} unit={unit} language={language} />}
      {slide.commentary.length > 0 && (
        <div className="report__commentary">
          {slide.commentary.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      )}
    </article>
  );
}

export function PrintReport({ deck, slides }: { deck: Deck; slides: Slide[] }) {
  const { t } = useTranslation();
  const sections = useMemo(() => reportSections(slides), [slides]);
  const cover = deck.slides.find((s) => s.kind === 'cover')?.cover;
  const counter = pageCounterContent(t('deck.ui.pageOf', { page: '@@PAGE@@', pages: '@@PAGES@@', interpolation: { escapeValue: false } }));
  const pageCss = `@page { size: A4 portrait; margin: 16mm 15mm 18mm; @bottom-center { content: ${counter}; font-size: 9pt; color: #7b8794; font-family: var(--print-font); } }
@page :first { @bottom-center { content: none; } }`;
  return (
    <div className="report" data-testid="print-report">
      <style>{pageCss}</style>
      <section className="report__cover">
        <div className="report__cover-region">{deck.regionName}</div>
        <h1>{deck.title}</h1>
        <div className="report__cover-lines">
          <span>{cover?.manager ?? deck.manager}</span>
          <span>{cover?.date ?? deck.date}</span>
          <span>{cover?.versionName ?? deck.versionName}</span>
        </div>
      </section>
      <section className="report__contents">
        <h2>{t('deck.ui.reportContents')}</h2>
        <ol>
          {sections.map((s, i) => (
            <li key={i}>
              <span className="report__contents-chapter">{s.title}</span>
              {s.slides.length > 0 && (
                <ul>
                  {s.slides.map((x) => (
                    <li key={x.key}>{x.title}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      {sections.map((s, i) => (
        <section key={i} className="report__chapter" data-testid="report-chapter">
          <h2>{s.title}</h2>
          {s.slides.map((x) => (
            <ReportSlide key={x.key} deck={deck} slide={x} />
          ))}
        </section>
      ))}
    </div>
  );
}
