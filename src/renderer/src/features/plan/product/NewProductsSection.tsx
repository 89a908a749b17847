import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewProductInfo, ProductPlan } from '../../../../../shared/endpoints/planProduct';
import { formatAmount, formatPercent, unitLabel } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useApp } from '../../../app/AppContext';
import { errorText } from '../../../i18n';
import { DataGrid, GridApplyError, type DataGridHandle, type GridChanges, type GridColumn, type GridRow, type ParseResult } from '../../../grid';
import { editText, parseFigure } from '../../targets/format';
import { formatPeriod, parsePlanMonth } from '../../../../../shared/units';
import { parseNames, parsePercent } from './productText';

// 新品上市 The new products: each new SKU's launch month, channels, target distribution,
// target sales and promotion support, and their total against the new-product target
// the sales targets give (the plan's sales of SKUs flagged new) and head office's.

interface Row extends GridRow {
  id: number;
  code: string;
  name: string;
  launchPeriod: number;
  channelIds: number[];
  targetDistribution: number;
  targetCents: number;
  planCents: number;
  promotionId: number | null;
  supportCents: number;
  note: string;
}

const toRow = (p: NewProductInfo): Row => ({
  id: p.skuId,
  code: p.code,
  name: p.name,
  launchPeriod: p.launchPeriod,
  channelIds: p.channelIds,
  targetDistribution: p.targetDistribution,
  targetCents: p.targetCents,
  planCents: p.planCents,
  promotionId: p.promotionId,
  supportCents: p.supportCents,
  note: p.note,
});

