import type { Locator, Page } from '@playwright/test';
import type { Deck, Slide, SlideChart } from '../../src/shared/deck';
import type { SalesDetail } from '../../src/shared/endpoints/analysis';
import { formatAmount } from '../../src/shared/units';
import { invoke } from './api';
import { expect, test } from './fixtures';
import { shot } from './shots';

// Presenting the review deck of the demo region through the web host: the keys as
// PowerPoint and clickers have them, black and white screens, a number then Enter,
// hidden slides skipped, a click on a bar opening the rows behind it (equal to
// analysis.salesRows), a live filter answered and undone with Esc, and the presenter
// view with the audience in a second window, in step both ways.

const SALES = 'review.sales.byMonth';

async function openReview(page: Page, start: { demoButton: Locator; expectState(s: 'workspace', timeout?: number): Promise<void> }, nav: Locator): Promise<void> {
  await start.demoButton.click();
  // The typical demo (screenshots) takes a while to generate.
  await start.expectState('workspace', 180_000);
  await nav.click();
  await expect(page.getByTestId('deck-present')).toBeEnabled();
}

const shown = (deck: Deck): Slide[] => deck.slides.filter((s) => !s.hidden);

/** The presentation's slide: its key and its index among the shown slides. */
async function expectAt(page: Page, deck: Slide[], index: number): Promise<void> {
  const p = page.getByTestId('presentation');
  await expect(p).toHaveAttribute('data-at', String(index));
  await expect(p).toHaveAttribute('data-key', deck[index].key);
  await expect(page.getByTestId('present-stage-current')).toHaveAttribute('data-key', deck[index].key);
}

test('the keys move as in PowerPoint; black and white; a number then Enter; hidden slides are skipped', async ({ page, start, workspace }) => {
  await openReview(page, start, workspace.nav('review'));
  // Hide the chapter's title slide: the presentation must never show it.
  const full = await invoke<Deck>(page, 'deck.get', { doc: 'review' });
  const chapter = full.slides.find((s) => s.kind === 'chapter');
  expect(chapter, 'the review deck has a chapter title slide').toBeTruthy();
  await invoke(page, 'deck.arrange', {
    doc: 'review',
    slides: full.slides.map((s) => ({ key: s.key, hidden: s.key === chapter!.key, title: null, notes: null })),
  });
  const deck = shown(await invoke<Deck>(page, 'deck.get', { doc: 'review' }));
  expect(deck.map((s) => s.key)).not.toContain(chapter!.key);
  // The arrangement was made behind the page's back: load the page again.
  await page.reload();
  await start.expectState('workspace');
  await workspace.nav('review').click();
  // Enabled once the area has read the deck (after the reload, the arranged one).
  await expect(page.getByTestId('deck-present')).toBeEnabled();
  expect(deck.length).toBeGreaterThanOrEqual(3);
  const last = deck.length - 1;

  await page.getByTestId('deck-present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expectAt(page, deck, 0);

  // Next: → ↓ Space Enter PageDown N, each from the first slide.
  for (const key of ['ArrowRight', 'ArrowDown', 'Space', 'Enter', 'PageDown', 'n', 'N']) {
    await page.keyboard.press('Home');
    await expectAt(page, deck, 0);
    await page.keyboard.press(key);
    await expectAt(page, deck, 1);
  }
  // Previous: ← ↑ Backspace PageUp P, each from the last slide.
  for (const key of ['ArrowLeft', 'ArrowUp', 'Backspace', 'PageUp', 'p', 'P']) {
    await page.keyboard.press('End');
    await expectAt(page, deck, last);
    await page.keyboard.press(key);
    await expectAt(page, deck, last - 1);
  }
  // Walking through: the hidden slide never comes, and the end stays the end.
  await page.keyboard.press('Home');
  const seen: string[] = [];
  for (let i = 0; i <= last + 1; i++) {
    seen.push((await page.getByTestId('presentation').getAttribute('data-key')) ?? '');
    await page.keyboard.press('ArrowRight');
  }
  expect(seen).toEqual([...deck.map((s) => s.key), deck[last].key]);
  await expectAt(page, deck, last);
  // A click moves on too (on the slide's text, not on a chart).
  await page.keyboard.press('Home');
  await page.getByTestId('present-stage-current').locator('.slide').click({ position: { x: 20, y: 20 } });
  await expectAt(page, deck, 1);

  // A number then Enter jumps.
  await page.keyboard.press('Home');
  for (const digit of String(last + 1)) await page.keyboard.press(digit);
  await expect(page.getByTestId('present-digits')).toBeVisible();
  await page.keyboard.press('Enter');
  await expectAt(page, deck, last);
  await expect(page.getByTestId('present-digits')).toHaveCount(0);
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expectAt(page, deck, 1);

  // B and . black, W and , white; any key returns and does nothing else.
  for (const [key, screen] of [['b', 'black'], ['.', 'black'], ['w', 'white'], [',', 'white']] as const) {
    await page.keyboard.press(key);
    await expect(page.getByTestId('present-stage-screen')).toHaveAttribute('data-screen', screen);
    await expect(page.getByTestId('presentation')).toHaveAttribute('data-screen', screen);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('present-stage-screen')).toHaveCount(0);
    await expectAt(page, deck, 1);
  }
  // A black screen: Esc brings the slide back; a second Esc leaves.
  await page.keyboard.press('b');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-screen', 'slide');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
});

