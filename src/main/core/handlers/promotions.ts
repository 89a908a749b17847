import type { HandlerRegistry } from '../registry';
import type { Session } from '../session';
import { createPromotion, deletePromotion, listPromotions, updatePromotion } from '../services/promotions/calendar';

/** Issue 6: the promotion and advertising calendar of the working plan version. */
export function registerPromotions(r: HandlerRegistry, session: Session): void {
  const sqlite = () => session.requireFile().sqlite;
  r.register('promotions.list', () => listPromotions(sqlite()));
  r.register('promotions.create', (input) => {
    const id = createPromotion(sqlite(), input);
    session.touch();
    return { id };
  });
  r.register('promotions.update', ({ id, ...input }) => {
    updatePromotion(sqlite(), id, input);
    session.touch();
    return { id };
  });
  r.register('promotions.delete', ({ id }) => {
    deletePromotion(sqlite(), id);
    session.touch();
    return null;
  });
}
