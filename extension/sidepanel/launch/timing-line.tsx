import type { Preflight } from '../../../shared/schemas/launch';
import { timingSegments } from '../format';

/**
 * When a launch now would start and end, in the user's words and on the campaign's clock (where
 * its sending hours are read): "Starts Mon 09:00 (Madrid), first messages done Wed, follow-ups
 * until Fri 17:00" (issue 14). Each moment is a <time> carrying its instant.
 */
export function TimingLine({ timing, timeZone }: { timing: NonNullable<Preflight['timing']>; timeZone: string }) {
  return (
    <p className="timing-line" data-testid="preflight-timing">
      <span className="timing-line__icon" aria-hidden="true">
        ◷
      </span>
      <span>
        {timingSegments(timing, timeZone).map((segment, index) =>
          typeof segment === 'string' ? (
            segment
          ) : (
            <time key={index} dateTime={segment.iso}>
              {segment.text}
            </time>
          ),
        )}
      </span>
    </p>
  );
}
