import { useEffect, useState } from 'react';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { MessageError } from '../../messages';
import type { Preflight } from '../../../shared/schemas/launch';
import { formatCount, formatTiming } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { StateMessage } from '../ui/state-message';
import { SwitchField } from '../ui/switch-field';
import { CampaignControls } from './campaign-controls';
import { PreflightSummary } from './preflight-summary';
import { SendingProgress } from './sending-progress';
import './launch.css';

interface LaunchScreenProps {
  campaign: Campaign;
  onChange(campaign: Campaign): void;
  onRefresh(): Promise<void>;
  onEdit(): void;
}

/** How often a running campaign's progress is refreshed while this screen is open. */
const POLL_MS = 5000;

/** Before launch: the preflight (who gets it, who is skipped and why, what blocks). After: progress and controls. */
export function LaunchScreen({ campaign, onChange, onRefresh, onEdit }: LaunchScreenProps) {
  const running = campaign.status === 'sending' || campaign.status === 'scheduled';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void onRefresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, onRefresh]);

  if (campaign.status === 'draft') return <PreLaunch campaign={campaign} onChange={onChange} onEdit={onEdit} />;
  return (
    <div className="stack">
      <SendingProgress campaign={campaign} />
      <CampaignControls campaign={campaign} onChange={onChange} />
    </div>
  );
}

function PreLaunch({ campaign, onChange, onEdit }: { campaign: Campaign; onChange(campaign: Campaign): void; onEdit(): void }) {
  const [allowBlank, setAllowBlank] = useState(false);
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [error, setError] = useState<MessageError | null>(null);
  const [launching, setLaunching] = useState(false);

  useEffect(() => {
    let live = true;
    setPreflight(null);
    void sendMessage({ type: 'campaigns/preflight', id: campaign.id, allowBlank }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setPreflight(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [campaign.id, campaign.version, campaign.counts.total, allowBlank]);

  async function launch() {
    setLaunching(true);
    setError(null);
    const launched = await sendMessage({ type: 'campaigns/launch', id: campaign.id, allowBlank });
    setLaunching(false);
    if (!launched.ok) return setError(launched.error);
    onChange(launched.value);
  }

  const blocked = !preflight || preflight.blockers.length > 0;
  return (
    <section className="stack" aria-labelledby="launch-title" data-testid="launch">
      <h2 className="section-title" id="launch-title">
        Ready to launch?
      </h2>
      {error && <InlineAlert message={error.message} testId="launch-error" />}
      {!preflight && !error && <StateMessage kind="loading" title="Checking the campaign…" />}
      {preflight && <PreflightSummary preflight={preflight} onEdit={onEdit} />}
      {preflight?.timing && (
        // In the campaign's zone, where its sending hours are read (issue 14).
        <p data-testid="preflight-timing">{formatTiming(preflight.timing, campaign.schedule.timezone)}</p>
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
      <Button type="button" variant="primary" disabled={blocked} busy={launching} busyLabel="Launching…" onClick={() => void launch()} data-testid="launch-button">
        {preflight ? `Launch to ${formatCount(preflight.sendable)} recipient${preflight.sendable === 1 ? '' : 's'}` : 'Launch'}
      </Button>
    </section>
  );
}
