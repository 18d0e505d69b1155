/** @jsxImportSource hono/jsx */
import type { Config } from '../../config/config';

/** Said when the operator did not name themselves (OPERATOR_NAME unset). */
export const UNNAMED_OPERATOR = 'the administrator of this server';

export type OperatorInfo = { name: string; contact: string | undefined };

/** The operator as the policy names them, from config. */
export function operatorInfo(config: Pick<Config, 'operator'>): OperatorInfo {
  // Typed as possibly missing: an unset OPERATOR_NAME must read as a description, not as "undefined".
  const name: string | undefined = config.operator.name;
  return { name: name?.trim() || UNNAMED_OPERATOR, contact: config.operator.contact?.trim() || undefined };
}

/**
 * The operator's contact: a mailto or web link when it is one, plain text otherwise. Only those two
 * schemes become links, so a `javascript:` value can never be clicked.
 */
export function OperatorContact({ contact }: { contact: string }) {
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(contact)) return <a href={`mailto:${contact}`}>{contact}</a>;
  if (/^https?:\/\/\S+$/i.test(contact)) return <a href={contact}>{contact}</a>;
  return <>{contact}</>;
}
