import { TARGET_DIMS, SPREAD_METHODS, type SpreadMethod, type TargetDim, type TargetMeasure } from '../../../../shared/endpoints/targets';

// The row hierarchy (presets and custom levels), the spread method and the measure,
// remembered in localStorage so the page opens the way the user left it.

export const HIERARCHY_PRESETS = {
  geo: ['province', 'city', 'customer'],
  product: ['brand', 'category', 'sku'],
  channel: ['channel', 'customer'],
  sales: ['salesperson', 'customer'],
  mix: ['province', 'channel', 'brand'],
} as const satisfies Record<string, readonly TargetDim[]>;
export type HierarchyPreset = keyof typeof HIERARCHY_PRESETS;
export const PRESET_NAMES = Object.keys(HIERARCHY_PRESETS) as HierarchyPreset[];

export const MAX_LEVELS = 5;

/** The preset these levels are, or null for a custom hierarchy. */
export function presetOf(levels: readonly TargetDim[]): HierarchyPreset | null {
  for (const name of PRESET_NAMES) {
    const p = HIERARCHY_PRESETS[name];
    if (p.length === levels.length && p.every((d, i) => d === levels[i])) return name;
  }
  return null;
}

export function validLevels(value: unknown): value is TargetDim[] {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= MAX_LEVELS &&
    value.every((d) => (TARGET_DIMS as readonly unknown[]).includes(d)) &&
    new Set(value).size === value.length
  );
}

const KEY = 'regionplan.targets.view';

export interface TargetsView {
  levels: TargetDim[];
  measure: TargetMeasure;
  method: SpreadMethod;
}

const DEFAULT_VIEW: TargetsView = { levels: [...HIERARCHY_PRESETS.geo], measure: 'amount', method: 'lastYear' };

export function loadView(): TargetsView {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<TargetsView> | null;
    if (!raw || typeof raw !== 'object') return DEFAULT_VIEW;
    return {
      levels: validLevels(raw.levels) ? raw.levels : DEFAULT_VIEW.levels,
      measure: raw.measure === 'volume' ? 'volume' : 'amount',
      method: (SPREAD_METHODS as readonly unknown[]).includes(raw.method) ? (raw.method as SpreadMethod) : DEFAULT_VIEW.method,
    };
  } catch {
    return DEFAULT_VIEW;
  }
}

export function saveView(view: TargetsView): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(view));
  } catch {
    // Storage full or unavailable: the choice lasts for this session only.
  }
}
