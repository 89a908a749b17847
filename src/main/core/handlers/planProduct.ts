import type { HandlerRegistry } from '../registry';
import { applyNewProducts, readProductPlan, removeNewProducts, setPositions } from '../services/plan/product';
import { targetCache } from '../services/targets/model';

/** The product plan (品牌與產品規劃): the mix, the channel positioning and the new products. */
export function registerPlanProduct(r: HandlerRegistry): void {
  r.query('plan.product.get', ({ versionId }, { db, file }) => readProductPlan(db, targetCache(file, db), versionId));
  r.command('plan.product.setPositions', ({ cells }, { db }) => (setPositions(db, cells), null));
  r.command('plan.product.applyNewProducts', ({ rows }, { db }) => applyNewProducts(db, rows));
  r.command('plan.product.removeNewProducts', ({ skuIds }, { db }) => removeNewProducts(db, skuIds));
}
