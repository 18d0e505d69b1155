/** @jsxImportSource hono/jsx */
import type { CreatedToken } from '../../../../shared/schemas/tokens';
import { Notice } from '../components/notice';

/**
 * The new token's secret, shown this once: the server keeps only its hash. Read-only field so it
 * can be selected; the Copy button stays hidden until the script can make it work.
 */
export function CreatedTokenNotice({ token }: { token: CreatedToken }) {
  return (
    <Notice tone="warning">
      <h2>Copy your new token now</h2>
      <p>
        This is the only time the token <strong>{token.name}</strong> is shown. Store it where you keep passwords, or paste
        it into the extension now. If you lose it, revoke it and create another.
      </p>
      <label for="new-token">New API token</label>
      <div class="copy-row">
        <input id="new-token" type="text" readonly value={token.token} autocomplete="off" spellcheck={false} />
        <button type="button" class="secondary" data-copy-target="new-token" data-copy-status="copy-status" hidden>
          Copy
        </button>
      </div>
      <p id="copy-status" aria-live="polite" class="hint"></p>
    </Notice>
  );
}
