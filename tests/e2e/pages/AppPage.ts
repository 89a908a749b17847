import { expect, type Locator, type Page } from '@playwright/test';

export type AppState = 'start' | 'loading' | 'workspace';
export type Language = 'zh-Hant' | 'zh-Hans' | 'en';

/** What every screen shares: the app's state attribute, its events, the error box, the language. */
export class AppPage {
  constructor(readonly page: Page) {}

  get body(): Locator {
    return this.page.locator('body');
  }

  /** Waits for the app's state; `timeout` for a slow step such as generating a typical demo region under load. */
  async expectState(state: AppState, timeout?: number): Promise<void> {
    await expect(this.body).toHaveAttribute('data-app-state', state, timeout === undefined ? undefined : { timeout });
  }

  /** Waits until start-up has finished (start screen or workspace). */
  async waitUntilSettled(): Promise<void> {
    await expect(this.body).toHaveAttribute('data-app-state', /^(start|workspace)$/);
  }

  /** Starts collecting the app's DOM events of one name (see src/renderer/src/app/appEvents.ts). */
  async recordEvents(name: string): Promise<() => Promise<unknown[]>> {
    const key = `__rp_events_${name.replace(/\W/g, '_')}`;
    await this.page.evaluate(
      ({ name, key }) => {
        const store = window as unknown as Record<string, unknown[]>;
        store[key] = [];
        window.addEventListener(name, (e) => store[key].push((e as CustomEvent).detail ?? null));
      },
      { name, key },
    );
    return () => this.page.evaluate((k) => (window as unknown as Record<string, unknown[]>)[k] ?? [], key);
  }

  languageButton(language: Language): Locator {
    return this.page.getByTestId('language-switcher').locator(`[data-value="${language}"]`);
  }

  async setLanguage(language: Language): Promise<void> {
    await this.languageButton(language).click();
    await expect(this.body).toHaveAttribute('data-language', language);
    await expect(this.page.locator('html')).toHaveAttribute('lang', language);
  }

  get errorDialog(): Locator {
    return this.page.getByTestId('error-dialog');
  }

  get errorMessage(): Locator {
    return this.page.getByTestId('error-message');
  }

  async dismissError(): Promise<void> {
    await this.errorDialog.getByRole('button').click();
    await expect(this.errorDialog).toBeHidden();
  }
}
