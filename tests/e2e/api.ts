import type { Page } from '@playwright/test';

/** An endpoint of the app's own API, called from the page as the renderer does (web host). */
export async function invoke<T>(page: Page, endpoint: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ endpoint, input }) => {
      const res = await fetch(`/api/invoke/${endpoint}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await res.json()) as { ok: boolean; value: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'call failed');
      return body.value;
    },
    { endpoint, input },
  ) as Promise<T>;
}
