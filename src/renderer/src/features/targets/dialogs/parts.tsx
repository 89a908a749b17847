import { useTranslation } from 'react-i18next';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { EChart } from '../../../components/chart/EChart';
import { errorText } from '../../../i18n';
import type { AppErrorData } from '../../../../../shared/errors';

export { CHART_GRID_LINE, CHART_TEXT, escapeHtml, OTHER_COLORS, OURS_COLOR, TOOLTIP_STYLE } from '../../../components/chart/chartStyle';

export type DialogChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** A dialog's chart, at a fixed height. */
export function DialogChart({ option, label, testId, height = 240 }: { option: DialogChartOption; label: string; testId: string; height?: number }) {
  return <EChart option={option} label={label} testId={testId} className="td-chart" style={{ height }} />;
}

/** Loading (before the first answer) and read errors, inline. */
export function LoadNote({ query }: { query: { data: unknown; error: AppErrorData | null; loading: boolean } }) {
  const { t } = useTranslation();
  if (query.error) return <ErrorNote error={query.error} />;
  if (query.loading && query.data === null) return <p className="muted td-note">{t('targetDialogs.loading')}</p>;
  return null;
}

export function ErrorNote({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <p className="inline-error td-note" role="alert" data-testid="target-dialog-error">
      {t('targetDialogs.loadFailed', { message: errorText(error) })}
    </p>
  );
}
