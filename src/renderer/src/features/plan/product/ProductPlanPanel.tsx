import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '../../../api/queries';
import { errorText } from '../../../i18n';
import { MixSection } from './MixSection';
import { NewProductsSection } from './NewProductsSection';
import { PositionSection } from './PositionSection';
import './productPlan.css';
import { PlanVersionSelect } from '../PlanVersionSelect';

// 品牌與產品規劃 The product plan of a plan version: the product mix against last year,
// the channel positioning of each brand and category, and the new products to launch.
// The working plan is edited here; a snapshot or a scenario is shown read-only.

export function ProductPlanPanel() {
  const { t } = useTranslation();
  const [versionId, setVersionId] = useState<number | null>(null);
  const { data: plan, error } = useQuery('plan.product.get', versionId === null ? {} : { versionId });
  const readOnly = plan ? plan.versionKind !== 'working' : true;

  return (
    <div className="pp" data-testid="plan-product-panel" data-loaded={plan ? 'true' : 'false'} data-read-only={readOnly ? 'true' : 'false'}>
      <div className="pp__bar">
        <PlanVersionSelect value={versionId ?? undefined} onChange={(id, kind) => setVersionId(kind === 'working' ? null : id)} testId="plan-product-version" />
        {plan && plan.versionKind !== 'working' && (
          <p className="pp__readonly" role="status" data-testid="plan-product-readonly">
            {plan.versionKind === 'snapshot'
              ? t('planProduct.readOnlySnapshot', { name: plan.versionName })
              : t('planProduct.readOnlyScenario', { name: plan.versionName })}
          </p>
        )}
      </div>
      {error && <p className="inline-error">{errorText(error)}</p>}
      {!plan && !error && <p className="pp__note">{t('planProduct.loading')}</p>}
      {plan && (
        <>
          <MixSection plan={plan} />
          <PositionSection plan={plan} readOnly={readOnly} />
          <NewProductsSection plan={plan} readOnly={readOnly} />
        </>
      )}
    </div>
  );
}
