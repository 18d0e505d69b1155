import type { Context } from 'hono';
import type { Fault, FaultOperation } from './faults';
import { sleep } from './faults';
import { apiError, defaultOAuthErrorCode, oauthError } from './google-errors';
import type { SandboxDeps } from './sandbox-deps';

/** Google's answer for a fault: Gmail-API JSON for API calls, RFC 6749 JSON for OAuth endpoints. */
export function faultResponse(c: Context, fault: Fault & { status: number }, style: 'api' | 'oauth') {
  if (style === 'oauth') {
    const error = fault.reason ?? defaultOAuthErrorCode(fault.status);
    return oauthError(c, fault.status, error, fault.message ?? (error === 'invalid_grant' ? 'Token has been expired or revoked.' : 'Sandbox fault'));
  }
  return apiError(c, fault.status, { reason: fault.reason, message: fault.message, retryAfterSeconds: fault.retryAfterSeconds });
}

/**
 * Applies the fault (if any) for this call: waits at its gate and its latency, then answers its error. Returns
 * undefined when the call should proceed; `afterSend` faults are returned to the caller instead
 * (the send route stores first, then answers).
 */
export async function checkFault(
  c: Context,
  deps: SandboxDeps,
  operation: FaultOperation,
  mailbox: string | undefined,
  style: 'api' | 'oauth',
): Promise<{ response?: Response; afterSend?: Fault & { status: number } }> {
  const fault = deps.faults.take(operation, mailbox);
  if (!fault) return {};
  if (fault.hold) await deps.faults.gates.pass(fault.id);
  if (fault.latencyMs) await sleep(fault.latencyMs);
  if (fault.status === undefined) return {};
  const withStatus = { ...fault, status: fault.status };
  if (fault.afterSend) return { afterSend: withStatus };
  return { response: faultResponse(c, withStatus, style) };
}