/** Clicks along the chart's lower band until a bar opens its rows; returns the drill overlay. */
async function clickABar(page: Page): Promise<Locator> {
  const canvas = page.getByTestId('present-stage-current').getByTestId('slide-chart-0');
  await expect(canvas).toHaveAttribute('data-rendered', 'true');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the chart has no box');
  const drill = page.getByTestId('present-drill');
  for (let f = 0.1; f < 0.95; f += 0.015) {
    await page.mouse.click(box.x + box.width * f, box.y + box.height * 0.82);
    if ((await drill.count()) > 0) return drill;
  }
  throw new Error('no bar opened its rows');
}

test('a click on a bar opens the rows behind it; a live filter answers and Esc returns the slide', async ({ page, start, workspace }) => {
  await openReview(page, start, workspace.nav('review'));
  const deck = shown(await invoke<Deck>(page, 'deck.get', { doc: 'review' }));
  const index = deck.findIndex((s) => s.key === SALES);
  expect(index).toBeGreaterThan(0);
  const slide = deck[index];
  const chart = slide.charts[0] as SlideChart;

  await page.getByTestId('deck-present').click();
  for (const digit of String(index + 1)) await page.keyboard.press(digit);
  await page.keyboard.press('Enter');
  await expectAt(page, deck, index);

  // Drill: the overlay's figures are analysis.salesRows' for the same slice.
  const drill = await clickABar(page);
  await expect(drill).not.toHaveAttribute('data-total', '');
  const title = (await drill.locator('h2').textContent()) ?? '';
  const category = chart.categories.findIndex((c) => title.endsWith(c));
  expect(category, `a category named in "${title}"`).toBeGreaterThanOrEqual(0);
  const d = chart.drill!;
  expect(d.source).toBe('sales');
  if (d.source !== 'sales') return;
  const rows = await invoke<SalesDetail>(page, 'analysis.salesRows', {
    year: d.year,
    slice: { by: d.by, key: chart.keys![category] },
    filter: d.filter,
    months: d.months,
    limit: 200,
  });
  await expect(drill).toHaveAttribute('data-total', String(rows.total));
  await expect(drill).toHaveAttribute('data-amount', String(rows.rows.reduce((s, r) => s + r.amountCents, 0)));
  const first = drill.getByTestId('present-drill-rows').locator('tbody tr').first();
  await expect(first.locator('[data-field="customerName"]')).toHaveText(rows.rows[0].customerName);
  await expect(first.locator('[data-field="amountCents"]')).toHaveText(formatAmount(rows.rows[0].amountCents, 'wan', 'zh-Hant'));
  // Esc closes the rows; the slide stays.
  await page.keyboard.press('Escape');
  await expect(drill).toHaveCount(0);
  await expectAt(page, deck, index);

  // Filter: F opens the bar; one city → the slide's figures are deck.slide's for that city.
  const before = await page.getByTestId('present-stage-current').getByTestId('slide-card').first().getAttribute('data-value');
  await page.keyboard.press('f');
  const bar = page.getByTestId('present-filter');
  await expect(bar).toBeVisible();
  const city = slide.filters!.cities![0];
  await bar.getByTestId('present-filter-cityId').selectOption(String(city.id));
  const current = page.getByTestId('present-stage-current');
  await expect(current).toHaveAttribute('data-live', 'true');
  const filtered = await invoke<Slide>(page, 'deck.slide', { doc: 'review', key: SALES, filter: { cityId: city.id } });
  expect(String(filtered.cards[0].value)).not.toBe(before);
  await expect(current.getByTestId('slide-card').first()).toHaveAttribute('data-value', String(filtered.cards[0].value));
  await expect(current.getByTestId('slide-chart-0')).toHaveAttribute('data-rendered', 'true');
  await shot(page, 'present-filtered');
  // Esc: the slide as it was; Esc again leaves.
  await page.keyboard.press('Escape');
  await expect(bar).toHaveCount(0);
  await expect(current).not.toHaveAttribute('data-live', 'true');
  await expect(current.getByTestId('slide-card').first()).toHaveAttribute('data-value', before ?? '');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('presentation')).toHaveCount(0);
});

