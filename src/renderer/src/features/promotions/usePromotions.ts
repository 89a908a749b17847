import { useEffect, useState } from 'react';
import type { PromotionList } from '../../../../shared/endpoints/promotions';
import type { MasterRow } from '../../../../shared/masterData';
import { SCOPE_DIMS, type ScopeDim } from '../../../../shared/promotions';
import { api, toErrorData } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { errorText } from '../../i18n';

// The calendar's data: the working version's promotions (re-read after every change
// to the file) and the master lists the scope pickers and the grid's names use.

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

export function usePromotions(): PromotionsData {
  const { revision } = useApp();
  const [list, setList] = useState<PromotionList | null>(null);
  const [options, setOptions] = useState<ScopeOptions | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.call('promotions.list', {}).then(
      (l) => {
        if (live) setList(l);
      },
      (e: unknown) => {
        if (live) setError(errorText(toErrorData(e)));
      },
    );
    Promise.all(SCOPE_DIMS.map((entity) => api.call('master.list', { entity }))).then(
      (lists) => {
        if (!live) return;
        const toOption = (r: MasterRow): ScopeOption => ({ id: r.id, code: String(r.code ?? ''), name: String(r.name ?? r.code ?? r.id) });
        setOptions(Object.fromEntries(SCOPE_DIMS.map((d, i) => [d, lists[i].rows.map(toOption)])) as ScopeOptions);
      },
      (e: unknown) => {
        if (live) setError(errorText(toErrorData(e)));
      },
    );
    return () => {
      live = false;
    };
  }, [revision]);

  return { list, options, error };
}
