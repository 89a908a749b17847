import { describe, expect, it } from 'vitest';
import { shownSlides, type Deck } from '../../src/shared/deck';
import { arrangeKeys, deckKeys } from '../../src/main/core/services/deck';
import { demoOpener, invokeOk, invokeRefused } from './helpers';

// The deck through the handler registry on the tiny demo region: the slides, the
// manager's arrangement, and figures equal to the analysis views' for the same slice.

const open = demoOpener();

describe('the deck', () => {
  it('builds both documents with a cover, contents and every declared slide, in the language asked for', async () => {
    const c = await open();
    for (const doc of ['review', 'plan'] as const) {
      const deck = await invokeOk(c, 'deck.get', { doc, language: 'zh-Hant' });
      expect(deck.slides.map((s) => s.key)).toEqual(deckKeys(doc));
      expect(deck.slides[0].kind).toBe('cover');
      expect(deck.slides[0].cover?.region).toBe('華東大區');
      expect(deck.slides[1].kind).toBe('contents');
    }
    const en = await invokeOk(c, 'deck.get', { doc: 'review', language: 'en' });
    expect(en.title).toContain('Annual review');
  });

  it('the review\'s sales slide shows the sales analysis\' figures for the same slice, filtered live too', async () => {
    const c = await open();
    const deck = await invokeOk(c, 'deck.get', { doc: 'review', language: 'zh-Hant' });
    const slide = deck.slides.find((s) => s.key === 'review.sales.byMonth')!;
    const a = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'month' });
    expect(slide.cards[0].value).toBe(a.total.actual);
    expect(slide.charts[0].series[0].values).toEqual(a.rows.map((r) => r.actual));
    const city = a.options.cities[0].id;
    const filtered = await invokeOk(c, 'deck.slide', { doc: 'review', key: 'review.sales.byMonth', filter: { cityId: city } });
    const af = await invokeOk(c, 'analysis.sales', { year: 2026, by: 'month', filter: { cityId: city } });
    expect(filtered.cards[0].value).toBe(af.total.actual);
    expect(af.total.actual).toBeLessThan(a.total.actual);
  });

  it('keeps the manager\'s order, hidden slides, titles and notes per version; the contents follow; reset and undo', async () => {
    const c = await open();
    const before = await invokeOk(c, 'deck.get', { doc: 'review' });
    const keys = before.slides.map((s) => s.key);
    const moved = [keys[0], keys[1], ...keys.slice(2).reverse()];
    await invokeOk(c, 'deck.arrange', {
      doc: 'review',
      slides: moved.map((key, i) => ({ key, hidden: i === moved.length - 1, title: key === 'review.sales.byMonth' ? '全年走勢' : null, notes: key === 'review.sales.byMonth' ? '先講趨勢' : null })),
    });
    const after: Deck = await invokeOk(c, 'deck.get', { doc: 'review' });
    expect(after.slides.map((s) => s.key)).toEqual(moved);
    const s = after.slides.find((x) => x.key === 'review.sales.byMonth')!;
    expect([s.title, s.notes, s.notesEdited, s.defaultTitle !== s.title]).toEqual(['全年走勢', '先講趨勢', true, true]);
    expect(after.slides[after.slides.length - 1].hidden).toBe(true);
    expect(shownSlides(after)).toHaveLength(after.slides.length - 1);
    // The plan document and other versions keep their own arrangement.
    const plan = await invokeOk(c, 'deck.get', { doc: 'plan' });
    expect(plan.slides.map((x) => x.key)).toEqual(deckKeys('plan'));
    await invokeOk(c, 'deck.reset', { doc: 'review' });
    expect((await invokeOk(c, 'deck.get', { doc: 'review' })).slides.map((x) => x.key)).toEqual(keys);
    await invokeOk(c, 'edit.undo', {});
    expect((await invokeOk(c, 'deck.get', { doc: 'review' })).slides.map((x) => x.key)).toEqual(moved);
  });

  it('refuses a slide it does not have, a slide named twice, an unknown version', async () => {
    const c = await open();
    expect((await invokeRefused(c, 'deck.arrange', { doc: 'review', slides: [{ key: 'review.nope', hidden: false, title: null, notes: null }] })).code).toBe('INVALID_INPUT');
    const twice = { key: 'review.cover', hidden: false, title: null, notes: null };
    expect((await invokeRefused(c, 'deck.arrange', { doc: 'review', slides: [twice, twice] })).issues?.[0].path).toBe('slides.1.key');
    expect((await invokeRefused(c, 'deck.get', { doc: 'plan', versionId: 999 })).code).toBe('NOT_FOUND');
    expect((await invokeRefused(c, 'deck.slide', { doc: 'plan', key: 'plan.cover', filter: {} })).code).toBe('NOT_FOUND');
  });

  it('places a slide the arrangement does not name after the one it follows by default', () => {
    expect(arrangeKeys(['a', 'b', 'c', 'd'], [{ key: 'c', hidden: false, title: null, notes: null }, { key: 'a', hidden: false, title: null, notes: null }])).toEqual(['c', 'd', 'a', 'b']);
    expect(arrangeKeys(['a', 'b'], [{ key: 'gone', hidden: true, title: null, notes: null }])).toEqual(['a', 'b']);
  });
});
