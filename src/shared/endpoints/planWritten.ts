import { z } from 'zod';
import { command, query } from '../endpoint';
import { richDocSchema, sectionKeySchema, type FigureKind, type FigureValue, type RichDoc, type SectionKey } from '../planWritten';
import { LANGUAGES } from '../units';

// The written plan (計劃文字) of a plan version: its sections and the review's
// commentary as structured documents, with the live figures they embed.

const versionId = z.number().int().positive();

export interface WrittenSection {
  key: SectionKey;
  /** The stored document (empty when the section has not been written). */
  doc: RichDoc;
}

export interface WrittenFigures {
  /** Every figure of the catalog for the region ("kind") and each province ("kind@id"). */
  values: Record<string, FigureValue>;
  planYear: number;
  reviewYear: number;
}

export interface WrittenPlan {
  versionId: number;
  versionName: string;
  versionKind: 'working' | 'snapshot' | 'scenario';
  /** A snapshot: shown, never changed. */
  frozen: boolean;
  sections: WrittenSection[];
  figures: WrittenFigures;
  /** The provinces a figure can be asked for, in the region's order. */
  provinces: { id: number; name: string }[];
  kinds: readonly FigureKind[];
}

const target = { versionId: versionId.optional(), section: sectionKeySchema };

export const planWrittenEndpoints = {
  /** The version's sections (default: the working plan) and the values of every figure they may embed. */
  'plan.written.get': query<WrittenPlan>(['chapters', 'targets', 'actuals', 'expenses', 'master'])(z.object({ versionId: versionId.optional() }).strict()),
  /**
   * Replaces a section's document. One undo step. Refused: a snapshot; a document that is
   * not the schema's; a live figure whose source does not exist.
   */
  'plan.written.save': command<null>(['chapters'])(z.object({ ...target, doc: richDocSchema }).strict()),
  /**
   * Writes a first draft of a section from the file's own figures, worded in `language`.
   * A section that already has text is replaced only with `replace: true`. One undo step.
   */
  'plan.written.draft': command<{ doc: RichDoc }>(['chapters'])(
    z.object({ ...target, language: z.enum(LANGUAGES), replace: z.boolean().optional() }).strict(),
  ),
} as const;
