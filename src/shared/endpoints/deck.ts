import { z } from 'zod';
import { asyncCommand, command, query } from '../endpoint';
import { DECK_DOCS, type Deck, type Slide } from '../deck';
import { LANGUAGES } from '../units';

// 總結與導出: the review and the plan as a deck. The figures are built live from the
// file on every read; only the manager's arrangement (order, hidden, titles, notes) is
// stored, per plan version and document.

const id = z.number().int().positive();
const docSchema = z.enum(DECK_DOCS);
const slideKey = z.string().regex(/^[a-z][a-zA-Z0-9.:-]*$/, 'a slide key looks like "review.sales.byMonth"').max(80);

export const slideFilterSchema = z
  .object({ provinceId: id.optional(), cityId: id.optional(), channelId: id.optional(), brandId: id.optional() })
  .strict();

/** Every area a slide may draw from: a change to any of them makes the deck stale. */
const DECK_READS = ['region', 'master', 'targets', 'expenses', 'promotions', 'team', 'chapters', 'actuals', 'analysis'] as const;

const deckTarget = {
  doc: docSchema,
  /** Default: the working plan. */
  versionId: id.optional(),
};

export const deckEndpoints = {
  /** The document as slides in the manager's order, its words in `language` (default: the app's). */
  'deck.get': query<Deck>(DECK_READS)(z.object({ ...deckTarget, language: z.enum(LANGUAGES).optional() }).strict()),
  /** One slide again, filtered live (a province, a city, a channel, a brand): the meeting's "what about 浙江 only?". */
  'deck.slide': query<Slide>(DECK_READS)(
    z.object({ ...deckTarget, key: slideKey, filter: slideFilterSchema, language: z.enum(LANGUAGES).optional() }).strict(),
  ),
  /**
   * Stores the manager's arrangement: the slides in order, each shown or hidden, with
   * its own title and notes (null: the core's). Keys the deck does not have are refused;
   * slides left out keep their default place after the listed ones. One undo step.
   */
  'deck.arrange': command<null>(['chapters'])(
    z
      .object({
        ...deckTarget,
        slides: z
          .array(
            z
              .object({
                key: slideKey,
                hidden: z.boolean(),
                title: z.string().trim().min(1).max(120).nullable(),
                notes: z.string().max(20_000).nullable(),
              })
              .strict(),
          )
          .max(400),
      })
      .strict(),
  ),
  /** Forgets the arrangement: the core's order, titles and notes again. One undo step. */
  'deck.reset': command<null>(['chapters'])(z.object(deckTarget).strict()),
  /** Writes the shown slides as a PowerPoint deck with native charts; null when the save dialog was cancelled. */
  'deck.exportPptx': asyncCommand<{ path: string; slides: number; bytes: number } | null>([])(
    z.object({ ...deckTarget, language: z.enum(LANGUAGES).optional() }).strict(),
  ),
  /**
   * Prints the deck (16:9, a slide a page) or the report (A4 portrait) to PDF where the
   * host can print without the user (the Electron shell); elsewhere NOT_SUPPORTED, and the
   * page prints itself with the browser's dialog. Null when the save dialog was cancelled.
   */
  'deck.exportPdf': asyncCommand<{ path: string; pages: number; bytes: number } | null>([])(
    z.object({ ...deckTarget, layout: z.enum(['slides', 'report']), language: z.enum(LANGUAGES).optional() }).strict(),
  ),
} as const;
