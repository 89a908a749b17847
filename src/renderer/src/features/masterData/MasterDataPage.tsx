import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTabs } from '../../components/PageTabs';
import type { EntityName } from '../../../../shared/masterData';
import { SegmentedControl } from '../../components/SegmentedControl';
import { EntityEditor } from './EntityEditor';
import { GeographyEditor } from './GeographyEditor';
import './masterData.css';
import { tKey } from './columns';
import { prefetchQuery } from '../../api/queries';

// The master-data area: one tab per group of dimensions, each an editor on the grid kit.

const TABS = ['geography', 'channels', 'products', 'competitors', 'team', 'customers', 'terminals'] as const;
type Tab = (typeof TABS)[number];

const TAB_ENTITY: Record<Exclude<Tab, 'geography' | 'products'>, EntityName> = {
  channels: 'channel',
  competitors: 'competitor',
  team: 'salesperson',
  customers: 'customer',
  terminals: 'terminal',
};

const PRODUCT_ENTITIES = ['brand', 'category', 'sku'] as const;
type ProductEntity = (typeof PRODUCT_ENTITIES)[number];

export function MasterDataPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('customers');
  const [product, setProduct] = useState<ProductEntity>('sku');
  // The list is asked for on the click, so that the core reads it while the new grid mounts.
  const showTab = useCallback((next: Tab) => {
    if (next !== 'geography') prefetchQuery('master.list', { entity: next === 'products' ? product : TAB_ENTITY[next] });
    setTab(next);
  }, [product]);

  return (
    <section className="md" data-testid="master-data" data-tab={tab}>
      <header className="md__header">
        <h1 className="page-header__title">{t('grid.md.title')}</h1>
        <PageTabs label={t('grid.md.title')} tabs={TABS} value={tab} onChange={showTab} labelOf={(name) => t(`grid.md.tabs.${name}`)} testIdPrefix="md-tab" />
      </header>
      <div className="md__body" role="tabpanel">
        {tab === 'geography' && <GeographyEditor />}
        {tab === 'products' && (
          <EntityEditor
            key={product}
            entity={product}
            extraTools={
              <SegmentedControl
                label={t('grid.md.tabs.products')}
                size="small"
                value={product}
                options={PRODUCT_ENTITIES.map((e) => ({ value: e, label: tKey(t, `masterData.entity.${e}`) }))}
                onChange={setProduct}
                testId="md-product-switch"
              />
            }
          />
        )}
        {tab !== 'geography' && tab !== 'products' && <EntityEditor key={tab} entity={TAB_ENTITY[tab]} />}
      </div>
    </section>
  );
}
