import { describe, expect, it } from 'vitest';
import type { UnknownMember } from '../../src/shared/actuals';
import {
  draftKey,
  draftOf,
  emptyDraft,
  memberOfQuery,
  missingOf,
  sameResolutions,
  toBulkRequest,
  toResolutions,
  type Drafts,
} from '../../src/renderer/src/features/importWizard/resolutions';

// The wizard's decisions about unknown members: drafts as the user edits them, and the
// resolutions import.preview / import.commit are given (complete drafts only).

const unknown = (dimension: UnknownMember['dimension'], value: string): UnknownMember => ({
  dimension,
  value,
  fileName: null,
  rows: 1,
  firstRow: 2,
  suggestions: [{ id: 7, code: 'D0007', name: '南京百佳' }],
  resolution: null,
});

describe('resolution drafts', () => {
  it('says what a draft still lacks', () => {
    expect(missingOf('customer', emptyDraft())).toBe('action');
    expect(missingOf('customer', { ...emptyDraft(), action: 'skip' })).toBe('');
    expect(missingOf('customer', { ...emptyDraft(), action: 'map', query: 'X' })).toBe('member');
    expect(missingOf('customer', { ...emptyDraft(), action: 'map', id: 3 })).toBe('');
    expect(missingOf('customer', { ...emptyDraft(), action: 'create', needs: { city: 1 } })).toBe('channel');
    expect(missingOf('sku', { ...emptyDraft(), action: 'create', needs: { brand: 1, category: 2 } })).toBe('');
    expect(missingOf('brand', { ...emptyDraft(), action: 'create' })).toBe('');
  });

  it('sends complete drafts only, with what each action needs', () => {
    const list = [unknown('customer', 'X1'), unknown('customer', 'X2'), unknown('sku', 'S9'), unknown('city', '火星市')];
    const drafts: Drafts = {
      [draftKey('customer', 'X1')]: { ...emptyDraft(), action: 'map', query: 'D0007', id: 7 },
      [draftKey('customer', 'X2')]: { ...emptyDraft(), action: 'create', name: '  新客戶 ', needs: { city: 4, channel: 2 } },
      [draftKey('sku', 'S9')]: { ...emptyDraft(), action: 'create', needs: { brand: 1 } },
      [draftKey('city', '火星市')]: { ...emptyDraft(), action: 'skip' },
    };
    expect(toResolutions(list, drafts)).toEqual([
      { dimension: 'customer', value: 'X1', action: 'map', id: 7 },
      { dimension: 'customer', value: 'X2', action: 'create', name: '新客戶', cityId: 4, channelId: 2 },
      { dimension: 'city', value: '火星市', action: 'skip' },
    ]);
  });

  it('rebuilds a draft from the decision a check reports, and keeps an edited one', () => {
    const u = { ...unknown('customer', 'X1'), resolution: { dimension: 'customer' as const, value: 'X1', action: 'map' as const, id: 7 } };
    expect(draftOf(u, undefined, () => 'D0007')).toMatchObject({ action: 'map', query: 'D0007', id: 7 });
    const created = { ...u, resolution: { dimension: 'customer' as const, value: 'X1', action: 'create' as const, cityId: 4, channelId: 2 } };
    expect(draftOf(created, undefined, () => undefined)).toMatchObject({ action: 'create', needs: { city: 4, channel: 2 } });
    const edited = { ...emptyDraft(), action: 'skip' as const };
    expect(draftOf(u, edited, () => undefined)).toBe(edited);
  });

  it('compares decisions whatever their order or key order', () => {
    expect(
      sameResolutions(
        [
          { dimension: 'customer', value: 'A', action: 'skip' },
          { dimension: 'sku', value: 'B', action: 'map', id: 1 },
        ],
        [
          { id: 1, action: 'map', value: 'B', dimension: 'sku' },
          { dimension: 'customer', value: 'A', action: 'skip' },
        ],
      ),
    ).toBe(true);
    expect(sameResolutions([{ dimension: 'sku', value: 'B', action: 'map', id: 1 }], [{ dimension: 'sku', value: 'B', action: 'map', id: 2 }])).toBe(false);
  });

  it('finds the member a picker names by code, "code name" or name', () => {
    const options = [
      { id: 1, code: 'D0001', name: '上海家和商貿' },
      { id: 2, code: 'D0002', name: '上海長興食品' },
    ];
    expect(memberOfQuery(' d0002 ', options)?.id).toBe(2);
    expect(memberOfQuery('D0001 上海家和商貿', options)?.id).toBe(1);
    expect(memberOfQuery('上海長興食品', options)?.id).toBe(2);
    expect(memberOfQuery('上海', options)).toBeUndefined();
    expect(memberOfQuery('', options)).toBeUndefined();
  });
});

describe('toBulkRequest', () => {
  it('sends decided dimensions only, with trimmed non-empty defaults, a map policy only with its column, and the confirmation', () => {
    expect(toBulkRequest({}, null)).toBeUndefined();
    expect(toBulkRequest({ customer: { action: '', defaults: { city: '蘇州' } } }, null)).toBeUndefined();
    const bulk = toBulkRequest(
      {
        customer: { action: 'create', defaults: { city: ' 蘇州市 ', channel: '  ' } },
        sku: { action: 'map', defaults: {} },
        terminal: { action: 'skip', defaults: { city: 'x' } },
      },
      { count: 3, hash: 'a'.repeat(64) },
    );
    expect(bulk).toEqual({
      policies: [
        { dimension: 'customer', action: 'create', defaults: { city: '蘇州市' } },
        { dimension: 'terminal', action: 'skip' },
      ],
      confirm: { count: 3, hash: 'a'.repeat(64) },
    });
    expect(toBulkRequest({ sku: { action: 'map', column: 2, defaults: {} } }, null)).toEqual({ policies: [{ dimension: 'sku', action: 'map', column: 2 }] });
  });
});
