import { describe, expect, expectTypeOf, it } from 'vitest';
import { CHANNEL_NAMES, type ChannelResult, type RegionSummary } from '../../src/shared/contract';
import { HandlerRegistry } from '../../src/main/core/registry';

describe('handler registry', () => {
  it('refuses unknown channels and malformed input with a message that says where', async () => {
    const r = new HandlerRegistry();
    r.register('region.setDisplayUnit', () => {
      throw new Error('must not run on bad input');
    });
    expect(await r.invoke('file.delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await r.invoke(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const bad = await r.invoke('region.setDisplayUnit', { unit: 'dollars' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'unit' }] } });
    // Extra keys are refused too: the schemas are strict.
    const extra = await r.invoke('region.setDisplayUnit', { unit: 'wan', sql: 'DROP TABLE x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await r.invoke('region.setDisplayUnit', 'wan')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('turns thrown errors into data and passes parsed input to the handler', async () => {
    const r = new HandlerRegistry();
    r.register('region.updateProfile', (input) => {
      expect(input.regionName).toBe('華東大區'); // trimmed by the schema
      throw new Error('boom');
    });
    expect(await r.invoke('region.updateProfile', { regionName: '  華東大區 ' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
  });

  it('refuses a second handler for a channel and reports missing ones', () => {
    const r = new HandlerRegistry();
    r.register('app.info', () => ({ version: '', transport: 'web', nativeDialogs: false, platform: '', schemaVersion: 1, language: 'en' }));
    expect(() => r.register('app.info', () => ({ version: '', transport: 'web', nativeDialogs: false, platform: '', schemaVersion: 1, language: 'en' }))).toThrow(/twice/);
    expect(() => r.assertComplete()).toThrow(/no handler for/);
    expect(CHANNEL_NAMES).toContain('file.open');
  });

  it('types results from the contract', () => {
    expectTypeOf<ChannelResult<'file.open'>>().toEqualTypeOf<RegionSummary | null>();
    expectTypeOf<ChannelResult<'file.openDemo'>>().toEqualTypeOf<RegionSummary>();
  });
});