test('the presenter view and the audience window stay in step, keys working in both', async ({ page, start, workspace }) => {
  await openReview(page, start, workspace.nav('review'));
  const deck = shown(await invoke<Deck>(page, 'deck.get', { doc: 'review' }));
  await page.getByTestId('presenter-start').click();
  const view = page.getByTestId('presenter-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('presenter-count')).toHaveText(`第 1 / ${deck.length} 頁`);
  await expect(page.getByTestId('presenter-next')).toHaveAttribute('data-key', deck[1].key);
  await expect(page.getByTestId('presenter-notes')).toContainText(deck[0].notes.split('\n')[0] || '（這一頁沒有備註）');

  // The web host has no displays of its own: the audience opens in a second window.
  const [audience] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('presenter-open-audience').click()]);
  const aud = audience.getByTestId('audience');
  await expect(aud).toHaveAttribute('data-key', deck[0].key);
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-audience', 'true');

  // A key in the presenter window moves both.
  await page.keyboard.press('ArrowRight');
  await expectAt(page, deck, 1);
  await expect(aud).toHaveAttribute('data-key', deck[1].key);
  await expect(page.getByTestId('presenter-count')).toHaveText(`第 2 / ${deck.length} 頁`);
  // A key in the audience window (a clicker plugged into the projector's side) moves both.
  await audience.keyboard.press('PageDown');
  await expectAt(page, deck, 2);
  await expect(aud).toHaveAttribute('data-key', deck[2].key);
  await audience.keyboard.press('b');
  await expect(aud).toHaveAttribute('data-screen', 'black');
  await expect(page.getByTestId('presentation')).toHaveAttribute('data-screen', 'black');
  await page.keyboard.press('Space');
  await expect(aud).toHaveAttribute('data-screen', 'slide');
  // The strip jumps.
  await page.getByTestId('presenter-thumb-0').click();
  await expectAt(page, deck, 0);
  await expect(aud).toHaveAttribute('data-key', deck[0].key);
  // The elapsed time runs, pauses and resets.
  const elapsed = page.getByTestId('presenter-elapsed');
  await expect(elapsed).toHaveAttribute('data-running', 'true');
  await page.getByTestId('presenter-timer-toggle').click();
  await expect(elapsed).toHaveAttribute('data-running', 'false');
  await page.getByTestId('presenter-timer-reset').click();
  await expect(elapsed).toContainText('00:00');
  await expectAt(page, deck, 0);

  // Ending the presentation closes the audience window.
  const closed = audience.waitForEvent('close');
  await page.getByTestId('presenter-exit').click();
  await closed;
  await expect(page.getByTestId('presentation')).toHaveCount(0);
});

test.describe('screenshots', () => {
  test.skip(!process.env.REGIONPLAN_SHOTS, 'set REGIONPLAN_SHOTS=<folder> to write the README screenshots of presenting');
  test.use({ demoSize: process.env.REGIONPLAN_SHOTS_DEMO === 'tiny' ? 'tiny' : 'typical' });

  test('the slide full screen and the presenter view', async ({ page, start, workspace }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: 1600, height: 900 });
    await openReview(page, start, workspace.nav('review'));
    const deck = shown(await invoke<Deck>(page, 'deck.get', { doc: 'review' }));
    const index = deck.findIndex((s) => s.key === SALES);
    await page.getByTestId('deck-present').click();
    for (const digit of String(index + 1)) await page.keyboard.press(digit);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('present-stage-current').getByTestId('slide-chart-0')).toHaveAttribute('data-rendered', 'true');
    await page.mouse.move(0, 0);
    await shot(page, 'screenshot-present');
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('presenter-start').click();
    for (const digit of String(index + 1)) await page.keyboard.press(digit);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('present-stage-current').getByTestId('slide-chart-0')).toHaveAttribute('data-rendered', 'true');
    await page.waitForTimeout(300);
    await shot(page, 'screenshot-presenter');
  });
});
