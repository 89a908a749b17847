import { z } from 'zod';
import { command, query } from '../endpoint';
import { PROMOTION_TYPES, type PromotionScope, type PromotionType } from '../promotions';

// The promotion and advertising calendar of the working plan version.
// Money is integer cents; volume is whole cases; dates are ISO `YYYY-MM-DD`.

const idSchema = z.number().int().positive();
const idList = z.array(idSchema).max(10_000);
const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const scopeSchema = z
  .object({
    sku: idList.optional(),
    brand: idList.optional(),
    category: idList.optional(),
    channel: idList.optional(),
    city: idList.optional(),
    customer: idList.optional(),
  })
  .strict();

const budgetLineSchema = z
  .object({ itemId: idSchema, amountCents: z.number().int().min(0).max(1e15) })
  .strict();

const promotionFields = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(PROMOTION_TYPES),
  startDate: dateSchema,
  endDate: dateSchema,
  mechanics: z.string().max(4_000).optional(),
  expectedExtraVolume: z.number().int().min(0).max(1e12).optional(),
  scope: scopeSchema.optional(),
  budget: z.array(budgetLineSchema).max(1_000).optional(),
};

export interface PromotionBudgetLine {
  itemId: number;
  amountCents: number;
}

export interface PromotionInfo {
  id: number;
  name: string;
  type: PromotionType;
  startDate: string;
  endDate: string;
  mechanics: string;
  expectedExtraVolume: number;
  scope: PromotionScope;
  budget: PromotionBudgetLine[];
  budgetCents: number;
  /** The other promotions it overlaps (same period, products and channels). */
  overlaps: number[];
}

export interface PromotionExpenseItem {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  /** Budgets are entered on leaf items only. */
  leaf: boolean;
}

export interface PromotionList {
  versionId: number;
  planYear: number;
  promotions: PromotionInfo[];
  items: PromotionExpenseItem[];
  /** Budget of all promotions per expense item (leaves, non-zero only). */
  byItem: PromotionBudgetLine[];
  totalCents: number;
}

export const promotionEndpoints = {
  'promotions.list': query<PromotionList>(['promotions', 'expenses', 'master'])(z.object({}).strict()),
  /** One undo step. Refusals: INVALID_INPUT with issues [{ path, message: 'promotions.error.<reason>' }]. */
  'promotions.create': command<{ id: number }>(['promotions'])(z.object(promotionFields).strict()),
  /** Replaces the promotion's fields, scope and budget (omitted scope/budget: kept). One undo step. */
  'promotions.update': command<{ id: number }>(['promotions'])(z.object({ id: idSchema, ...promotionFields }).strict()),
  'promotions.delete': command<null>(['promotions'])(z.object({ id: idSchema }).strict()),
} as const;
