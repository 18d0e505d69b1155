import type { CampaignWaiting } from '../../../shared/schemas/campaigns';
import { formatWaiting } from '../format';
import './waiting-line.css';

/**
 * Why a launched campaign sends nothing now and until when, as a status line: "Outside sending
 * hours until Mon 09:00 (Madrid)" (issue 14: not "Sending" with "0 of 292 reached" and nothing
 * else). The time is on the campaign's clock, named by its zone's city.
 */
export function WaitingLine({ waiting, timeZone, live = false }: { waiting: CampaignWaiting; timeZone: string; live?: boolean }) {
  return (
    <p className="waiting-line" data-testid="campaign-waiting" data-reason={waiting.reason} data-until={waiting.until} role={live ? 'status' : undefined}>
      <span className="waiting-line__icon" aria-hidden="true">
        ◷
      </span>
      <span data-testid="campaign-waiting-text">{formatWaiting(waiting, timeZone)}</span>
    </p>
  );
}
