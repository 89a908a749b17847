import type { KeyboardEvent } from 'react';

interface PageTabsProps<V extends string> {
  /** The tabs' accessible name. */
  label: string;
  tabs: readonly V[];
  value: V;
  onChange: (value: V) => void;
  labelOf: (value: V) => string;
  titleOf?: (value: V) => string;
  /** Each tab's test id is `${testIdPrefix}-${value}`. */
  testIdPrefix: string;
}

/**
 * An area's tab strip (master data, expenses, actuals, analysis): tab semantics; every
 * tab is in the Tab order (Enter picks one), and ← and → move between tabs.
 */
export function PageTabs<V extends string>({ label, tabs, value, onChange, labelOf, titleOf, testIdPrefix }: PageTabsProps<V>) {
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = tabs[(tabs.indexOf(value) + step + tabs.length) % tabs.length];
    onChange(next);
    e.currentTarget.querySelector<HTMLButtonElement>(`[data-testid="${testIdPrefix}-${next}"]`)?.focus();
  };
  return (
    <nav className="page-tabs" role="tablist" aria-label={label} onKeyDown={onKey}>
      {tabs.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={value === name}
          className={value === name ? 'page-tabs__tab is-active' : 'page-tabs__tab'}
          title={titleOf?.(name)}
          onClick={() => onChange(name)}
          data-testid={`${testIdPrefix}-${name}`}
        >
          {labelOf(name)}
        </button>
      ))}
    </nav>
  );
}
