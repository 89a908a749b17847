import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { POSITION_LEVELS, type PositionLevel, type ProductPlan } from '../../../../../shared/endpoints/planProduct';
import { catalogs } from '../../../../../shared/i18n';
import { runCommand } from '../../../api/commands';
import { errorText } from '../../../i18n';
import { DataGrid, GridApplyError, type GridChanges, type GridColumn, type GridRow } from '../../../grid';
import { parseLevel } from './productText';

// 渠道定位 The channel positioning: brands and categories × channels, each cell a focus,
// sold as usual, or not sold. A spreadsheet-like grid: type, paste, fill down, clear
// (back to normal); each action is one undo step.

interface Row extends GridRow {
  id: string;
  group: string;
  name: string;
}

const channelField = (id: number) => `ch${id}`;
/** The labels of every UI language, so a word typed or pasted in any of them is read. */
const LEVEL_LABELS = Object.values(catalogs).map((c) => c.planProduct.position.level);

export function PositionSection({ plan, readOnly }: { plan: ProductPlan; readOnly: boolean }) {
  const { t } = useTranslation();
  const levelText = useCallback((v: unknown) => (POSITION_LEVELS.includes(v as PositionLevel) ? t(`planProduct.position.level.${v as PositionLevel}`) : ''), [t]);

  const rows = useMemo<Row[]>(() => {
    const focus = new Map(plan.positions.map((p) => [`${p.dim}:${p.id}:${p.channelId}`, p.focus]));
    const make = (dim: 'brand' | 'category', id: number, name: string): Row => {
      const row: Row = { id: `${dim}:${id}`, group: t(`planProduct.position.${dim === 'brand' ? 'brandGroup' : 'categoryGroup'}`), name };
      for (const ch of plan.channels) row[channelField(ch.id)] = focus.get(`${dim}:${id}:${ch.id}`) ?? 'normal';
      return row;
    };
    return [...plan.brands.map((b) => make('brand', b.id, b.name)), ...plan.categories.map((c) => make('category', c.id, c.name))];
  }, [plan, t]);

  const columns = useMemo<GridColumn<Row>[]>(
    () => [
      { field: 'group', header: t('planProduct.position.rowHeader'), kind: 'text', width: 90, pinned: true },
      { field: 'name', header: t('planProduct.mix.col.name'), kind: 'text', width: 130, pinned: true },
      ...plan.channels.map(
        (ch): GridColumn<Row> => ({
          field: channelField(ch.id),
          header: ch.name,
          kind: 'text',
          width: 104,
          editable: !readOnly,
          format: levelText,
          text: levelText,
          parse: (text) => {
            const level = parseLevel(text, LEVEL_LABELS);
            return level ? { ok: true, value: level } : { ok: false, reason: t('planProduct.position.unknownLevel', { text: text.trim() }) };
          },
          cellClass: (v) => `pp-level pp-level--${String(v ?? 'normal')}`,
        }),
      ),
    ],
    [plan.channels, readOnly, levelText, t],
  );

  const onApply = useCallback(async (changes: GridChanges) => {
    const cells = changes.updates.flatMap((u) => {
      const [dim, id] = String(u.id).split(':');
      return Object.entries(u.values)
        .filter(([field]) => field.startsWith('ch'))
        .map(([field, value]) => ({
          dim: dim as 'brand' | 'category',
          id: Number(id),
          channelId: Number(field.slice(2)),
          focus: (value ?? 'normal') as PositionLevel,
        }));
    });
    if (cells.length === 0) return;
    const outcome = await runCommand('plan.product.setPositions', { cells });
    if (!outcome.ok) throw new GridApplyError([{ message: errorText(outcome.error) }]);
  }, []);

  return (
    <section className="pp__section" data-testid="plan-product-positions">
      <div className="pp__head">
        <h2 className="section-title">{t('planProduct.position.title')}</h2>
        <span className="pp__hint">{t('planProduct.position.intro')}</span>
        <span className="pp__legend" aria-hidden="true">
          {POSITION_LEVELS.map((l) => (
            <span key={l} className={`pp-level pp-level--${l}`}>
              {t(`planProduct.position.level.${l}`)}
            </span>
          ))}
        </span>
      </div>
      {plan.channels.length === 0 ? (
        <p className="pp__empty">{t('planProduct.position.noChannels')}</p>
      ) : (
        <div className="pp__grid" style={{ height: Math.min(560, 120 + rows.length * 32) }}>
          <DataGrid<Row>
            gridId="plan.product.positions"
            columns={columns}
            rows={rows}
            onApply={onApply}
            appendRows={false}
            filterBox={false}
            testId="plan-product-position-grid"
            emptyText={t('planProduct.mix.empty')}
          />
        </div>
      )}
    </section>
  );
}