export function NewProductsSection({ plan, readOnly }: { plan: ProductPlan; readOnly: boolean }) {
  const { t } = useTranslation();
  const app = useApp();
  const language = app.language;
  const unit = app.summary?.displayUnit ?? 'wan';
  const unitText = unitLabel(unit, language);
  const [pick, setPick] = useState<number | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const grid = useRef<DataGridHandle>(null);
  const byId = useMemo(() => new Map(plan.newProducts.map((p) => [p.skuId, p])), [plan.newProducts]);

  const columns = useMemo<GridColumn<Row>[]>(() => {
    const env = { measure: 'amount' as const, unit, language };
    const money = (field: 'targetCents' | 'supportCents' | 'planCents', header: string, editable: boolean): GridColumn<Row> => ({
      field,
      header,
      kind: 'money',
      width: 130,
      total: true,
      editable: editable && !readOnly,
      format: (v) => formatAmount(Number(v ?? 0), unit, language),
      text: (v) => editText(Number(v ?? 0), env),
      parse: (text): ParseResult => {
        // A minus sign is read, and left to the core to refuse with its rule.
        const s = text.trim().replace(/^[-－−]/, '');
        const r = parseFigure(s, env);
        if (!r.ok) return { ok: false, reason: t(r.reason === 'tooBig' ? 'team.parse.tooBig' : 'team.parse.notNumber') };
        return { ok: true, value: s.length < text.trim().length ? -r.value : r.value };
      },
    });
    const channelNames = (ids: unknown) =>
      Array.isArray(ids) ? ids.map((id) => plan.channels.find((c) => c.id === id)?.name ?? `#${String(id)}`).join('、') : '';
    const promotionName = (id: unknown, row: Row) => {
      if (id === null || id === undefined) return '';
      const linked = byId.get(row.id)?.promotion;
      if (linked && row.promotionId === id) return linked.name;
      const option = plan.options.promotions.find((p) => p.id === id);
      return option?.name ?? t('planProduct.newProducts.promotionMissing');
    };
    return [
      { field: 'code', header: t('planProduct.newProducts.col.code'), kind: 'text', width: 100, pinned: true },
      { field: 'name', header: t('planProduct.newProducts.col.name'), kind: 'text', width: 190, pinned: true },
      {
        field: 'launchPeriod',
        header: t('planProduct.newProducts.col.launch'),
        kind: 'text',
        width: 100,
        required: true,
        editable: !readOnly,
        format: (v) => (typeof v === 'number' ? formatPeriod(v) : ''),
        parse: (text) => {
          const p = parsePlanMonth(text, plan.planYear);
          return p === null ? { ok: false, reason: t('planProduct.newProducts.parse.month', { text: text.trim(), year: plan.planYear }) } : { ok: true, value: p };
        },
      },
      {
        field: 'channelIds',
        header: t('planProduct.newProducts.col.channels'),
        kind: 'text',
        width: 170,
        editable: !readOnly,
        format: channelNames,
        text: channelNames,
        parse: (text) => {
          const r = parseNames(text, plan.channels);
          return 'ids' in r ? { ok: true, value: r.ids } : { ok: false, reason: t('planProduct.newProducts.parse.channel', { text: r.unknown }) };
        },
      },
      {
        field: 'targetDistribution',
        header: t('planProduct.newProducts.col.distribution'),
        kind: 'percent',
        width: 110,
        editable: !readOnly,
        format: (v) => formatPercent(typeof v === 'number' ? v : null, language, 0),
        text: (v) => (typeof v === 'number' ? String(Math.round(v * 10_000) / 100) : ''),
        parse: (text) => {
          const p = parsePercent(text);
          return p === null ? { ok: false, reason: t('planProduct.newProducts.parse.percent', { text: text.trim() }) } : { ok: true, value: p };
        },
      },
      money('targetCents', t('planProduct.newProducts.col.target', { unit: unitText }), true),
      money('planCents', t('planProduct.newProducts.col.plan', { unit: unitText }), false),
      {
        field: 'promotionId',
        header: t('planProduct.newProducts.col.promotion'),
        kind: 'text',
        width: 150,
        editable: !readOnly,
        format: promotionName,
        text: promotionName,
        parse: (text) => {
          const s = text.trim();
          if (s === '') return { ok: true, value: null };
          const hit = plan.options.promotions.find((p) => p.name === s);
          return hit ? { ok: true, value: hit.id } : { ok: false, reason: t('planProduct.newProducts.parse.promotion', { text: s }) };
        },
      },
      money('supportCents', t('planProduct.newProducts.col.support', { unit: unitText }), true),
      { field: 'note', header: t('planProduct.newProducts.col.note'), kind: 'text', width: 240, editable: !readOnly },
    ];
  }, [plan, byId, readOnly, unit, unitText, language, t]);

  const rows = useMemo(() => plan.newProducts.map(toRow), [plan.newProducts]);

  const onApply = useCallback(async (changes: GridChanges) => {
    const input = changes.updates.map((u) => {
      const v = u.values;
      return {
        skuId: Number(u.id),
        ...('launchPeriod' in v ? { launchPeriod: Number(v.launchPeriod) } : {}),
        ...('channelIds' in v ? { channelIds: (v.channelIds as number[] | null) ?? [] } : {}),
        ...('targetDistribution' in v ? { targetDistribution: Number(v.targetDistribution ?? 0) } : {}),
        ...('targetCents' in v ? { targetCents: Number(v.targetCents ?? 0) } : {}),
        ...('supportCents' in v ? { supportCents: Number(v.supportCents ?? 0) } : {}),
        ...('promotionId' in v ? { promotionId: (v.promotionId as number | null) ?? null } : {}),
        ...('note' in v ? { note: String(v.note ?? '') } : {}),
      };
    });
    if (input.length === 0) return;
    const outcome = await runCommand('plan.product.applyNewProducts', { rows: input });
    if (!outcome.ok) throw new GridApplyError([{ message: errorText(outcome.error) }]);
  }, []);

  const add = async () => {
    if (pick === '') return;
    setNotice(null);
    const outcome = await runCommand('plan.product.applyNewProducts', { rows: [{ skuId: pick }] });
    if (!outcome.ok) setNotice(errorText(outcome.error));
    else setPick('');
  };
  const remove = async () => {
    const ids = (grid.current?.selectedRowIds() ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0);
    if (ids.length === 0) return;
    setNotice(null);
    const outcome = await runCommand('plan.product.removeNewProducts', { skuIds: [...new Set(ids)] });
    if (!outcome.ok) setNotice(errorText(outcome.error));
  };

  const n = plan.newTotals;
  const amount = (v: number) => formatAmount(v, unit, language, { withUnit: true });
  const tone = (gap: number) => (gap < 0 ? 'short' : gap > 0 ? 'over' : undefined);
  const tile = (key: string, label: string, value: number | null, options: { tone?: string; title?: string } = {}) => (
    <div className={`pp-tile${options.tone ? ` pp-tile--${options.tone}` : ''}`} data-testid={`plan-product-new-${key}`} data-value={value ?? ''} title={options.title}>
      <span className="pp-tile__label">{label}</span>
      <span className="pp-tile__value">{value === null ? '—' : amount(value)}</span>
    </div>
  );

  return (
    <section className="pp__section" data-testid="plan-product-new">
      <div className="pp__head">
        <h2 className="section-title">{t('planProduct.newProducts.title')}</h2>
        <span className="pp__hint">{t('planProduct.newProducts.intro')}</span>
      </div>
      <div className="pp__tiles">
        {tile('planned', t('planProduct.newProducts.planned'), n.plannedCents)}
        {/* Without a plan there is no derived target to fall short of. */}
        {tile('derived', t('planProduct.newProducts.derived'), plan.seeded ? n.derivedCents : null, { title: t('planProduct.newProducts.derivedHint') })}
        {tile('gap', t('planProduct.newProducts.gap'), plan.seeded ? n.gapCents : null, { tone: plan.seeded ? tone(n.gapCents) : undefined })}
        {tile('ho', t('planProduct.newProducts.ho'), n.hoCents)}
        {tile('hoGap', t('planProduct.newProducts.hoGap'), n.hoCents > 0 ? n.hoGapCents : null, { tone: n.hoCents > 0 ? tone(n.hoGapCents) : undefined })}
        {tile('support', t('planProduct.newProducts.support'), n.supportCents)}
      </div>
      <div className="pp__grid" style={{ height: Math.min(420, 128 + rows.length * 32) }}>
        <DataGrid<Row>
          gridId="plan.product.newProducts"
          columns={columns}
          rows={rows}
          onApply={onApply}
          appendRows={false}
          totals
          handle={grid}
          testId="plan-product-new-grid"
          emptyText={t('planProduct.newProducts.empty')}
          toolbar={
            readOnly ? undefined : (
              <>
                <select value={pick} onChange={(e) => setPick(e.target.value === '' ? '' : Number(e.target.value))} data-testid="plan-product-new-pick" aria-label={t('planProduct.newProducts.pickSku')}>
                  <option value="">{plan.options.newSkus.length > 0 ? t('planProduct.newProducts.pickSku') : t('planProduct.newProducts.noNewSkus')}</option>
                  {plan.options.newSkus.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.code} {s.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="btn btn--small" disabled={pick === ''} onClick={() => void add()} data-testid="plan-product-new-add">
                  {t('planProduct.newProducts.add')}
                </button>
                <button type="button" className="btn btn--small" onClick={() => void remove()} data-testid="plan-product-new-remove">
                  {t('planProduct.newProducts.remove')}
                </button>
                {notice && (
                  <span className="md-notice" role="status" data-testid="plan-product-new-notice">
                    {notice}
                  </span>
                )}
              </>
            )
          }
        />
      </div>
    </section>
  );
}
