import { POSITION_LEVELS, type PositionLevel } from '../../../../../shared/endpoints/planProduct';

// What a manager types into the product plan's grids, read back: positioning words in
// any of the UI's languages, launch months, channel lists and percentages. Ranges (a
// month outside the plan year, a distribution over 100%) are the core's to refuse, so
// that its message, naming the rule, is the one shown.

const fullWidth = (s: string) =>
  s
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, '.')
    .replace(/[－−]/g, '-')
    .replace(/％/g, '%')
    .trim();

/** A positioning typed as any language's label, the code, or a mark (★ ● focus, – ✕ not sold). */
export function parseLevel(text: string, labels: readonly Record<PositionLevel, string>[]): PositionLevel | null {
  const s = text.trim().toLowerCase();
  if (s === '') return 'normal';
  if (s === '★' || s === '●') return 'focus';
  if (s === '✕' || s === '×' || s === 'x') return 'not_sold';
  for (const level of POSITION_LEVELS) {
    if (s === level || s === level.replace('_', ' ')) return level;
    if (labels.some((l) => l[level].toLowerCase() === s)) return level;
  }
  return null;
}

/** A percentage typed as "55" or "55%" → the fraction 0.55 (a number is always read as percent). */
export function parsePercent(text: string): number | null {
  const s = fullWidth(text).replace(/%$/, '').trim();
  if (s === '') return 0;
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return Math.round(Number(s) * 100) / 10_000;
}

/** Names separated by 、 , ， ; ； / or spaces → the ids of the named items; the first unknown name is reported. */
export function parseNames(text: string, items: readonly { id: number; name: string }[]): { ids: number[] } | { unknown: string } {
  const ids: number[] = [];
  for (const raw of text.split(/[、,，;；/\n]+/)) {
    const name = raw.trim();
    if (name === '') continue;
    const hit = items.find((i) => i.name === name) ?? items.find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (!hit) return { unknown: name };
    if (!ids.includes(hit.id)) ids.push(hit.id);
  }
  return { ids };
}
