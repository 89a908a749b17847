import { EChart } from '../../components/chart/EChart';
import type { SalesChartOption } from './chartOption';

interface SalesChartProps {
  option: SalesChartOption;
  label: string;
}

/** The overview's chart of actuals against head office's target. */
export function SalesChart({ option, label }: SalesChartProps) {
  return <EChart option={option} label={label} testId="sales-chart" className="chart" />;
}
