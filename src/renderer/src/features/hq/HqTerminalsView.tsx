import { CHANNEL_PLAN_MEASURES, type ChannelPlanMeasure, type TerminalChannelLine } from '../../../../shared/hqTargets';
import { formatAmount, formatInteger, formatPercent, type Language } from '../../../../shared/units';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { useT, type T } from '../analysis/kit';
import './hqTargets.css';

// 終端與渠道: the terminal plans (stores now and to open, distribution and shelf-share
// targets, store-weighted) and the channel customer plans of the accepted revisions,
// summed nationally, with every region underneath.

const MONEY: ReadonlySet<ChannelPlanMeasure> = new Set(['fillSalesCents', 'prospectSalesCents']);
const KPI_MEASURES: ChannelPlanMeasure[] = ['distributors', 'keyAccounts', 'blankFills', 'prospects'];

const measureText = (m: ChannelPlanMeasure, v: number, language: Language) => (MONEY.has(m) ? formatAmount(v, 'wan', language) : formatInteger(v, language));

function regionCell(line: TerminalChannelLine, t: T, total: boolean | undefined) {
  return (
    <th className="hq-table__region">
      {total ? t('hqTargets.terminals.national') : line.regionName}
      {!total && line.revision !== null && <span className="hqtc__revision">{t('hqUi.board.revisionValue', { revision: line.revision })}</span>}
    </th>
  );
}

function StoresRow({ line, t, language, total }: { line: TerminalChannelLine; t: T; language: Language; total?: boolean }) {
  return (
    <tr className={total ? 'is-total' : undefined} data-testid="hq-terminals-row" data-region={total ? '' : line.regionName}>
      {regionCell(line, t, total)}
      <td className="num" data-testid="hq-terminals-stores">{formatInteger(line.stores, language)}</td>
      <td className="num" data-testid="hq-terminals-open">{formatInteger(line.storesToOpen, language)}</td>
      <td className="num">{formatPercent(line.distribution, language)}</td>
      <td className="num">{formatPercent(line.shelf, language)}</td>
    </tr>
  );
}

function CustomersRow({ line, t, language, total }: { line: TerminalChannelLine; t: T; language: Language; total?: boolean }) {
  return (
    <tr className={total ? 'is-total' : undefined} data-testid="hq-channel-row" data-region={total ? '' : line.regionName}>
      {regionCell(line, t, total)}
      {CHANNEL_PLAN_MEASURES.map((m) => (
        <td key={m} className="num" data-measure={m}>
          {measureText(m, line.channel[m], language)}
        </td>
      ))}
    </tr>
  );
}

export function HqTerminalsView() {
  const t = useT();
  const app = useApp();
  const language = app.language;
  const view = useQuery('hq.terminalChannel', {});
  const data = view.data;
  if (data && data.regions.length === 0) return <p className="empty-note" data-testid="hq-terminals-empty">{t('hqTargets.terminals.empty')}</p>;
  if (!data) return null;
  const n = data.national;
  const kpis = [
    { key: 'stores', label: t('hqTargets.terminals.stores'), value: formatInteger(n.stores, language) },
    { key: 'storesToOpen', label: t('hqTargets.terminals.storesToOpen'), value: formatInteger(n.storesToOpen, language) },
    { key: 'distribution', label: t('hqTargets.terminals.distribution'), value: formatPercent(n.distribution, language) },
    { key: 'shelf', label: t('hqTargets.terminals.shelf'), value: formatPercent(n.shelf, language) },
    ...KPI_MEASURES.map((m) => ({ key: m, label: t(`hqTargets.terminals.measure.${m}`), value: measureText(m, n.channel[m], language) })),
  ];
  return (
    <section className="hqtc" data-testid="hq-terminals">
      <div className="hq-kpis">
        {kpis.map((k) => (
          <div key={k.key} className="hq-kpi" data-testid={`hq-terminals-kpi-${k.key}`}>
            <span className="hq-kpi__label">{k.label}</span>
            <span className="hq-kpi__value">{k.value}</span>
          </div>
        ))}
      </div>
      <p className="hqtc__intro">{t('hqTargets.terminals.intro')}</p>
      <div className="hqtc__pair">
        <div className="card hq-card hq-card--scroll">
          <div className="hq-card__head">
            <h2 className="card__title">{t('hqTargets.terminals.title')}</h2>
          </div>
          <table className="hq-table" data-testid="hq-terminals-table">
            <thead>
              <tr>
                <th>{t('hqTargets.terminals.region')}</th>
                <th className="num">{t('hqTargets.terminals.stores')}</th>
                <th className="num">{t('hqTargets.terminals.storesToOpen')}</th>
                <th className="num">{t('hqTargets.terminals.distribution')}</th>
                <th className="num">{t('hqTargets.terminals.shelf')}</th>
              </tr>
            </thead>
            <tbody>
              <StoresRow line={n} t={t} language={language} total />
              {data.regions.map((r) => (
                <StoresRow key={r.regionKey} line={r} t={t} language={language} />
              ))}
            </tbody>
          </table>
        </div>
        <div className="card hq-card">
          <div className="hq-card__head">
            <h2 className="card__title">{t('hqTargets.terminals.channelTitle')}</h2>
          </div>
          <table className="hq-table" data-testid="hq-terminals-channels">
            <thead>
              <tr>
                <th>{t('hqTargets.terminals.channel')}</th>
                <th className="num">{t('hqTargets.terminals.stores')}</th>
                <th className="num">{t('hqTargets.terminals.storesToOpen')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byChannel.map((c) => (
                <tr key={c.channelCode}>
                  <td>{c.channelName}</td>
                  <td className="num">{formatInteger(c.stores, language)}</td>
                  <td className="num">{formatInteger(c.storesToOpen, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div className="card hq-card hq-card--scroll">
        <div className="hq-card__head">
          <h2 className="card__title">{t('hqTargets.terminals.customersTitle')}</h2>
        </div>
        <table className="hq-table" data-testid="hq-channel-table">
          <thead>
            <tr>
              <th>{t('hqTargets.terminals.region')}</th>
              {CHANNEL_PLAN_MEASURES.map((m) => (
                <th key={m} className="num">
                  {t(`hqTargets.terminals.measure.${m}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <CustomersRow line={n} t={t} language={language} total />
            {data.regions.map((r) => (
              <CustomersRow key={r.regionKey} line={r} t={t} language={language} />
            ))}
          </tbody>
        </table>
      </div>
      <div className="card hq-card hq-card--scroll">
        <div className="hq-card__head">
          <h2 className="card__title">{t('hqTargets.terminals.sharesTitle')}</h2>
        </div>
        <table className="hq-table" data-testid="hq-terminals-shares">
          <thead>
            <tr>
              <th>{t('hqTargets.terminals.channel')}</th>
              <th>{t('hqTargets.terminals.category')}</th>
              <th className="num">{t('hqTargets.terminals.distribution')}</th>
              <th className="num">{t('hqTargets.terminals.shelf')}</th>
              <th className="num">{t('hqTargets.terminals.regions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.shares.map((s) => (
              <tr key={`${s.channelCode}/${s.categoryCode}`}>
                <td>{s.channelName}</td>
                <td>{s.categoryName}</td>
                <td className="num">{formatPercent(s.distribution, language)}</td>
                <td className="num">{formatPercent(s.shelf, language)}</td>
                <td className="num">{formatInteger(s.regions, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
