import { z } from 'zod';
import { asyncCommand } from '../endpoint';
import { LANGUAGES, type Language } from '../units';

// Presenting the deck: what only the desktop app can do for it. The web host answers
// NOT_SUPPORTED, and the page opens the audience view in a second browser window.

export const presentEndpoints = {
  /**
   * The presentation starts: the display is kept awake until present.stop, and with
   * `audience` the audience window (the app at #audience=<channel>) goes full screen on
   * the external display; with one display the presenter view is the rehearsal
   * ('none'). Starting again replaces the previous presentation.
   */
  'present.start': asyncCommand<{ audience: 'external' | 'none' }>([])(
    z
      .object({
        /** The BroadcastChannel the presenter window and the audience window share. */
        channel: z.string().regex(/^[a-z0-9]{1,40}$/, 'a channel is 1–40 lower-case letters and digits'),
        language: z.enum(LANGUAGES),
        audience: z.boolean(),
      })
      .strict(),
  ),
  /** The presentation ended: the audience window closes and the display may sleep again. */
  'present.stop': asyncCommand<null>([])(z.object({}).strict()),
} as const;

/** The audience window's address: the app itself at this hash route. */
export function audienceHash(channel: string, language: Language): string {
  return `#audience=${channel}&lang=${language}`;
}

/** Reads `#audience=<channel>&lang=<language>`; null when the page is not an audience window. */
export function parseAudienceHash(hash: string): { channel: string; language: string } | null {
  const m = /^#audience=([a-z0-9]{1,40})(?:&lang=([A-Za-z-]{2,10}))?$/.exec(hash);
  return m ? { channel: m[1], language: m[2] ?? '' } : null;
}
