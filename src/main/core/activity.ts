// When the core last answered a call: background work that runs on the main thread
// between calls (the target cube's warm-up) waits until the calls have been quiet for a
// moment, so that it never stands between the user and a screen they are opening.

let running = 0;
let lastEnd = 0;

/** Marks a call as started; the returned function, called once, marks it ended. */
export function callStarted(): () => void {
  running++;
  return () => {
    running--;
    lastEnd = performance.now();
  };
}

/** True when no call is running and none ended in the last `ms` milliseconds. */
export function quietFor(ms: number): boolean {
  return running === 0 && performance.now() - lastEnd >= ms;
}
