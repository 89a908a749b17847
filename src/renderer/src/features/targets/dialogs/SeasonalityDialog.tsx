import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TooltipComponentFormatterCallbackParams } from 'echarts';
import { formatPercent, intlLocale, type Language } from '../../../../../shared/units';
import { runCommand } from '../../../api/commands';
import { useQuery } from '../../../api/queries';
import { useApp } from '../../../app/AppContext';
import { Modal } from '../../../components/Modal';
import { monthNames } from '../../overview/chartOption';
import { CHART_GRID_LINE, CHART_TEXT, DialogChart, escapeHtml, LoadNote, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE, type DialogChartOption } from './parts';
import { sum } from './format';
import './targetDialogs.css';

// The version's seasonality: 12 monthly weights averaging 1, from history or the
// user's own, with a small chart against history's. Read-only for snapshots.

interface SeasonalityDialogProps {
  versionId: number;
  readOnly: boolean;
  onClose(): void;
}

function weightText(w: number): string {
  return (Math.round(w * 1000) / 1000).toFixed(3);
}

function parseWeight(text: string): number | null {
  const cleaned = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) && n >= 0 && n <= 1e6 ? n : null;
}

function chartOption(weights: number[], history: number[], language: Language, t: TFunction): DialogChartOption {
  const months = monthNames(language);
  const num = new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return {
    textStyle: { color: CHART_TEXT },
    grid: { left: 4, right: 8, top: 34, bottom: 2, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12.5, color: CHART_TEXT } },
    tooltip: {
      trigger: 'axis',
      ...TOOLTIP_STYLE,
      formatter: (params: TooltipComponentFormatterCallbackParams) => {
        const list = Array.isArray(params) ? params : [params];
        const m = list[0]?.dataIndex ?? 0;
        const rows = list.map((p) => {
          const value = (p.seriesIndex === 0 ? weights : history)[m] ?? 0;
          const marker = typeof p.marker === 'string' ? p.marker : '';
          return `<div style="margin-top:4px">${marker}${escapeHtml(p.seriesName ?? '')}<b style="float:right;margin-left:20px">${escapeHtml(num.format(value))}</b></div>`;
        });
        return `<div style="font-weight:600">${escapeHtml(months[m] ?? '')}</div>${rows.join('')}`;
      },
    },
    xAxis: { type: 'category', data: months, axisTick: { show: false }, axisLine: { lineStyle: { color: '#c9d1db' } }, axisLabel: { color: CHART_TEXT, fontSize: 11.5 } },
    yAxis: { type: 'value', min: 0, splitLine: { lineStyle: { color: CHART_GRID_LINE } }, axisLabel: { color: CHART_TEXT, fontSize: 11.5 } },
    series: [
      { type: 'bar', name: t('targetDialogs.seasonality.weight'), data: weights, itemStyle: { color: OURS_COLOR, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 22 },
      {
        type: 'line',
        name: t('targetDialogs.seasonality.history'),
        data: history,
        itemStyle: { color: OTHER_COLORS[0] },
        lineStyle: { color: OTHER_COLORS[0], width: 2, type: 'dashed' },
        symbol: 'circle',
        symbolSize: 5,
        z: 3,
      },
    ],
  };
}

