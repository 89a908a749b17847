import { useEffect, useState } from 'react';
import type { Language } from '../../../../../shared/units';
import { api, toErrorData } from '../../../api/client';
import { audienceHash } from '../../../../../shared/endpoints/present';

// The host's side of presenting. The desktop app keeps the display awake and puts the
// audience window full screen on the external display (present.start/present.stop);
// the web host cannot (NOT_SUPPORTED), and there the presenter opens the audience
// window as a second browser window.

/** external: the audience window is on the external display; rehearsal: one display, the presenter view alone; web: the audience window is opened by hand. */
export type AudienceStatus = 'pending' | 'external' | 'rehearsal' | 'web';

/** The latest presentation asked of the host: an older one's late answer or stop must not touch it. */
let latest = 0;

/** Asks the host to present while mounted; `audience`: also open the audience window (the presenter view). */
export function useKeepAwake(channel: string, language: Language, audience: boolean): AudienceStatus {
  const [status, setStatus] = useState<AudienceStatus>('pending');
  useEffect(() => {
    const mine = ++latest;
    api
      .call('present.start', { channel, language, audience })
      .then((r) => {
        if (mine === latest) setStatus(r.audience === 'external' ? 'external' : 'rehearsal');
      })
      .catch((e: unknown) => {
        if (toErrorData(e).code !== 'NOT_SUPPORTED') console.warn('[regionplan] present.start failed', toErrorData(e).message);
        if (mine === latest) setStatus('web');
      });
    return () => {
      // Calls reach the host in order: this stop comes after this start, before any later one.
      if (mine !== latest) return;
      latest++;
      void api.call('present.stop').catch(() => undefined);
    };
  }, [channel, language, audience]);
  return status;
}

/** Opens the audience window in the browser; false when the browser blocked it. */
export function openAudienceWindow(channel: string, language: Language): boolean {
  const url = `${location.origin}${location.pathname}${audienceHash(channel, language)}`;
  const w = window.open(url, `regionplan-audience-${channel}`, 'popup,width=1280,height=760');
  return w !== null;
}
