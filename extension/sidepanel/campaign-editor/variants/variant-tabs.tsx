import { useState, type ReactNode } from 'react';
import { Button } from '../../ui/button';
import { InlineDialog } from '../../ui/inline-dialog';
import { Tabs } from '../../ui/tabs';
import { MAX_VARIANTS, variantLetter } from './variant-limits';
import './variants.css';

interface VariantTabsProps {
  /** The step, as said in names: "First message", "Follow-up 2". */
  step: string;
  /** Unique per step: the tabs' ids and test ids are `${idPrefix}-0`…; the panel's `${idPrefix}-panel`. */
  idPrefix: string;
  /** Variants including A; 1: none. */
  count: number;
  selected: number;
  disabled: boolean;
  onSelect(index: number): void;
  onAdd(): void;
  onRemove(index: number): void;
  /** Whether removing this variant loses text (then it is asked first). */
  hasText(index: number): boolean;
  /** The subject and body of the selected variant. */
  children: ReactNode;
}

/**
 * A step's A/B variants (issue 18) as a row of tabs A, B… (WAI-ARIA tabs, ui/tabs.tsx) over the
 * selected variant's subject and body, with "Add variant" (up to five) and "Remove variant",
 * asked first when the variant has text. With one variant, only the step's own fields and "Add".
 */
export function VariantTabs({ step, idPrefix, count, selected, disabled, onSelect, onAdd, onRemove, hasText, children }: VariantTabsProps) {
  const [removing, setRemoving] = useState<number | null>(null);
  const letter = variantLetter(selected);
  const remove = (index: number) => {
    setRemoving(null);
    onRemove(index);
    document.getElementById(`${idPrefix}-${Math.max(0, index - 1)}`)?.focus();
  };
  const tabs = Array.from({ length: count }, (_, index) => ({ key: String(index), label: variantLetter(index) }));
  const actions = !disabled && (
    <div className="row variant-tabs__actions">
      {count < MAX_VARIANTS && (
        <button type="button" className="link-button" onClick={onAdd} data-testid={`${idPrefix}-add`}>
          {count === 1 ? '+ Add an A/B variant' : `+ Add variant ${variantLetter(count)}`}
        </button>
      )}
      {count > 1 && (
        <button type="button" className="link-button" onClick={() => (hasText(selected) ? setRemoving(selected) : remove(selected))} data-testid={`${idPrefix}-remove`}>
          Remove variant {letter}
        </button>
      )}
    </div>
  );
  if (count <= 1) {
    return (
      <>
        {children}
        {actions}
      </>
    );
  }
  return (
    <div className="variant-tabs" data-testid={`${idPrefix}s`}>
      <Tabs label={`${step}: A/B variants`} tabs={tabs} current={String(selected)} onChange={(key) => onSelect(Number(key))} testIdPrefix={idPrefix} />
      <div className="stack" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-${selected}`}>
        {children}
      </div>
      {actions}
      {removing !== null && (
        <InlineDialog
          title={`Remove variant ${variantLetter(removing)}?`}
          tone="danger"
          onCancel={() => setRemoving(null)}
          testId={`${idPrefix}-remove-dialog`}
          actions={
            <>
              <Button type="button" variant="secondary" onClick={() => setRemoving(null)} data-autofocus>
                Keep it
              </Button>
              <Button type="button" variant="primary" onClick={() => remove(removing)} data-testid={`${idPrefix}-remove-confirm`}>
                Remove
              </Button>
            </>
          }
        >
          Its subject and message go{removing === 0 ? '; variant B becomes A' : ''}. Nothing is saved until you press Save.
        </InlineDialog>
      )}
    </div>
  );
}