export function SeasonalityDialog({ versionId, readOnly, onClose }: SeasonalityDialogProps) {
  const { t } = useTranslation();
  const app = useApp();
  const language = app.language;
  const season = useQuery('targets.seasonality', { versionId });
  // A failed read shows its error instead of the last answer.
  const info = season.error ? null : season.data;
  /** The user's edits as typed; null: nothing edited, show the saved profile. */
  const [draft, setDraft] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const texts = draft ?? (info ? info.profile.map(weightText) : Array.from({ length: 12 }, () => ''));
  const parsed = texts.map(parseWeight);
  const invalid = parsed.some((w) => w === null);
  const weights = parsed.map((w) => w ?? 0);
  const total = sum(weights);
  const allZero = !invalid && total <= 0;
  const months = monthNames(language);
  const textKey = texts.join('|');
  const option = useMemo(
    () => (info ? chartOption(textKey.split('|').map((x) => parseWeight(x) ?? 0), info.fromHistory, language, t) : null),
    [info, textKey, language, t],
  );

  const save = async (profile: number[] | null) => {
    setBusy(true);
    const outcome = await runCommand('targets.setSeasonality', { versionId, profile });
    setBusy(false);
    if (outcome.ok) setDraft(null);
    else app.showError({ titleKey: 'errors.saveTitle', data: outcome.error });
  };

  return (
    <Modal
      title={t('targetDialogs.seasonality.title')}
      onClose={onClose}
      wide
      testId="seasonality-dialog"
      footer={
        readOnly ? (
          <button type="button" className="btn btn--primary" onClick={onClose}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn td-footer-left"
              disabled={busy || !info || (!info.custom && draft === null)}
              onClick={() => void save(null)}
              data-testid="seasonality-reset"
            >
              {t('targetDialogs.seasonality.reset')}
            </button>
            <button type="button" className="btn" onClick={onClose} disabled={busy}>
              {t('common.close')}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy || draft === null || invalid || allZero}
              onClick={() => void save(weights)}
              data-testid="seasonality-save"
            >
              {busy ? t('common.working') : t('targetDialogs.seasonality.save')}
            </button>
          </>
        )
      }
    >
      <div className="td td--season">
        <p className="td-intro">{t('targetDialogs.seasonality.intro')}</p>
        {readOnly && <p className="td-readonly">{t('targetDialogs.seasonality.readOnly')}</p>}
        <LoadNote query={season} />
        {info && (
          <>
            <p className="td-summary td-source">
              <span>{t('targetDialogs.seasonality.source')}</span>
              <span className={info.custom ? 'td-badge td-badge--scenario' : 'td-badge'} data-testid="seasonality-source">
                {info.custom ? t('targetDialogs.seasonality.custom') : t('targetDialogs.seasonality.fromHistory')}
              </span>
            </p>
            {option && <DialogChart option={option} label={t('targetDialogs.seasonality.chart')} testId="seasonality-chart" height={190} />}
            <div className="td-scroll">
              <table className="td-table td-table--season">
                <thead>
                  <tr>
                    <th>{t('targetDialogs.month')}</th>
                    {months.map((m) => (
                      <th key={m} className="num">
                        {m}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t('targetDialogs.seasonality.weight')}</th>
                    {texts.map((text, i) => (
                      <td key={i} className="num">
                        <input
                          className={parsed[i] === null ? 'input td-num-input is-invalid' : 'input td-num-input'}
                          value={text}
                          inputMode="decimal"
                          disabled={readOnly || busy}
                          aria-label={`${months[i]} ${t('targetDialogs.seasonality.weight')}`}
                          onChange={(e) => {
                            const next = [...texts];
                            next[i] = e.target.value;
                            setDraft(next);
                          }}
                          data-testid="seasonality-weight"
                        />
                      </td>
                    ))}
                  </tr>
                  <tr>
                    <th scope="row">{t('targetDialogs.seasonality.share')}</th>
                    {weights.map((w, i) => (
                      <td key={i} className="num">
                        {formatPercent(total > 0 ? w / total : null, language)}
                      </td>
                    ))}
                  </tr>
                  <tr className="muted">
                    <th scope="row">{t('targetDialogs.seasonality.history')}</th>
                    {info.fromHistory.map((w, i) => (
                      <td key={i} className="num">
                        {weightText(w)}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
            {invalid && <p className="field__error">{t('targetDialogs.seasonality.invalid')}</p>}
            {allZero && <p className="field__error">{t('targetDialogs.seasonality.allZero')}</p>}
            {!readOnly && draft !== null && !invalid && !allZero && <p className="muted td-note">{t('targetDialogs.seasonality.normalised')}</p>}
          </>
        )}
      </div>
    </Modal>
  );
}
