import { createContext, useContext, useState } from 'react';
import { AREAS, type Area } from './areas';

// Going to another area from inside one (a slide with no data points to where its data
// is entered; a finding of the pre-submission check to where it is fixed). The workspace
// owns the area shown and provides this; outside a workspace (the print pages) there is
// nowhere to go.

/** A place inside an area: a tab, and a thing on it (a month, an item id, a customer id…). */
export interface AreaPlace {
  tab?: string;
  ref?: string | number;
}

/** The place the last "go to" pointed at; `seq` tells a new visit from a re-render. */
export interface Destination extends AreaPlace {
  area: Area;
  seq: number;
}

export type GoToArea = (area: Area, place?: AreaPlace) => void;

export const AreaNavContext = createContext<GoToArea | null>(null);
export const DestinationContext = createContext<Destination | null>(null);

/** The workspace's "show this area (at this place)", or null outside a workspace. */
export function useAreaNav(): GoToArea | null {
  return useContext(AreaNavContext);
}

/**
 * Where the workspace was asked to show inside `area`, or null (the area was chosen from
 * the side navigation, or the place was for another area).
 */
export function useDestination(area: Area): Destination | null {
  const d = useContext(DestinationContext);
  return d && d.area === area ? d : null;
}

/**
 * Calls `arrive` once per visit to `area` from elsewhere, while rendering (React's way of
 * adjusting a component's state to a new prop): choose the tab, open a dialog.
 */
export function useArrival(area: Area, arrive: (d: Destination) => void): void {
  const d = useDestination(area);
  const [seen, setSeen] = useState<number | null>(null);
  if (d && d.seq !== seen) {
    setSeen(d.seq);
    arrive(d);
  }
}

/** Whether a string names an area (the core names areas by their key). */
export function isArea(name: string): name is Area {
  return (AREAS as readonly string[]).includes(name);
}
