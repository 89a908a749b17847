import { randomUUID } from 'node:crypto';
import { runJobHere } from './run';
import type { JobRunner } from './types';

/**
 * A JobRunner on the calling thread: the CLI (no UI thread to keep free) and unit
 * tests. Progress and cancel work as in a worker; the job blocks until it is done.
 */
export function inlineJobRunner(): JobRunner {
  return (spec, onProgress) => {
    let cancelled = false;
    return {
      id: randomUUID(),
      done: Promise.resolve().then(() => runJobHere(spec, onProgress, () => cancelled)),
      cancel: () => {
        cancelled = true;
      },
    };
  };
}
