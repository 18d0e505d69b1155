import { useEffect, useState } from 'react';
import type { Timeline } from '../../../shared/schemas/analytics';
import { browserTimeZone } from '../format';
import { sendMessage } from '../send-message';
import { InlineAlert } from '../ui/inline-alert';
import { TimelineChart } from './timeline-chart';

/** Activity over time, by hour or day in the browser's time zone. `version` changes to refetch. */
export function TimelineSection({ campaignId, version }: { campaignId: string; version: string | null }) {
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void sendMessage({ type: 'campaigns/timeline', id: campaignId, bucket, tz: browserTimeZone() }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setTimeline(result.value);
        setError(null);
      } else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [campaignId, bucket, version]);

  return (
    <section className="stack" aria-labelledby="timeline-title" data-testid="timeline">
      <div className="row row--between">
        <h3 className="section-title" id="timeline-title">
          Over time
        </h3>
        <div className="row" role="radiogroup" aria-label="Group by">
          {(['hour', 'day'] as const).map((option) => (
            <label key={option} className="muted">
              <input type="radio" name="timeline-bucket" checked={bucket === option} onChange={() => setBucket(option)} /> by {option}
            </label>
          ))}
        </div>
      </div>
      {error && <InlineAlert message={error} />}
      {timeline && <TimelineChart timeline={timeline} />}
    </section>
  );
}
