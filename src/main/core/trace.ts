/**
 * RPLAN_TRACE=1: each phase's time on stderr, for reading where a benchmark's time goes.
 * Off (the default), the returned function does nothing.
 */
export function phaseTracer(scope: string): (phase: string) => void {
  if (!process.env.RPLAN_TRACE) return () => undefined;
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`${scope} ${phase}: ${Math.round(now - last)} ms\n`);
    last = now;
  };
}
