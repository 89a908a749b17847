import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent, unitLabel } from '../../../../../shared/units';
import type { Outcome } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { errorText } from '../../../i18n';
import { money } from '../../team/teamFormat';
import { ChangesSection } from './ChangesSection';
import type { ColumnEnv } from './channelFormat';
import { FillsSection } from './FillsSection';
import { PipelineSection } from './PipelineSection';
import './channelPlan.css';
import { PlanVersionSelect } from '../PlanVersionSelect';

// 渠道客戶建設規劃, the channel customer plan: tiles of what happened so far, then the
// blank areas to fill, the recruitment pipeline and the planned customer changes. The
// working plan is edited; a snapshot or scenario chosen above is shown read-only.

export function ChannelPlanPanel() {
  const { t } = useTranslation();
  const app = useApp();
  const unit = app.summary?.displayUnit ?? 'wan';
  const language = app.language;
  const versions = useQuery('targets.versions', {});
  const [versionId, setVersionId] = useState<number | undefined>(undefined);
  const { data: plan, error } = useQuery('plan.channel.get', versionId === undefined ? {} : { versionId });
  const [notice, setNotice] = useState<string | null>(null);

  const isWorking = plan ? versions.data?.find((v) => v.id === plan.versionId)?.kind === 'working' : true;
  const editable = !!plan && !plan.frozen && isWorking;
  const env = useMemo<ColumnEnv>(() => ({ t, unit, language, plan: plan ?? undefined, editable }), [t, unit, language, plan, editable]);

  /** A toolbar or dialog command: its refusal shows above the chapter. */
  const run = useCallback(async <T,>(command: Promise<Outcome<T>>): Promise<boolean> => {
    setNotice(null);
    const outcome = await command;
    if (!outcome.ok) setNotice(errorText(outcome.error));
    return outcome.ok;
  }, []);

  const tr = plan?.tracking;
  const amount = (cents: number) => `${money(cents, unit, language)} ${unitLabel(unit, language)}`;
  return (
    <div className="chp" data-testid="plan-channel-panel" data-loaded={plan ? 'true' : 'false'} data-editable={editable ? 'true' : 'false'}>
      <div className="chp__top">
        <PlanVersionSelect value={versionId} onChange={(id, kind) => setVersionId(kind === 'working' ? undefined : id)} testId="channel-version" />
        {plan && !editable && (
          <span className="chp__readonly" role="status" data-testid="channel-readonly">
            {plan.frozen ? t('planChannel.readOnly', { name: plan.versionName }) : t('planChannel.scenarioNote', { name: plan.versionName })}
          </span>
        )}
        {notice && (
          <span className="md-notice" role="status" data-testid="channel-notice">
            {notice}
          </span>
        )}
      </div>
      {error && <p className="inline-error">{errorText(error)}</p>}
      {tr && plan && (
        <div className="chp__tiles" data-testid="channel-tiles">
          <Tile label={t('planChannel.tiles.blank')} value={t('planChannel.tiles.blankValue', { count: tr.blankAreas })}
            sub={t('planChannel.tiles.blankSub', { planned: tr.blankPlanned, target: formatPercent(plan.coverageTarget, language, 0) })} testId="tile-blank" />
          <Tile label={t('planChannel.tiles.fills')} value={t('planChannel.tiles.fillsValue', { filled: tr.filled, still: tr.stillBlank })}
            sub={t('planChannel.tiles.fillsSub', { amount: amount(tr.firstYearSalesCents) })} testId="tile-fills" />
          <Tile label={t('planChannel.tiles.pipeline')} value={t('planChannel.tiles.pipelineValue', { count: tr.prospects })}
            sub={t('planChannel.tiles.pipelineSub', { orders: tr.firstOrders, amount: amount(tr.pipelineSalesCents) })} testId="tile-pipeline" />
          <Tile label={t('planChannel.tiles.changes')} value={t('planChannel.tiles.changesValue', { done: tr.changesDone, count: tr.changes })}
            sub={t('planChannel.tiles.changesSub')} testId="tile-changes" />
        </div>
      )}
      <FillsSection env={env} run={run} />
      <PipelineSection env={env} run={run} notify={setNotice} />
      <ChangesSection env={env} run={run} />
    </div>
  );
}

function Tile({ label, value, sub, testId }: { label: string; value: string; sub: string; testId: string }) {
  return (
    <div className="chp__tile" data-testid={testId}>
      <div className="chp__tile-label">{label}</div>
      <div className="chp__tile-value">{value}</div>
      <div className="chp__tile-sub">{sub}</div>
    </div>
  );
}
