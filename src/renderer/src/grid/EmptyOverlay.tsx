import { createContext, useContext } from 'react';

// What a grid says instead of AG Grid's own English overlays ("No Rows To Show",
// "No Matching Rows", "Loading..."): the screen's message (what to do to get rows),
// why a search shows none, or that rows are being read. The texts come through a
// context, not the overlay's params: AG Grid does not repaint a shown overlay when
// its params change (a language switch), React does when the context does.

export interface OverlayTexts {
  empty: string;
  noMatch: string;
  loading: string;
}

export const OverlayTextsContext = createContext<OverlayTexts>({ empty: '', noMatch: '', loading: '' });

export function EmptyOverlay({ overlayType }: { overlayType?: string }) {
  const texts = useContext(OverlayTextsContext);
  const text = overlayType === 'noMatchingRows' ? texts.noMatch : overlayType === 'loading' ? texts.loading : texts.empty;
  return (
    <div className="gk__empty" role="status" data-testid="grid-empty" data-overlay={overlayType}>
      {text}
    </div>
  );
}
