import { useState } from 'react';
import { DECK_DOCS, type DeckDoc } from '../../../../../shared/deck';
import { useQuery } from '../../../api/queries';
import { PresentButtons } from './PresentButtons';
import { useT } from './usePresentation';
import './present.css';

// A stand-in for the area 總結與導出 until its editor is in: pick the document and
// present it. The editor's area replaces this and places PresentButtons itself.

export function PresentLauncher() {
  const t = useT();
  const [doc, setDoc] = useState<DeckDoc>('review');
  const { data: deck } = useQuery('deck.get', { doc });
  return (
    <section className="coming" data-testid="present-launcher" data-loaded={deck ? 'true' : 'false'}>
      <div className="coming__card">
        <h1 className="coming__title">{t('deck.ui.title')}</h1>
        <label>
          {t('deck.ui.docs')}{' '}
          <select value={doc} onChange={(e) => setDoc(e.target.value as DeckDoc)} data-testid="present-doc">
            {DECK_DOCS.map((d) => (
              <option key={d} value={d}>
                {t(`deck.doc.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="present-launch">
          <PresentButtons deck={deck ?? null} start={0} />
        </div>
      </div>
    </section>
  );
}
