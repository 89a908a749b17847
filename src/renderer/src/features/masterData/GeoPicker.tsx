import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoDivisionInfo as Division } from '../../../../shared/endpoints/masterData';
import { foldGeoChars } from '../../../../shared/geoNames';
import { runCommand } from '../../api/commands';
import { useQuery } from '../../api/queries';
import { useApp } from '../../app/AppContext';
import { Modal } from '../../components/Modal';
import { errorText } from '../../i18n';

// Adding provinces and cities from the bundled national list (GB/T 2260): a
// searchable checklist of provinces with their cities. Ticking a province ticks its
// cities; what the region already has is shown ticked and cannot be added again.

export function GeoPicker({ existing, onClose }: { existing: ReadonlySet<string>; onClose(): void }) {
  const { t } = useTranslation();
  const app = useApp();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const catalog = useQuery('master.geoCatalog', {});
  const divisions = catalog.data?.divisions ?? null;
  const error = refused ?? (catalog.error ? errorText(catalog.error) : null);

  // English shows the Simplified names, as the rest of the app does (no romanisation is bundled).
  const nameOf = (d: Division) => (app.language === 'zh-Hant' ? d.zhHant : d.zhHans);

  const groups = useMemo(() => {
    if (!divisions) return [];
    const provinces = divisions.filter((d) => d.level === 'province');
    const cities = new Map<string, Division[]>();
    for (const d of divisions) {
      if (d.level !== 'city' || !d.parent) continue;
      const list = cities.get(d.parent) ?? [];
      list.push(d);
      cities.set(d.parent, list);
    }
    // Either script finds a place: 苏州 and 蘇州 both find 蘇州市.
    const q = foldGeoChars(query.normalize('NFKC').trim().toLowerCase());
    const hit = (d: Division) => !q || foldGeoChars(d.zhHant).includes(q) || d.code.includes(q);
    return provinces
      .map((p) => {
        const all = cities.get(p.code) ?? [];
        const shown = hit(p) ? all : all.filter(hit);
        return { province: p, cities: shown, all, visible: hit(p) || shown.length > 0 };
      })
      .filter((g) => g.visible);
  }, [divisions, query]);

  const toggle = (codes: string[], on: boolean) => {
    setPicked((prev) => {
      const next = new Set(prev);
      for (const c of codes) {
        if (existing.has(c)) continue;
        if (on) next.add(c);
        else next.delete(c);
      }
      return next;
    });
  };

  const add = async () => {
    setBusy(true);
    const outcome = await runCommand('master.addGeography', { codes: [...picked], script: app.language === 'zh-Hans' ? 'zhHans' : 'zhHant' });
    setBusy(false);
    if (!outcome.ok) {
      setRefused(errorText(outcome.error));
      return;
    }
    onClose();
  };

  return (
    <Modal
      title={t('grid.md.geoTitle')}
      onClose={onClose}
      wide
      testId="md-geo-picker"
      footer={
        <>
          <span className="md-geo__count muted">{t('grid.md.geoSelected', { count: picked.size })}</span>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" disabled={picked.size === 0 || busy} onClick={() => void add()} data-testid="md-geo-confirm">
            {t('grid.md.geoAddButton')}
          </button>
        </>
      }
    >
      <p className="form__intro">{t('grid.md.geoIntro')}</p>
      <input
        className="input md-geo__search"
        type="search"
        placeholder={t('grid.md.geoSearch')}
        aria-label={t('grid.md.geoSearch')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="md-geo-search"
      />
      {divisions === null && !error && <p className="muted">{t('grid.md.loading')}</p>}
      {divisions !== null && groups.length === 0 && <p className="empty-note">{t('grid.md.geoEmpty')}</p>}
      <div className="md-geo__list">
        {groups.map(({ province, cities, all }) => {
          const has = existing.has(province.code);
          const addable = [province.code, ...all.map((c) => c.code)].filter((c) => !existing.has(c));
          const allPicked = addable.length > 0 && addable.every((c) => picked.has(c));
          return (
            <fieldset key={province.code} className="md-geo__group" data-testid="md-geo-province" data-code={province.code}>
              <legend>
                <label className={has ? 'md-geo__item is-existing' : 'md-geo__item'}>
                  <input
                    type="checkbox"
                    checked={addable.length === 0 || allPicked}
                    disabled={addable.length === 0}
                    onChange={(e) => toggle(addable, e.target.checked)}
                  />
                  <strong>{nameOf(province)}</strong>
                  {has && <span className="badge">{t('grid.md.geoExisting')}</span>}
                </label>
              </legend>
              <div className="md-geo__cities">
                {cities.map((c) => {
                  const cityHas = existing.has(c.code);
                  return (
                    <label key={c.code} className={cityHas ? 'md-geo__item is-existing' : 'md-geo__item'} data-testid="md-geo-city" data-code={c.code}>
                      <input type="checkbox" checked={cityHas || picked.has(c.code)} disabled={cityHas} onChange={(e) => toggle([c.code], e.target.checked)} />
                      {nameOf(c)}
                    </label>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </div>
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
