import { useEffect, useRef, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { MessageError } from '../../messages';
import type { Preflight } from '../../../shared/schemas/launch';
import { formatPlural } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { SwitchField } from '../ui/switch-field';
import { CampaignControls } from './campaign-controls';
import { PreflightSummary } from './preflight-summary';
import { ListHygiene } from './list-hygiene';
import { SendingProgress } from './sending-progress';
import { TimingLine } from './timing-line';
import { trackingLine } from './tracking-line';
import './launch.css';
import { PreflightFiles } from './preflight-files';
import { preflightVariantsLine } from './preflight-variants';

interface LaunchScreenProps {
  campaign: Campaign;
  onChange(campaign: Campaign): void;
  onRefresh(): Promise<void>;
  /** Opens the Write tab, at a missing field's place when one is given. */
  onEdit(place?: string): void;
}

/** How often a running campaign's progress is refreshed while this screen is open. */
const POLL_MS = 5000;

/** Before launch: the preflight (who gets it, who is skipped and why, what blocks). After: progress and controls. */
export function LaunchScreen({ campaign, onChange, onRefresh, onEdit }: LaunchScreenProps) {
  // Launched from this screen just now: the focus goes to the result (issue 14, Keyboard).
  const [launchedHere, setLaunchedHere] = useState(false);
  const running = campaign.status === 'sending' || campaign.status === 'scheduled';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void onRefresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, onRefresh]);

  if (campaign.status === 'draft') {
    const onLaunched = (launched: Campaign) => {
      setLaunchedHere(true);
      onChange(launched);
    };
    return <PreLaunch campaign={campaign} onLaunched={onLaunched} onEdit={onEdit} onRefresh={onRefresh} />;
  }
  return (
    <div className="stack">
      <SendingProgress campaign={campaign} focusOnShow={launchedHere} onChange={onChange} />
      <CampaignControls campaign={campaign} onChange={onChange} />
    </div>
  );
}

function PreLaunch({ campaign, onLaunched, onEdit, onRefresh }: { campaign: Campaign; onLaunched(campaign: Campaign): void; onEdit(place?: string): void; onRefresh(): Promise<void> }) {
  const [allowBlank, setAllowBlank] = useState(false);
  const [followUpsToEveryone, setFollowUpsToEveryone] = useState(false);
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [error, setError] = useState<MessageError | null>(null);
  const [launching, setLaunching] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setPreflight(null);
    void sendMessage({ type: 'campaigns/preflight', id: campaign.id, allowBlank, followUpsWithoutReplyCheck: followUpsToEveryone }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setPreflight(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [campaign.id, campaign.version, campaign.counts.total, allowBlank, followUpsToEveryone]);

  async function launch() {
    setLaunching(true);
    setError(null);
    const launched = await sendMessage({ type: 'campaigns/launch', id: campaign.id, allowBlank, followUpsWithoutReplyCheck: followUpsToEveryone });
    setLaunching(false);
    if (!launched.ok) {
      setError(launched.error);
      // The refusal is the result of the press: the focus goes to it.
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    onLaunched(launched.value);
  }

  const blocked = !preflight || preflight.blockers.length > 0;
  return (
    <section className="stack" aria-labelledby="launch-title" data-testid="launch">
      <h2 className="section-title" id="launch-title">
        Ready to launch?
      </h2>
      {error && (
        <div ref={errorRef} tabIndex={-1}>
          <InlineAlert message={error.message} testId="launch-error" />
        </div>
      )}
      {!preflight && !error && <StateMessage kind="loading" title="Checking the campaign…" />}
      {preflight && <PreflightSummary preflight={preflight} onEdit={onEdit} />}
      {preflight?.listHygiene && <ListHygiene hygiene={preflight.listHygiene} campaignId={campaign.id} onSkipped={onRefresh} />}
      {preflight?.timing && <TimingLine timing={preflight.timing} timeZone={campaign.schedule.timezone} />}
      {preflight?.tracking && (
        <p className="muted" data-testid="preflight-tracking">
          {trackingLine(preflight.tracking, campaign.tracking, preflight.sendable)}
        </p>
      )}
      {preflight?.attachments && <PreflightFiles attachments={preflight.attachments} />}
      {preflight?.variants && preflightVariantsLine(preflight.variants) && (
        <p className="muted" data-testid="preflight-variants">
          A/B: {preflightVariantsLine(preflight.variants)}
        </p>
      )}
      {preflight && preflight.missingFields.count > 0 && (
        <SwitchField
          label="Allow blanks"
          hint="Send to recipients with missing fields anyway; the tags are left empty."
          checked={allowBlank}
          onChange={setAllowBlank}
          testId="allow-blank"
        />
      )}
      {preflight && (followUpsToEveryone || preflight.blockers.some((blocker) => blocker.code === 'follow-ups-need-read-permission')) && (
        <SwitchField
          label="Send follow-ups to everyone"
          hint="This account cannot see replies, so “stop on reply” follow-ups also go to people who answered."
          checked={followUpsToEveryone}
          onChange={setFollowUpsToEveryone}
          testId="follow-ups-to-everyone"
        />
      )}
      <Button type="button" variant="primary" disabled={blocked} busy={launching} busyLabel="Launching…" onClick={() => void launch()} data-testid="launch-button">
        {preflight ? `Launch to ${formatPlural(preflight.sendable, { one: 'recipient', other: 'recipients' })}` : 'Launch'}
      </Button>
    </section>
  );
}
