// Column widths and hidden columns, remembered per grid id in localStorage. Bad or
// missing stored values fall back to the column's defaults.

export interface GridPrefs {
  widths: Record<string, number>;
  hidden: string[];
  /** False when nothing was stored yet: the columns' own defaults apply. */
  stored?: boolean;
}

const key = (gridId: string) => `regionplan.grid.${gridId}`;

export function loadPrefs(gridId: string): GridPrefs {
  try {
    const raw = window.localStorage.getItem(key(gridId));
    if (!raw) return { widths: {}, hidden: [] };
    const parsed = JSON.parse(raw) as Partial<GridPrefs>;
    const widths: Record<string, number> = {};
    for (const [k, v] of Object.entries(parsed.widths ?? {})) if (typeof v === 'number' && v >= 30 && v <= 2000) widths[k] = v;
    const hidden = Array.isArray(parsed.hidden) ? parsed.hidden.filter((h): h is string => typeof h === 'string') : [];
    return { widths, hidden: Array.isArray(parsed.hidden) ? hidden : [], stored: Array.isArray(parsed.hidden) };
  } catch {
    return { widths: {}, hidden: [] };
  }
}

export function savePrefs(gridId: string, prefs: GridPrefs): void {
  try {
    window.localStorage.setItem(key(gridId), JSON.stringify({ widths: prefs.widths, hidden: prefs.hidden }));
  } catch {
    // Storage full or disabled: the grid still works, it just forgets.
  }
}
