import { basename } from 'node:path';
import type { TargetInput } from '../../../shared/hq';
import { readDataRows } from '../io/dataFile';

// Head office's national target by region × month from a spreadsheet or CSV it keeps (or
// exports from its own planning tool): one row per region and month. Headers in Chinese or
// English; amounts in whole 元 (a region keeps its target in whole 元), volumes in whole cases.

const COLUMNS = {
  region: ['區域', '区域', '區域名稱', '区域名称', 'region'],
  month: ['月份', '月', 'month'],
  amount: ['銷售額目標（元）', '销售额目标（元）', '銷售額目標', '销售额目标', '目標金額', '目标金额', 'amount', 'amount (yuan)', 'sales target (yuan)'],
  volume: ['銷量目標（箱）', '销量目标（箱）', '銷量目標', '销量目标', '銷量', '销量', 'volume', 'volume (cases)'],
} as const;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\(/g, '（').replace(/\)/g, '）');

/** Reads the targets; any bad row makes it throw with the file's row number and what is wrong (nothing is set). */
export async function readNationalTargets(path: string): Promise<TargetInput[]> {
  const { info, rows, rowNumbers } = await readDataRows(path);
  const headers = info.headers.map(norm);
  const col = (key: keyof typeof COLUMNS): number => headers.findIndex((h) => COLUMNS[key].some((name) => norm(name) === h));
  const at = { region: col('region'), month: col('month'), amount: col('amount'), volume: col('volume') };
  const missing = (['region', 'month', 'amount'] as const).filter((k) => at[k] < 0);
  if (missing.length > 0) {
    throw new Error(`${basename(path)}: no column for ${missing.map((k) => `${k} (${COLUMNS[k][0]})`).join(', ')}; the headers are ${info.headers.join(', ')}`);
  }
  const problems: string[] = [];
  const out: TargetInput[] = [];
  rows.forEach((row, i) => {
    const where = `${basename(path)}:${rowNumbers[i]}`;
    const region = (row[at.region] ?? '').trim();
    const month = Number((row[at.month] ?? '').trim().replace(/月$/, ''));
    const amountText = (row[at.amount] ?? '').trim().replace(/,/g, '');
    const volumeText = at.volume < 0 ? '' : (row[at.volume] ?? '').trim().replace(/,/g, '');
    if (!region) problems.push(`${where}: no region`);
    if (!Number.isInteger(month) || month < 1 || month > 12) problems.push(`${where}: month “${row[at.month] ?? ''}” is not 1–12`);
    if (!/^\d+(\.0*)?$/.test(amountText)) problems.push(`${where}: amount “${row[at.amount] ?? ''}” is not a whole number of 元 (not negative)`);
    if (volumeText !== '' && !/^\d+$/.test(volumeText)) problems.push(`${where}: volume “${row[at.volume] ?? ''}” is not a whole number of cases`);
    out.push({ region, month, amountCents: Number(amountText.split('.')[0]) * 100, volume: volumeText === '' ? 0 : Number(volumeText) });
  });
  if (problems.length > 0) throw new Error(problems.slice(0, 20).join('\n') + (problems.length > 20 ? `\n… and ${problems.length - 20} more` : ''));
  return out;
}
