import { useCallback, useState } from 'react';
import type { EndpointInput, EndpointResult, QueryName } from '../../../../shared/contract';
import type { AppErrorData } from '../../../../shared/errors';
import { api, toErrorData } from '../../api/client';

export interface ReadOnDemand {
  /** Reads `endpoint` once; null when it was refused (the refusal went to `onError`). */
  read<K extends QueryName>(endpoint: K, input: EndpointInput<K>): Promise<EndpointResult<K> | null>;
  /** True while a read is under way. */
  busy: boolean;
}

/**
 * A read the user asks for, as opposed to one that follows the file (useQuery): how the
 * chosen file reads, the check of a mapping the user is still editing, a table export.
 * Its answer belongs to the moment it was asked for, so it is not kept or reloaded.
 */
export function useReadOnDemand(onError: (error: AppErrorData) => void): ReadOnDemand {
  const [running, setRunning] = useState(0);
  const read = useCallback(
    async <K extends QueryName>(endpoint: K, input: EndpointInput<K>): Promise<EndpointResult<K> | null> => {
      setRunning((n) => n + 1);
      try {
        const call = api.call as (endpoint: K, input: EndpointInput<K>) => Promise<EndpointResult<K>>;
        return await call(endpoint, input);
      } catch (e) {
        onError(toErrorData(e));
        return null;
      } finally {
        setRunning((n) => n - 1);
      }
    },
    [onError],
  );
  return { read, busy: running > 0 };
}
