import type { KeyboardEvent } from 'react';
import './tabs.css';

interface TabsProps<K extends string> {
  label: string;
  tabs: ReadonlyArray<{ key: K; label: string }>;
  current: K;
  onChange(key: K): void;
  testIdPrefix: string;
}

/**
 * A row of tabs (WAI-ARIA tabs pattern): Tab reaches the current one, arrow keys move between them,
 * Home and End go to the ends.
 * The panel below is labelled by the current tab's id, `${testIdPrefix}-${key}`.
 */
export function Tabs<K extends string>({ label, tabs, current, onChange, testIdPrefix }: TabsProps<K>) {
  function handleKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    // Arrows move to the neighbour (wrapping); Home and End to the first and last tab.
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.key);
    document.getElementById(`${testIdPrefix}-${next.key}`)?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, index) => (
        <button
          key={tab.key}
          id={`${testIdPrefix}-${tab.key}`}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={tab.key === current}
          tabIndex={tab.key === current ? 0 : -1}
          onClick={() => onChange(tab.key)}
          onKeyDown={(event) => handleKey(event, index)}
          data-testid={`${testIdPrefix}-${tab.key}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
