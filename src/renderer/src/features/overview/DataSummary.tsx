import { useTranslation } from 'react-i18next';
import type { CountKey } from '../../../../shared/contract';
import { formatInteger, type Language } from '../../../../shared/units';

type Group = 'geography' | 'products' | 'customers' | 'records';

// What the manager checks first in a file: is the geography there, the products,
// the customers, and how much history has been imported.
const GROUPS: { group: Group; keys: CountKey[] }[] = [
  { group: 'geography', keys: ['provinces', 'cities', 'counties'] },
  { group: 'products', keys: ['ownBrands', 'competitorBrands', 'categories', 'skus'] },
  { group: 'customers', keys: ['channels', 'customers', 'terminals', 'salespeople'] },
  { group: 'records', keys: ['salesActualRows', 'marketRows', 'storeAudits', 'customerVisits'] },
];

export function DataSummary({ counts, language }: { counts: Record<CountKey, number>; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="summary" aria-labelledby="summary-title" data-testid="data-summary">
      <h2 id="summary-title" className="section-title">
        {t('overview.counts.title')}
      </h2>
      <div className="summary__groups">
        {GROUPS.map(({ group, keys }) => (
          <div key={group} className="card summary__group">
            <h3 className="summary__group-title">{t(`overview.counts.groups.${group}`)}</h3>
            <dl className="summary__counts">
              {keys.map((k) => (
                <div key={k} className={counts[k] === 0 ? 'count is-zero' : 'count'} data-count={k}>
                  <dt className="count__label">{t(`overview.countLabel.${k}`)}</dt>
                  <dd className="count__value" data-testid={`count-${k}`}>
                    {formatInteger(counts[k], language)}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
