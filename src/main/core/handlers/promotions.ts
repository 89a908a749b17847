import type { HandlerRegistry } from '../registry';
import { createPromotion, deletePromotion, listPromotions, updatePromotion } from '../services/promotions/calendar';

/** The promotion and advertising calendar of the working plan version. */
export function registerPromotions(r: HandlerRegistry): void {
  r.query('promotions.list', (_, { db }) => listPromotions(db));
  r.command('promotions.create', (input, { db }) => ({ id: createPromotion(db, input) }));
  r.command('promotions.update', ({ id, ...input }, { db }) => {
    updatePromotion(db, id, input);
    return { id };
  });
  r.command('promotions.delete', ({ id }, { db }) => {
    deletePromotion(db, id);
    return null;
  });
}
