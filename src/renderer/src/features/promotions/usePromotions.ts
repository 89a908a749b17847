import { useMemo } from 'react';
import type { PromotionList } from '../../../../shared/endpoints/promotions';
import type { MasterRow } from '../../../../shared/masterData';
import { SCOPE_DIMS, type ScopeDim } from '../../../../shared/promotions';
import { errorText } from '../../i18n';
import { useQueries, useQuery } from '../../api/queries';

// The calendar's data: the working version's promotions and the master lists the
// scope pickers and the grid's names use, each reloaded when a command changes what
// it reads.

export interface ScopeOption {
  id: number;
  code: string;
  name: string;
}
export type ScopeOptions = Record<ScopeDim, ScopeOption[]>;

export interface PromotionsData {
  list: PromotionList | null;
  options: ScopeOptions | null;
  error: string | null;
}

const MASTER_INPUTS = SCOPE_DIMS.map((entity) => ({ entity }));
const toOption = (r: MasterRow): ScopeOption => ({ id: r.id, code: String(r.code ?? ''), name: String(r.name ?? r.code ?? r.id) });

export function usePromotions(): PromotionsData {
  const list = useQuery('promotions.list', {});
  const { states } = useQueries('master.list', MASTER_INPUTS);
  const options = useMemo(
    () => (states.every((s) => s.data) ? (Object.fromEntries(SCOPE_DIMS.map((d, i) => [d, (states[i].data?.rows ?? []).map(toOption)])) as ScopeOptions) : null),
    [states],
  );
  const failed = list.error ?? states.find((s) => s.error)?.error ?? null;
  return { list: list.data, options, error: failed ? errorText(failed) : null };
}
