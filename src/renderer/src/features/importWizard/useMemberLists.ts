import { useMemo } from 'react';
import type { AppErrorData } from '../../../../shared/errors';
import type { EntityName } from '../../../../shared/masterData';
import { useQuery } from '../../api/queries';
import type { MemberOption } from './resolutions';

export type MemberLists = Partial<Record<EntityName, MemberOption[]>>;

/** One entity's members as the picker lists them (by code), while `wanted`. */
function useMembers(entity: EntityName, wanted: ReadonlySet<EntityName>): { list: MemberOption[] | undefined; error: AppErrorData | null } {
  const { data, error } = useQuery('master.list', wanted.has(entity) ? { entity } : null);
  const list = useMemo(
    () => data?.rows.map((r) => ({ id: r.id, code: String(r.code ?? ''), name: String(r.name ?? '') })).sort((a, b) => a.code.localeCompare(b.code)),
    [data],
  );
  return { list, error };
}

/** The lists that are loaded. */
function loaded(lists: Record<string, MemberOption[] | undefined>): MemberLists {
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list !== undefined));
}

/**
 * The region's members of each entity the resolution table needs (to map to, or to
 * place a new member under), read while it needs them and kept in step with the file.
 * The entities it can need are a fixed set (those unknown values map to, and what
 * creating one needs), one query each, idle unless wanted.
 */
export function useMemberLists(entities: readonly EntityName[]): { lists: MemberLists; error: AppErrorData | null } {
  const wanted = new Set(entities);
  const customer = useMembers('customer', wanted);
  const sku = useMembers('sku', wanted);
  const city = useMembers('city', wanted);
  const brand = useMembers('brand', wanted);
  const category = useMembers('category', wanted);
  const terminal = useMembers('terminal', wanted);
  const salesperson = useMembers('salesperson', wanted);
  const channel = useMembers('channel', wanted);
  const province = useMembers('province', wanted);
  const lists = useMemo(
    () =>
      loaded({
        customer: customer.list,
        sku: sku.list,
        city: city.list,
        brand: brand.list,
        category: category.list,
        terminal: terminal.list,
        salesperson: salesperson.list,
        channel: channel.list,
        province: province.list,
      }),
    [customer.list, sku.list, city.list, brand.list, category.list, terminal.list, salesperson.list, channel.list, province.list],
  );
  const error = [customer, sku, city, brand, category, terminal, salesperson, channel, province].find((m) => m.error !== null)?.error ?? null;
  return { lists, error };
}
