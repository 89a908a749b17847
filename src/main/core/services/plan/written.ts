import type { WrittenPlan } from '../../../../shared/endpoints/planWritten';
import { AppError, refusal } from '../../../../shared/errors';
import { geoDisplayName } from '../../../../shared/geoNames';
import { planWrittenEn, planWrittenZhHans, planWrittenZhHant } from '../../../../shared/i18n/planWritten';
import {
  DOC_LIMITS, EMPTY_DOC, FIGURE_KINDS, SECTION_KEYS, inlinesOf, isEmptyDoc, normalizeDoc, richDocSchema,
  type FigureRef, type RichBlock, type RichDoc, type RichInline, type SectionKey,
} from '../../../../shared/planWritten';
import type { Language } from '../../../../shared/units';
import type { ReadDb, WriteDb } from '../../db/handle';
import type { PlanNarrativeRow } from '../../db/schema';
import { recordEdit } from '../../db/undoLog';
import { orderedMembers } from '../../repos/analysis/members';
import { findVersion, workingVersionId } from '../../repos/planVersions';
import { deleteNarrative, findNarrative, narrativeRows, putNarrative } from '../../repos/planWritten';
import { promotionsOfVersion } from '../../repos/promotions';
import type { TargetCache } from '../targets/model';
import { assertEditable } from '../targets/versions';
import { figureTable, resolveFigure, unknownFigure, type FigureTable } from './figures';

// The written plan of a plan version: the seven sections and the review's commentary,
// each a structured document (src/shared/planWritten.ts) stored as JSON. A document is
// checked again here, whatever the contract let through, and its live figures must
// point at something that exists. A first draft is worded from the file's own figures
// (embedded as live figures, so it never states a number the file does not hold).

function versionOf(db: ReadDb, versionId: number | undefined) {
  const id = versionId ?? workingVersionId(db);
  const row = findVersion(db, id);
  if (!row) throw new AppError('NOT_FOUND', `plan version ${id} does not exist`);
  return row;
}

/** A stored body as a document; a body that is not one (written by something else) reads as empty rather than failing the chapter. */
function parseBody(body: string): RichDoc {
  try {
    const parsed = richDocSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : EMPTY_DOC;
  } catch {
    return EMPTY_DOC;
  }
}

/** The version's sections and figures; `cache`, the targets' cube, spares a scan of the plan's cells. */
export function writtenPlan(db: ReadDb, input: { versionId?: number }, cache?: TargetCache): WrittenPlan {
  const version = versionOf(db, input.versionId);
  const stored = new Map(narrativeRows(db, version.id).map((r) => [r.section, parseBody(r.body)]));
  const table = figureTable(db, version.id, cache);
  return {
    versionId: version.id,
    versionName: version.name,
    versionKind: version.kind,
    frozen: version.frozen === 1,
    sections: SECTION_KEYS.map((key) => ({ key, doc: stored.get(key) ?? EMPTY_DOC })),
    figures: { values: table.values, planYear: table.planYear, reviewYear: table.reviewYear },
    provinces: table.provinces,
    kinds: FIGURE_KINDS,
  };
}

/**
 * Checks a document against the schema and the file and returns it normalized:
 * a document that is not the schema's, too large, or with a live figure pointing at
 * nothing is refused, naming where.
 */
export function checkDoc(db: ReadDb, doc: unknown): RichDoc {
  const parsed = richDocSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['doc', ...issue.path.map(String)].join('.');
    throw refusal('INVALID_INPUT', 'planWritten.error.badDoc', `${where}: ${issue.message}`, { path: where, params: { detail: `${where}: ${issue.message}` } });
  }
  if (JSON.stringify(parsed.data).length > DOC_LIMITS.json) {
    const detail = `more than ${DOC_LIMITS.json} characters`;
    throw refusal('INVALID_INPUT', 'planWritten.error.badDoc', `doc: ${detail}`, { path: 'doc', params: { detail } });
  }
  const provinces = new Set(orderedMembers(db, 'province').map((p) => p.id));
  for (const { path, inline } of inlinesOf(parsed.data)) {
    if (inline.type !== 'figure') continue;
    const why = unknownFigure(provinces, inline.figure);
    if (why) throw refusal('INVALID_INPUT', 'planWritten.error.figureMissing', `doc.${path}: ${why}`, { path: `doc.${path}`, params: { detail: why } });
  }
  return normalizeDoc(parsed.data);
}

/** Replaces a section (an empty document removes it), as one undo step. */
function writeSection(db: WriteDb, versionId: number, section: SectionKey, doc: RichDoc, label: 'planWritten.undo.save' | 'planWritten.undo.draft'): void {
  recordEdit(
    db,
    label,
    () => {
      const before = findNarrative(db, versionId, section) ?? null;
      let after: PlanNarrativeRow | null = null;
      if (isEmptyDoc(doc)) {
        if (before) deleteNarrative(db, versionId, section);
      } else {
        after = { version_id: versionId, section, body: JSON.stringify(doc) };
        putNarrative(db, after);
      }
      return { changes: [{ table: 'plan_narrative', key: { version_id: versionId, section }, before: before && { ...before }, after: after && { ...after } }], value: null };
    },
    { versionId },
  );
}

