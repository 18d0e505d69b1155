import { useCallback, useRef, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { CampaignTab } from '../campaign/campaign-screen';
import { focusOnOpen } from '../campaign/open-focus';
import { formatAgo } from '../format';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { useCached } from '../use-cached';
import { duplicateResult } from './campaign-action-words';
import { CampaignRow } from './campaign-row';
import { NewCampaignForm } from './new-campaign-form';
import './campaigns.css';

interface CampaignListProps {
  onOpen(id: string, tab?: CampaignTab): void;
}

/** Every campaign, newest change first: drawn from the cache, then refreshed from the server. */
export function CampaignList({ onOpen }: CampaignListProps) {
  const load = useCallback((source: 'cache' | 'server') => sendMessage({ type: 'campaigns/list', source }), []);
  const list = useCached<Campaign[]>(load, (campaigns) => campaigns.length === 0);
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionDone, setActionDone] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  async function duplicate(original: Campaign, withRecipients: boolean) {
    setActionError(null);
    setActionDone(null);
    const copy = await sendMessage({ type: 'campaigns/duplicate', id: original.id, recipients: withRecipients });
    if (!copy.ok) return setActionError(copy.error.message);
    setActionDone(duplicateResult(original.name, copy.value, withRecipients));
    await list.refresh();
  }

  async function remove(gone: Campaign) {
    setActionError(null);
    setActionDone(null);
    const deleted = await sendMessage({ type: 'campaigns/delete', id: gone.id });
    if (!deleted.ok) return setActionError(deleted.error.message);
    list.replace((list.data ?? []).filter((campaign) => campaign.id !== gone.id));
    setActionDone(`Deleted ${gone.name}`);
    // The row that held the focus is gone: the list's heading takes it, not the page's start.
    headingRef.current?.focus();
  }

  return (
    <section className="stack" aria-labelledby="campaigns-title" data-testid="campaign-list">
      <div className="row row--between">
        <h1 ref={headingRef} tabIndex={-1} className="section-title" id="campaigns-title">
          Campaigns
        </h1>
        <p className="muted" aria-live="polite">
          {list.refreshing ? 'Updating…' : list.fetchedAt ? `Updated ${formatAgo(list.fetchedAt)}` : ''}
        </p>
      </div>
      <NewCampaignForm
        onCreated={(campaign) => {
          focusOnOpen(campaign.id, 'name');
          onOpen(campaign.id, 'write');
        }}
      />
      {list.error && (
        <InlineAlert
          message={list.data ? `Showing saved copies: ${list.error.message}` : list.error.message}
          testId="campaign-list-error"
        />
      )}
      {actionError && <InlineAlert message={actionError} testId="campaign-action-error" />}
      <p className="campaign-list__notice" role="status" data-testid="campaign-action-result">
        {actionDone}
      </p>
      {list.data === undefined && list.refreshing && <StateMessage kind="loading" title="Loading campaigns…" />}
      {list.data?.length === 0 && (
        <StateMessage kind="empty" title="No campaigns yet" testId="campaign-list-empty">
          <p className="muted">Name your first campaign above: you will write it, import recipients and launch it from here.</p>
        </StateMessage>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="campaign-list">
          {list.data.map((campaign) => (
            <CampaignRow
              key={campaign.id}
              campaign={campaign}
              onOpen={(tab) => onOpen(campaign.id, tab)}
              onDuplicate={(withRecipients) => duplicate(campaign, withRecipients)}
              onDelete={() => remove(campaign)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
