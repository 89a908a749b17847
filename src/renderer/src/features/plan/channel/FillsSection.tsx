import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FILL_METHODS, type ChannelPlan, type FillRow } from '../../../../../shared/endpoints/planChannel';
import { runCommand } from '../../../api/commands';
import { Modal } from '../../../components/Modal';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn } from '../../../grid';
import { tKey } from '../../masterData/columns';
import { gridError } from '../../team/teamFormat';
import { choiceColumn, monthColumn, moneyColumn, placeName, refColumn, textColumn, type ColumnEnv } from './channelFormat';

// Blank areas to fill: every blank area of the customers analysis and every area the
// plan names, with how and by when it is to be filled, and whether it is still blank.

type GridFill = FillRow & { id: string; [field: string]: unknown };

export function FillsSection({ env, run }: { env: ColumnEnv; run: (p: ReturnType<typeof runCommand>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const { plan, language } = env;
  const grid = useRef<DataGridHandle>(null);
  const [adding, setAdding] = useState(false);

  const columns = useMemo<GridColumn<GridFill>[]>(
    () => [
      { ...textColumn<GridFill>('provinceName', t('planChannel.fills.province'), 80), pinned: true, format: (v) => placeName(String(v ?? ''), 'province', language) },
      { ...textColumn<GridFill>('cityName', t('planChannel.fills.city'), 100), pinned: true, format: (v) => placeName(String(v ?? ''), 'city', language) },
      { ...textColumn<GridFill>('countyName', t('planChannel.fills.county'), 90), format: (v) => (typeof v === 'string' ? v : t('planChannel.fills.cityWhole')) },
      {
        ...textColumn<GridFill>('reason', t('planChannel.fills.reason'), 130),
        format: (v) => (typeof v === 'string' ? tKey(t, `planChannel.reason.${v}`) : ''),
      },
      {
        ...textColumn<GridFill>('blankNow', t('planChannel.fills.now'), 100),
        format: (v) => (v ? t('planChannel.fills.stillBlank') : t('planChannel.fills.filled')),
        cellClass: (v) => (v ? 'chp-state chp-state--open' : 'chp-state chp-state--done'),
      },
      monthColumn<GridFill>(env, 'fillPeriod', t('planChannel.fills.fillPeriod'), 96),
      choiceColumn<GridFill>(env, 'method', t('planChannel.fills.method'), FILL_METHODS, 'planChannel.method', { width: 130 }),
      refColumn<GridFill>(env, 'viaCustomerId', t('planChannel.fills.via'), 'customers', 130),
      refColumn<GridFill>(env, 'ownerId', t('planChannel.fills.owner'), 'salespeople', 90),
      moneyColumn<GridFill>(env, 'firstYearSalesCents', t('planChannel.fills.firstYearSales'), env.editable),
      textColumn<GridFill>('note', t('planChannel.fills.note'), 200, env.editable),
    ],
    [t, env, language],
  );

  const rows = useMemo<GridFill[]>(() => (plan?.fills ?? []).map((f) => ({ ...f, id: f.key })), [plan]);

  const onApply = useCallback(
    async (changes: GridChanges) => {
      const byKey = new Map((plan?.fills ?? []).map((f) => [f.key, f]));
      const input = changes.updates.flatMap((u) => {
        const f = byKey.get(String(u.id));
        return f ? [{ cityId: f.cityId, countyId: f.countyId, method: f.method ?? 'recruit', ...u.values }] : [];
      });
      if (input.length === 0) return;
      const outcome = await runCommand('plan.channel.fills.apply', { rows: input as never });
      if (!outcome.ok) throw gridError(outcome.error);
    },
    [plan],
  );

  const removeSelected = async () => {
    const keys = new Set((grid.current?.selectedRowIds() ?? []).map(String));
    const ids = (plan?.fills ?? []).filter((f) => keys.has(f.key) && f.planId !== null).map((f) => f.planId!);
    if (ids.length > 0) await run(runCommand('plan.channel.fills.remove', { ids }));
  };

  return (
    <section className="chp__section chp__section--fills" data-testid="channel-fills">
      <div className="chp__section-head">
        <h2 className="section-title">{t('planChannel.fills.title')}</h2>
        <span className="chp__hint">{t('planChannel.fills.hint')}</span>
      </div>
      <div className="chp__grid">
        <DataGrid<GridFill>
          gridId="plan.channel.fills"
          columns={columns}
          rows={rows}
          onApply={onApply}
          handle={grid}
          testId="channel-fills-grid"
          appendRows={false}
          totals
          emptyText={t('planChannel.fills.empty')}
          toolbar={
            env.editable && (
              <>
                <button type="button" className="btn btn--small" onClick={() => setAdding(true)} data-testid="channel-fills-add">
                  {t('planChannel.fills.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void removeSelected()} data-testid="channel-fills-remove">
                  {t('planChannel.fills.remove')}
                </button>
              </>
            )
          }
        />
      </div>
      {adding && plan && <AddAreaDialog plan={plan} language={language} onClose={() => setAdding(false)} run={run} />}
    </section>
  );
}

interface AddAreaProps {
  plan: ChannelPlan;
  language: ColumnEnv['language'];
  onClose: () => void;
  run: (p: ReturnType<typeof runCommand>) => Promise<boolean>;
}

function AddAreaDialog({ plan, language: lang, onClose, run }: AddAreaProps) {
  const { t } = useTranslation();
  const [cityId, setCityId] = useState<number>(plan.refs.cities[0]?.id ?? 0);
  const [countyId, setCountyId] = useState<number | ''>('');
  const counties = plan.refs.counties.filter((c) => c.cityId === cityId);
  const add = async () => {
    const ok = await run(runCommand('plan.channel.fills.apply', { rows: [{ cityId, countyId: countyId === '' ? null : countyId, method: 'recruit' }] }));
    if (ok) onClose();
  };
  return (
    <Modal
      title={t('planChannel.fills.addTitle')}
      onClose={onClose}
      testId="channel-fills-add-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('planChannel.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void add()} data-testid="channel-fills-add-ok" disabled={!cityId}>
            {t('planChannel.fills.addOk')}
          </button>
        </>
      }
    >
      <p className="chp__hint">{t('planChannel.fills.addHint')}</p>
      <div className="chp__form">
        <label>
          {t('planChannel.fills.city')}
          <select value={cityId} onChange={(e) => (setCityId(Number(e.target.value)), setCountyId(''))} data-testid="channel-fills-add-city">
            {plan.refs.cities.map((c) => (
              <option key={c.id} value={c.id}>
                {placeName(c.provinceName, 'province', lang)} · {placeName(c.name, 'city', lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planChannel.fills.county')}
          <select value={countyId} onChange={(e) => setCountyId(e.target.value === '' ? '' : Number(e.target.value))} data-testid="channel-fills-add-county">
            <option value="">{t('planChannel.fills.cityWhole')}</option>
            {counties.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Modal>
  );
}