export function saveSection(db: WriteDb, input: { versionId?: number; section: SectionKey; doc: unknown }): void {
  const version = versionOf(db, input.versionId);
  assertEditable(db, version.id);
  writeSection(db, version.id, input.section, checkDoc(db, input.doc), 'planWritten.undo.save');
}

export function draftSection(db: WriteDb, input: { versionId?: number; section: SectionKey; language: Language; replace?: boolean }, cache?: TargetCache): { doc: RichDoc } {
  const version = versionOf(db, input.versionId);
  assertEditable(db, version.id);
  const existing = findNarrative(db, version.id, input.section);
  if (existing && !isEmptyDoc(parseBody(existing.body)) && input.replace !== true) {
    throw refusal('CONFLICT', 'planWritten.error.notEmpty', `section ${input.section} already has text; pass replace to overwrite it`, { path: 'replace' });
  }
  const doc = draftDoc(db, version.id, input.section, input.language, figureTable(db, version.id, cache));
  if (!doc) throw refusal('CONFLICT', 'planWritten.error.nothingToDraft', `the file has no figures to draft ${input.section} from`, { path: 'section' });
  writeSection(db, version.id, input.section, doc, 'planWritten.undo.draft');
  return { doc };
}

// ------------------------------------------------------------------ drafts

const CATALOGS: Record<Language, typeof planWrittenZhHant> = { 'zh-Hant': planWrittenZhHant, 'zh-Hans': planWrittenZhHans, en: planWrittenEn };

type Params = Record<string, string | number>;
const fill = (template: string, params: Params) => template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));

class Drafter {
  readonly t: (typeof CATALOGS)[Language];
  readonly params: Params;
  readonly provinces: { id: number; name: string }[];

  constructor(
    readonly table: FigureTable,
    readonly language: Language,
  ) {
    this.t = CATALOGS[language];
    this.params = { planYear: table.planYear, reviewYear: table.reviewYear };
    this.provinces = table.provinces.map((p) => ({ id: p.id, name: geoDisplayName(p.name, 'province', language) }));
  }

  has(ref: FigureRef): boolean {
    return resolveFigure(this.table, ref).status === 'ok';
  }

  value(ref: FigureRef): number {
    const v = resolveFigure(this.table, ref);
    return v.status === 'ok' ? v.value : Number.NaN;
  }

  /** A sentence's runs: its text with values filled, each [[name]] a live figure. */
  inlines(template: string, figures: Record<string, FigureRef> = {}, extra: Params = {}): RichInline[] {
    const text = fill(template, { ...this.params, ...extra });
    const out: RichInline[] = [];
    text.split(/\[\[(\w+)\]\]/).forEach((part, i) => {
      if (i % 2 === 0) {
        if (part !== '') out.push({ type: 'text', text: part });
      } else {
        out.push({ type: 'figure', figure: figures[part] });
      }
    });
    return out;
  }

  /** A paragraph, only when every figure it names has a value: a draft never states what the file does not hold. */
  sentence(template: string, figures: Record<string, FigureRef> = {}, extra: Params = {}): RichBlock | null {
    if (!Object.values(figures).every((f) => this.has(f))) return null;
    return { type: 'paragraph', content: this.inlines(template, figures, extra) };
  }

  text(template: string, extra: Params = {}): RichInline[] {
    return [{ type: 'text', text: fill(template, { ...this.params, ...extra }) }];
  }

  /** A table of provinces: one column of names, then a live figure per kind. */
  provinceTable(heads: string[], kinds: FigureRef['kind'][], withRegion = false, every = false): RichBlock | null {
    const rows: RichInline[][][] = [[this.t.draft.provinceHead, ...heads].map((h) => this.text(h))];
    if (withRegion) rows.push([this.text(this.t.figureDialog.region), ...kinds.map((kind): RichInline[] => [{ type: 'figure', figure: { kind } }])]);
    for (const p of this.provinces) {
      if (!every && !this.has({ kind: kinds[0], provinceId: p.id })) continue;
      rows.push([[{ type: 'text', text: p.name }], ...kinds.map((kind): RichInline[] => [{ type: 'figure', figure: { kind, provinceId: p.id } }])]);
    }
    return rows.length > (withRegion ? 2 : 1) ? { type: 'table', rows } : null;
  }

  /** Provinces by the review year's growth, fastest first (those with a growth figure). */
  byGrowth(): { id: number; name: string; growth: number }[] {
    return this.provinces
      .map((p) => ({ ...p, growth: this.value({ kind: 'reviewGrowth', provinceId: p.id }) }))
      .filter((p) => Number.isFinite(p.growth))
      .sort((a, b) => b.growth - a.growth);
  }

  names(list: { name: string }[]): string {
    return list.map((p) => p.name).join(this.t.draft.listSeparator);
  }

