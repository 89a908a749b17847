import { useCallback } from 'react';
import type { CommandName, EndpointResult } from '../../../shared/contract';
import { runCommand, type Outcome } from '../api/commands';
import { useApp } from './AppContext';

// An edit whose refusal the view has no place to show (a field committed on blur, a
// setting): the refusal goes to the app's error dialog, titled "could not save".

/**
 * Runs a command in the commands' queue; a refusal is shown in the app's error
 * dialog and also resolved, so the caller can keep its dialog open.
 */
export function useSave(): <K extends CommandName>(...args: Parameters<typeof runCommand<K>>) => Promise<Outcome<EndpointResult<K>>> {
  const { showError } = useApp();
  return useCallback(
    async <K extends CommandName>(...args: Parameters<typeof runCommand<K>>) => {
      const outcome = await runCommand<K>(...args);
      if (!outcome.ok) showError({ titleKey: 'errors.saveTitle', data: outcome.error });
      return outcome;
    },
    [showError],
  );
}
