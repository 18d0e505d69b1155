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
 * A row of tabs (WAI-ARIA tabs pattern): Tab reaches the current one, arrow keys move between them.
 * The panel below is labelled by the current tab's id, `${testIdPrefix}-${key}`.
 */
export function Tabs<K extends string>({ label, tabs, current, onChange, testIdPrefix }: TabsProps<K>) {
  function handleKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
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
