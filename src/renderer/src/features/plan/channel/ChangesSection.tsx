import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ABC_CLASSES, CHANGE_KINDS, type ChangeKind, type ChangeRow, type ChannelPlan } from '../../../../../shared/endpoints/planChannel';
import { CUSTOMER_TIERS } from '../../../../../shared/endpoints/analysisCustomers';
import { runCommand } from '../../../api/commands';
import { Modal } from '../../../components/Modal';
import { DataGrid, type DataGridHandle, type GridChanges, type GridColumn } from '../../../grid';
import { tKey } from '../../masterData/columns';
import { gridError, money } from '../../team/teamFormat';
import { choiceColumn, monthColumn, moneyColumn, textColumn, withUnit, type ColumnEnv } from './channelFormat';

// Develop and upgrade: planned changes to existing customers, each with a month and a
// reason, and whether the master data (or this year's class) already shows it.

type GridChange = ChangeRow & { [field: string]: unknown };
type Run = (p: ReturnType<typeof runCommand>) => Promise<boolean>;

export function ChangesSection({ env, run }: { env: ColumnEnv; run: Run }) {
  const { t } = useTranslation();
  const { plan, unit, language } = env;
  const grid = useRef<DataGridHandle>(null);
  const [adding, setAdding] = useState(false);
  const when = (kind: ChangeKind) => (row: GridChange) => env.editable && row.kind === kind;

  const columns = useMemo<GridColumn<GridChange>[]>(
    () => [
      { ...textColumn<GridChange>('customer', t('planChannel.changes.customer'), 170), pinned: true, format: (_v, r) => r.customer.name },
      { ...textColumn<GridChange>('tierNow', t('planChannel.changes.tierNow'), 90), format: (_v, r) => tKey(t, `planChannel.tier.${r.customer.tier}`) },
      choiceColumn<GridChange>(env, 'kind', t('planChannel.changes.kind'), CHANGE_KINDS, 'planChannel.kind', { width: 130 }),
      monthColumn<GridChange>(env, 'period', t('planChannel.changes.period'), 90, true),
      choiceColumn<GridChange>(env, 'toTier', t('planChannel.changes.toTier'), CUSTOMER_TIERS, 'planChannel.tier', { width: 96, editable: when('tier'), nullable: true }),
      {
        ...choiceColumn<GridChange>(env, 'toAbc', t('planChannel.changes.toAbc'), ABC_CLASSES, 'planChannel.abc', { width: 80, editable: when('abc'), nullable: true }),
        format: (v) => (typeof v === 'string' ? v : ''),
        text: (v) => (typeof v === 'string' ? v : ''),
        parse: (text) => {
          const s = text.trim().toUpperCase();
          if (s === '') return { ok: true, value: null };
          return (ABC_CLASSES as readonly string[]).includes(s) ? { ok: true, value: s } : { ok: false, reason: t('planChannel.parse.unknown', { text }) };
        },
      },
      { ...textColumn<GridChange>('abcNow', t('planChannel.changes.abcNow'), 80), format: (v) => (typeof v === 'string' ? v : '–'), cellClass: () => 'chp-derived' },
      { ...moneyColumn<GridChange>(env, 'toCreditCents', t('planChannel.changes.toCredit'), when('credit')), total: false },
      {
        ...textColumn<GridChange>('creditNow', withUnit(env, t('planChannel.changes.creditNow')), 130),
        format: (_v, r) => money(r.customer.creditLimitCents, unit, language),
        cellClass: () => 'chp-derived chp-num',
      },
      textColumn<GridChange>('reason', t('planChannel.changes.reason'), 220, env.editable),
      {
        ...textColumn<GridChange>('done', t('planChannel.changes.done'), 80),
        format: (v) => (v ? t('planChannel.changes.isDone') : t('planChannel.changes.notDone')),
        cellClass: (v) => (v ? 'chp-state chp-state--done' : 'chp-state chp-state--open'),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `when` reads env only
    [t, env, unit, language],
  );

  const rows = useMemo<GridChange[]>(() => (plan?.changes ?? []).map((c) => ({ ...c })), [plan]);

  const onApply = useCallback(async (changes: GridChanges) => {
    const input = changes.updates.map((u) => ({ id: Number(u.id), ...u.values }));
    if (input.length === 0) return;
    const outcome = await runCommand('plan.channel.changes.apply', { rows: input as never });
    if (!outcome.ok) throw gridError(outcome.error);
  }, []);

  const remove = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length > 0) await run(runCommand('plan.channel.changes.remove', { ids }));
  };

  return (
    <section className="chp__section chp__section--changes" data-testid="channel-changes">
      <div className="chp__section-head">
        <h2 className="section-title">{t('planChannel.changes.title')}</h2>
        <span className="chp__hint">{t('planChannel.changes.hint')}</span>
      </div>
      <div className="chp__grid">
        <DataGrid<GridChange>
          gridId="plan.channel.changes"
          columns={columns}
          rows={rows}
          onApply={onApply}
          handle={grid}
          testId="channel-changes-grid"
          appendRows={false}
          emptyText={t('planChannel.changes.empty')}
          toolbar={
            env.editable && (
              <>
                <button type="button" className="btn btn--small" onClick={() => setAdding(true)} data-testid="channel-changes-add">
                  {t('planChannel.changes.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="channel-changes-remove">
                  {t('planChannel.changes.remove')}
                </button>
              </>
            )
          }
        />
      </div>
      {adding && plan && <AddChangeDialog plan={plan} onClose={() => setAdding(false)} run={run} />}
    </section>
  );
}

function AddChangeDialog({ plan, onClose, run }: { plan: ChannelPlan; onClose: () => void; run: Run }) {
  const { t } = useTranslation();
  const customers = plan.refs.customers.filter((c) => c.status === 'active');
  const [customerId, setCustomerId] = useState<number>(customers[0]?.id ?? 0);
  const [kind, setKind] = useState<ChangeKind>('credit');
  const [month, setMonth] = useState(1);
  const add = async () => {
    const c = customers.find((x) => x.id === customerId);
    const row = {
      customerId,
      kind,
      period: plan.planYear * 100 + month,
      ...(kind === 'upgrade' ? { toTier: 'distributor' as const } : {}),
      ...(kind === 'credit' && c ? { toCreditCents: c.creditLimitCents } : {}),
    };
    if (await run(runCommand('plan.channel.changes.apply', { rows: [row] }))) onClose();
  };
  return (
    <Modal
      title={t('planChannel.changes.addTitle')}
      onClose={onClose}
      testId="channel-changes-add-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('planChannel.cancel')}
          </button>
          <button type="button" className="btn btn--primary" onClick={() => void add()} disabled={!customerId} data-testid="channel-changes-add-ok">
            {t('planChannel.changes.addOk')}
          </button>
        </>
      }
    >
      <div className="chp__form">
        <label>
          {t('planChannel.changes.addCustomer')}
          <select value={customerId} onChange={(e) => setCustomerId(Number(e.target.value))} data-testid="channel-changes-add-customer">
            {customers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} {c.name} · {tKey(t, `planChannel.tier.${c.tier}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planChannel.changes.addKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as ChangeKind)} data-testid="channel-changes-add-kind">
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {tKey(t, `planChannel.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('planChannel.changes.addPeriod')}
          <select value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="channel-changes-add-month">
            {Array.from({ length: 12 }, (_, i) => (
              <option key={i + 1} value={i + 1}>
                {plan.planYear}-{String(i + 1).padStart(2, '0')}
              </option>
            ))}
          </select>
        </label>
      </div>
    </Modal>
  );
}
