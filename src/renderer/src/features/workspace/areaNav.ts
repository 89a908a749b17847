import { createContext, useContext } from 'react';
import { AREAS, type Area } from './areas';

// Going to another area from inside one (a slide with no data points to where its data
// is entered). The workspace owns the area shown and provides this; outside a workspace
// (the print pages) there is nowhere to go.

export const AreaNavContext = createContext<((area: Area) => void) | null>(null);

/** The workspace's "show this area", or null outside a workspace. */
export function useAreaNav(): ((area: Area) => void) | null {
  return useContext(AreaNavContext);
}

/** Whether a string names an area (the core names areas by their key). */
export function isArea(name: string): name is Area {
  return (AREAS as readonly string[]).includes(name);
}