  reviewSales(): RichBlock | null {
    return this.sentence(this.t.draft.reviewSales, { sales: { kind: 'reviewSales' }, growth: { kind: 'reviewGrowth' }, margin: { kind: 'reviewMargin' } });
  }

  targets(): (RichBlock | null)[] {
    const ho = this.sentence(this.t.draft.hoTarget, { ho: { kind: 'hoTarget' } });
    if (!this.has({ kind: 'planTarget' })) return [ho, { type: 'paragraph', content: this.text(this.t.draft.noPlanTarget) }];
    return [
      ho,
      this.sentence(this.t.draft.planTarget, { target: { kind: 'planTarget' }, growth: { kind: 'planGrowth' } }),
      this.provinceTable([this.t.draft.targetHead, this.t.draft.targetGrowthHead], ['planTarget', 'planGrowth']),
    ];
  }

  growthFacts(): (RichBlock | null)[] {
    const ranked = this.byGrowth();
    if (ranked.length === 0) return [];
    const fastest = ranked[0];
    const falling = ranked.filter((p) => p.growth < 0);
    return [
      this.sentence(this.t.draft.fastest, { growth: { kind: 'reviewGrowth', provinceId: fastest.id } }, { name: fastest.name }),
      falling.length > 0
        ? { type: 'paragraph', content: this.text(this.t.draft.declining, { names: this.names(falling) }) }
        : { type: 'paragraph', content: this.text(this.t.draft.allGrowing) },
    ];
  }

  regionCompare(which: 'above' | 'below'): RichBlock | null {
    const region = this.value({ kind: 'reviewGrowth' });
    if (!Number.isFinite(region)) return null;
    const list = this.byGrowth().filter((p) => (which === 'above' ? p.growth > region : p.growth < region));
    if (list.length === 0) return null;
    return this.sentence(which === 'above' ? this.t.draft.aboveRegion : this.t.draft.belowRegion, { growth: { kind: 'reviewGrowth' } }, { names: this.names(list) });
  }
}

/** The draft of a section from the file's figures, or null when the file holds nothing to draft it from. */
export function draftDoc(db: ReadDb, versionId: number, section: SectionKey, language: Language, table = figureTable(db, versionId)): RichDoc | null {
  const d = new Drafter(table, language);
  const t = d.t.draft;
  const expense = () => d.sentence(t.expenseRatio, { ratio: { kind: 'expenseRatio' } });
  let blocks: (RichBlock | null)[];
  switch (section) {
    case 'summary':
      blocks = [d.reviewSales(), ...d.targets().slice(0, 2)];
      break;
    case 'market':
      blocks = [
        d.reviewSales(),
        { type: 'heading', level: 3, content: d.text(t.byProvince) },
        d.provinceTable([t.salesHead, t.growthHead, t.marginHead], ['reviewSales', 'reviewGrowth', 'reviewMargin']),
        ...d.growthFacts(),
      ];
      break;
    case 'objectives':
      blocks = d.targets();
      break;
    case 'strategies': {
      const ranked = d.byGrowth();
      blocks = [
        ...d.growthFacts(),
        ranked.length > 0
          ? { type: 'bulletList', items: ranked.map((p): RichInline[] => [{ type: 'text', text: `${p.name} ` }, { type: 'figure', figure: { kind: 'reviewGrowth', provinceId: p.id } }]) }
          : null,
      ];
      break;
    }
    case 'programs': {
      const count = promotionsOfVersion(db, versionId).length;
      blocks = [{ type: 'paragraph', content: d.text(count > 0 ? t.promotions : t.noPromotions, { count }) }, expense()];
      break;
    }
    case 'budget':
      blocks = [expense(), d.sentence(t.hoTarget, { ho: { kind: 'hoTarget' } })];
      break;
    case 'monitoring':
      // The achievement table is there from the start: it fills in as targets and actuals arrive.
      blocks = [
        d.has({ kind: 'planTarget' }) ? null : { type: 'paragraph', content: d.text(t.noPlanTarget) },
        { type: 'paragraph', content: d.text(t.monitoring) },
        d.provinceTable([t.achievementHead], ['achievement'], true, true),
      ];
      break;
    case 'review.sales.highlights':
      blocks = [d.reviewSales(), d.regionCompare('above')];
      break;
    case 'review.sales.problems':
      blocks = [d.regionCompare('below'), ...d.growthFacts().slice(1)];
      break;
    case 'review.expense.highlights':
      blocks = [expense()];
      break;
    default:
      blocks = [];
  }
  const doc = normalizeDoc({ type: 'doc', blocks: blocks.filter((b): b is RichBlock => b !== null) });
  // A draft of nothing but a heading or a table head says nothing.
  const hasFigure = inlinesOf(doc).some(({ inline }) => inline.type === 'figure');
  const hasParagraph = doc.blocks.some((b) => b.type === 'paragraph');
  return hasFigure || hasParagraph ? doc : null;
}
