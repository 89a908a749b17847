import { useEffect, useState } from 'react';
import type { EntityName } from '../../../../shared/masterData';
import { api } from '../../api/client';
import type { MemberOption } from './resolutions';

export type MemberLists = Partial<Record<EntityName, MemberOption[]>>;

/**
 * The region's members of each entity the resolution table needs (to map to, or to
 * place a new member under), read once per entity while the wizard is open.
 */
export function useMemberLists(entities: readonly EntityName[], onError: (e: unknown) => void): MemberLists {
  const [lists, setLists] = useState<MemberLists>({});
  const wanted = [...new Set(entities)].sort().join(',');

  useEffect(() => {
    let live = true;
    const missing = wanted.split(',').filter((e): e is EntityName => e !== '' && !(e in lists));
    if (missing.length === 0) return undefined;
    void (async () => {
      try {
        const results = await Promise.all(missing.map((entity) => api.call('master.list', { entity })));
        if (!live) return;
        const next: MemberLists = {};
        missing.forEach((entity, i) => {
          next[entity] = results[i].rows
            .map((r) => ({ id: r.id, code: String(r.code ?? ''), name: String(r.name ?? '') }))
            .sort((a, b) => a.code.localeCompare(b.code));
        });
        setLists((prev) => ({ ...prev, ...next }));
      } catch (e) {
        if (live) onError(e);
      }
    })();
    return () => {
      live = false;
    };
    // `lists` is read to skip what is loaded; the effect re-runs when the wanted set changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, onError]);

  return lists;
}
