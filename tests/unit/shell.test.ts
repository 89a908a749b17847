import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/shared/units';
import { buildMenuTemplate, type MenuState } from '../../src/main/shell/menu';
import { regionPathFromFileUrl, regionPathsFromArgv } from '../../src/main/shell/osPaths';
import { META_CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isOwnPageUrl, resolveInside } from '../../src/main/shell/urls';

// The parts of the Electron shell that need no Electron runtime (only its types).

describe('shell rules', () => {
  it('uses one Content-Security-Policy everywhere: page meta, app:// header and web host share src/shared/csp.ts', () => {
    const html = readFileSync(join(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|http:|https:|\*/);
  });

  it('packages with every Electron fuse that closes a door set the closed way', () => {
    const yml = readFileSync(join(import.meta.dirname, '../../electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?:[ \t]+.*\n|\n)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('serves only files inside the renderer folder', () => {
    const root = resolve('/app/out/renderer');
    expect(resolveInside(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    for (const evil of ['/../main/index.js', '/..%2f..%2fpackage.json', '/%2e%2e/x', '/a/%00', '/%E0%A4%A']) {
      expect(resolveInside(root, evil)).toBeNull();
    }
  });

  it('trusts only its own pages and no external URL unless listed', () => {
    expect(isOwnPageUrl('app://renderer/index.html', null)).toBe(true);
    expect(isOwnPageUrl('https://evil.example/', null)).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
  });

  it('takes region files, and nothing else, from the command line and dropped file URLs', () => {
    expect(regionPathsFromArgv(['/opt/RegionPlan', '--inspect=0', 'plans/華東.rplan', 'notes.txt', '/abs/b.RPLAN'], '/home/m')).toEqual([
      resolve('/home/m/plans/華東.rplan'),
      resolve('/abs/b.RPLAN'),
    ]);
    expect(regionPathFromFileUrl('file:///home/m/%E8%8F%AF%E6%9D%B1.rplan')).toBe('/home/m/華東.rplan');
    expect(regionPathFromFileUrl('file:///home/m/x.exe')).toBeNull();
    expect(regionPathFromFileUrl('https://x/y.rplan')).toBeNull();
  });

  it('builds the application menu in every language, with File, Edit, View and Help', () => {
    for (const language of LANGUAGES) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const state: MenuState = { language, recent: [], current: null, isPackaged: true, platform };
        const sent: string[] = [];
        const menu = buildMenuTemplate(state, { send: (c) => sent.push(c), openRecent: () => undefined, showAbout: () => undefined });
        const labels = menu.map((m) => m.label ?? m.role);
        expect(labels.length).toBeGreaterThanOrEqual(4);
        const items = (m: MenuItemConstructorOptions) => (Array.isArray(m.submenu) ? m.submenu : []);
        const all = menu.flatMap(items);
        const accelerators = all.map((i) => i.accelerator).filter(Boolean);
        expect(accelerators).toEqual(expect.arrayContaining(['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+Z']));
        // Packaged builds offer no developer tools.
        expect(all.some((i) => i.role === 'toggleDevTools')).toBe(false);
        const newItem = all.find((i) => i.accelerator === 'CmdOrCtrl+N');
        (newItem?.click as (() => void) | undefined)?.();
        expect(sent).toEqual(['new']);
      }
    }
  });
});
