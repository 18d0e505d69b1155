import { QUOTA_WINDOW_MS } from './quota-units';

/**
 * The units each mailbox (and the project, all mailboxes together) used over the last minute, as
 * Google counts them: a rolling minute. In memory: like Google's own per-minute counters it is gone
 * a minute later anyway, so a sandbox restart loses nothing a client could notice but a fresh minute.
 * The budgets themselves (per mailbox, per project) are stored settings (mailbox-store.ts, project-settings.ts).
 */
export type QuotaVerdict = { ok: true } | { ok: false; over: 'user' | 'project' };

export function createQuotaLedger() {
  const charges = new Map<string, Array<{ at: number; units: number }>>();
  /** Rate-limit answers given per mailbox (quota 403s and sending-limit 429s, not injected faults): tests read them. */
  const refused = new Map<string, number>();

  const recent = (mailbox: string, now: number) => {
    const list = (charges.get(mailbox) ?? []).filter((charge) => charge.at > now - QUOTA_WINDOW_MS);
    if (list.length === 0) charges.delete(mailbox);
    else charges.set(mailbox, list);
    return list;
  };
  const sum = (list: Array<{ units: number }>) => list.reduce((total, charge) => total + charge.units, 0);

  return {
    unitsLastMinute(mailbox: string, now: Date): number {
      return sum(recent(mailbox, now.getTime()));
    },

    projectUnitsLastMinute(now: Date): number {
      let total = 0;
      for (const mailbox of [...charges.keys()]) total += sum(recent(mailbox, now.getTime()));
      return total;
    },

    noteRefusal(mailbox: string): void {
      refused.set(mailbox, (refused.get(mailbox) ?? 0) + 1);
    },

    refusals(mailbox: string): number {
      return refused.get(mailbox) ?? 0;
    },

    /**
     * Charges `units` to `mailbox` when both budgets have room; a refused call costs nothing. The
     * user's limit is checked first: with one busy mailbox that is the one Google names.
     */
    charge(mailbox: string, units: number, budgets: { user: number; project: number }, now: Date): QuotaVerdict {
      const at = now.getTime();
      if (sum(recent(mailbox, at)) + units > budgets.user) return { ok: false, over: 'user' };
      if (this.projectUnitsLastMinute(now) + units > budgets.project) return { ok: false, over: 'project' };
      charges.set(mailbox, [...(charges.get(mailbox) ?? []), { at, units }]);
      return { ok: true };
    },
  };
}

export type QuotaLedger = ReturnType<typeof createQuotaLedger>;
