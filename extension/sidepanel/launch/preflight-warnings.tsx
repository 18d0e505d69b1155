import type { PreflightWarning } from '../../../shared/schemas/launch';
import { Notice } from '../ui/notice';
import './preflight-warnings.css';

/**
 * What the user should know before launching that does not stop it (Google's bulk-sender
 * threshold, missing SPF/DKIM/DMARC…), each in the server's words. Nothing when there is none or
 * the server is older (no `warnings`).
 */
export function PreflightWarnings({ warnings }: { warnings: readonly PreflightWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <Notice tone="warning" testId="preflight-warnings">
      <p>Before launching, know that:</p>
      <ul className="preflight__warnings">
        {warnings.map((warning) => (
          <li key={warning.code + warning.message} data-code={warning.code}>
            {warning.message}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
