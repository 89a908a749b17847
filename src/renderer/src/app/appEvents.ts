// The renderer's observable state for tests and tooling: a data attribute on <body>
// and DOM events on window, so that end-to-end tests wait on the app, never on time.

export type AppStateName = 'start' | 'loading' | 'workspace';

export type AppEventName =
  | 'regionplan:ready' // first render after start-up
  | 'regionplan:state' // detail: { state }
  | 'regionplan:saved' // an edit was committed; detail: { savedAt }
  | 'regionplan:language' // detail: { language }
  | 'regionplan:progress' // a job's progress bar is shown; detail: { label, done, total }
  | 'regionplan:grid-applied' // a grid committed a user action; detail: { gridId, label, cells }
  | 'regionplan:grid-copied'; // a grid put a range on the clipboard; detail: { gridId, text }

/** Sent to the app (by the benchmarks): forget the answers of views not on screen. */
export const FORGET_ANSWERS_EVENT = 'regionplan:forget-answers';

export function emitAppEvent(name: AppEventName, detail?: Record<string, unknown>): void {
  window.dispatchEvent(new CustomEvent(name, { detail }));
}

export function setAppState(state: AppStateName): void {
  if (document.body.dataset.appState === state) return;
  document.body.dataset.appState = state;
  emitAppEvent('regionplan:state', { state });
}
