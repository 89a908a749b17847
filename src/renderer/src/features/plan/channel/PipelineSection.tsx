import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { PIPELINE_STAGES, type ChannelPlan, type ProspectRow } from '../../../../../shared/endpoints/planChannel';
import { formatPeriod } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { EChart } from '../../../components/chart/EChart';
import { CHART_GRID_LINE, CHART_TEXT, TOOLTIP_STYLE } from '../../../components/chart/chartStyle';
import { Modal } from '../../../components/Modal';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn } from '../../../grid';
import { tKey } from '../../masterData/columns';
import { gridError, money } from '../../team/teamFormat';
import { choiceColumn, monthColumn, moneyColumn, placeName, refColumn, textColumn, type ColumnEnv } from './channelFormat';

// The recruitment pipeline (招商): the master data's prospects with their stage, the
// expected first order and year sales, and what happened (first order, sales this
// year); by stage and city in a chart; signing makes the customer active in one step.

type GridProspect = ProspectRow & { [field: string]: unknown };

/** Stage colours: cool while talking, green when signed, grey when lost. */
const STAGE_COLORS: Record<string, string> = {
  identified: '#b9c7d8',
  contacted: '#7f9cc0',
  negotiating: '#1f5fa9',
  signed: '#2f7d4f',
  lost: '#c4c4c4',
};

type Run = (p: ReturnType<typeof runCommand>) => Promise<boolean>;

