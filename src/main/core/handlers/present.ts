import { audienceHash } from '../../../shared/endpoints/present';
import { AppError } from '../../../shared/errors';
import type { Host } from '../host';
import type { HandlerRegistry } from '../registry';

/** Presenting: the host's displays and power (the desktop app); elsewhere NOT_SUPPORTED. */
export function registerPresent(r: HandlerRegistry, host: Host): void {
  r.asyncCommand('present.start', async ({ channel, language, audience }) => {
    if (!host.presentation) throw new AppError('NOT_SUPPORTED', 'this host has no displays of its own; the page opens the audience window');
    return host.presentation.start({ hash: audienceHash(channel, language), audience });
  });
  r.asyncCommand('present.stop', async () => {
    if (!host.presentation) throw new AppError('NOT_SUPPORTED', 'this host has no displays of its own');
    host.presentation.stop();
    return null;
  });
}