export function PipelineSection({ env, run, notify }: { env: ColumnEnv; run: Run; notify: (text: string) => void }) {
  const { t } = useTranslation();
  const { plan, language, unit } = env;
  const grid = useRef<DataGridHandle>(null);
  const [adding, setAdding] = useState(false);

  const columns = useMemo<GridColumn<GridProspect>[]>(
    () => [
      { ...textColumn<GridProspect>('customer', t('planChannel.pipeline.customer'), 170), pinned: true, format: (_v, r) => `${r.customer.name}` },
      { ...textColumn<GridProspect>('cityName', t('planChannel.pipeline.city'), 90), format: (v) => placeName(String(v ?? ''), 'city', language) },
      {
        ...textColumn<GridProspect>('status', t('planChannel.pipeline.status'), 80),
        format: (_v, r) => tKey(t, `planChannel.customerStatus.${r.customer.status}`),
      },
      choiceColumn<GridProspect>(env, 'stage', t('planChannel.pipeline.stage'), PIPELINE_STAGES, 'planChannel.stage', {
        width: 110,
        cellClass: (v) => `chp-stage chp-stage--${String(v)}`,
      }),
      monthColumn<GridProspect>(env, 'firstOrderPeriod', t('planChannel.pipeline.firstOrderPeriod'), 110),
      moneyColumn<GridProspect>(env, 'yearSalesCents', t('planChannel.pipeline.yearSales'), env.editable),
      refColumn<GridProspect>(env, 'ownerId', t('planChannel.pipeline.owner'), 'salespeople', 90),
      {
        ...textColumn<GridProspect>('firstOrderActual', t('planChannel.pipeline.firstOrderActual'), 96),
        format: (v) => (typeof v === 'number' ? formatPeriod(v) : t('planChannel.pipeline.noOrder')),
        cellClass: (v) => (typeof v === 'number' ? 'chp-state chp-state--done' : 'chp-derived'),
      },
      { ...moneyColumn<GridProspect>(env, 'actualSalesCents', t('planChannel.pipeline.actualSales'), false), cellClass: () => 'chp-derived' },
      textColumn<GridProspect>('note', t('planChannel.pipeline.note'), 180, env.editable),
    ],
    [t, env, language],
  );

  const rows = useMemo<GridProspect[]>(() => (plan?.prospects ?? []).map((p) => ({ ...p })), [plan]);

  const onApply = useCallback(async (changes: GridChanges) => {
    const input = changes.updates.map((u) => ({ id: Number(u.id), ...u.values }));
    if (input.length === 0) return;
    const outcome = await runCommand('plan.channel.prospects.apply', { rows: input as never });
    if (!outcome.ok) throw gridError(outcome.error);
  }, []);

  const selected = () => (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const sign = async () => {
    const [id] = selected();
    if (id === undefined) return notify(t('planChannel.pipeline.selectOne'));
    await run(runCommand('plan.channel.prospects.sign', { id }));
  };
  const remove = async () => {
    const ids = selected();
    if (ids.length > 0) await run(runCommand('plan.channel.prospects.remove', { ids }));
  };

  const option = useMemo<EChartsCoreOption>(() => {
    const cities = plan?.pipeline.byCity ?? [];
    const names = cities.map((c) => placeName(c.cityName, 'city', language));
    return {
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, ...TOOLTIP_STYLE },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { color: CHART_TEXT } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { color: CHART_TEXT }, axisTick: { show: false } },
      series: PIPELINE_STAGES.map((stage) => ({
        name: tKey(t, `planChannel.stage.${stage}`),
        type: 'bar',
        stack: 'stage',
        barMaxWidth: 18,
        itemStyle: { color: STAGE_COLORS[stage] },
        data: cities.map((c) => c.counts[stage] || null),
      })),
    };
  }, [plan, t, language]);

  const chartHeight = Math.max(90, 30 + (plan?.pipeline.byCity.length ?? 0) * 26);

  return (
    <section className="chp__section chp__section--pipeline" data-testid="channel-pipeline">
      <div className="chp__section-head">
        <h2 className="section-title">{t('planChannel.pipeline.title')}</h2>
        <span className="chp__hint">{t('planChannel.pipeline.hint')}</span>
      </div>
      <div className="chp__pipeline">
        <div className="chp__grid">
          <DataGrid<GridProspect>
            gridId="plan.channel.pipeline"
            columns={columns}
            rows={rows}
            onApply={onApply}
            handle={grid}
            testId="channel-pipeline-grid"
            appendRows={false}
            totals
            emptyText={t('planChannel.pipeline.empty')}
            toolbar={
              env.editable && (
                <>
                  <button type="button" className="btn btn--small" onClick={() => setAdding(true)} data-testid="channel-pipeline-add">
                    {t('planChannel.pipeline.add')}
                  </button>
                  <button type="button" className="btn btn--small btn--primary" onClick={() => void sign()} data-testid="channel-pipeline-sign">
                    {t('planChannel.pipeline.sign')}
                  </button>
                  <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="channel-pipeline-remove">
                    {t('planChannel.pipeline.remove')}
                  </button>
                </>
              )
            }
          />
        </div>
        <aside className="chp__funnel" data-testid="channel-pipeline-summary">
          <h3 className="chp__funnel-title">{t('planChannel.pipeline.chartTitle')}</h3>
          <ul className="chp__stages">
            {(plan?.pipeline.byStage ?? []).map((s) => (
              <li key={s.stage} data-stage={s.stage} data-count={s.count}>
                <span className="chp__dot" style={{ background: STAGE_COLORS[s.stage] }} />
                <span className="chp__stage-name">{tKey(t, `planChannel.stage.${s.stage}`)}</span>
                <span className="chp__stage-count">{s.count}</span>
                <span className="chp__stage-amount">{money(s.yearSalesCents, unit, language)}</span>
              </li>
            ))}
          </ul>
          {(plan?.pipeline.byCity.length ?? 0) > 0 && (
            <EChart option={option} label={t('planChannel.pipeline.chartTitle')} testId="channel-pipeline-chart" className="chp__chart" style={{ height: chartHeight }} />
          )}
        </aside>
      </div>
      {adding && plan && <AddProspectDialog plan={plan} onClose={() => setAdding(false)} run={run} />}
    </section>
  );
}

function AddProspectDialog({ plan, onClose, run }: { plan: ChannelPlan; onClose: () => void; run: Run }) {
  const { t } = useTranslation();
  const taken = new Set(plan.prospects.map((p) => p.customerId));
  const candidates = plan.refs.customers.filter((c) => c.status === 'prospect' && !taken.has(c.id));
  const [customerId, setCustomerId] = useState<number>(candidates[0]?.id ?? 0);
  const add = async () => {
    if (await run(runCommand('plan.channel.prospects.apply', { rows: [{ customerId }] }))) onClose();
  };
  return (
    <Modal
      title={t('planChannel.pipeline.addTitle')}
      onClose={onClose}
      testId="channel-pipeline-add-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('planChannel.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void add()} disabled={!customerId} data-testid="channel-pipeline-add-ok">
            {t('planChannel.pipeline.addOk')}
          </button>
        </>
      }
    >
      {candidates.length === 0 ? (
        <p className="chp__hint">{t('planChannel.pipeline.addNone')}</p>
      ) : (
        <div className="chp__form">
          <label>
            {t('planChannel.pipeline.addPick')}
            <select value={customerId} onChange={(e) => setCustomerId(Number(e.target.value))} data-testid="channel-pipeline-add-customer">
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code} {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </Modal>
  );
}
