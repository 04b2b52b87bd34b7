import type { ChannelKind } from './conversations.tables.ts';

export interface ConsentSnapshot {
  purpose: string;
  channel: string;
  isGranted: boolean;
}

export interface ChannelPermission {
  isAllowed: boolean;
  /** The lead withdrew consent: nothing may go out on this channel, whatever is queued. */
  isOptedOut: boolean;
}

// Purposes that cover talking to the lead on each channel; a withdrawal of any of them is an opt-out.
const PURPOSES: Record<'whatsapp' | 'email', readonly string[]> = {
  whatsapp: ['whatsapp', 'sales_contact'],
  email: ['marketing_email', 'sales_contact'],
};

/**
 * Whether Chaud may write to the lead on `channel` now, from the current consent per purpose and
 * channel (latest ledger row). A lead who wrote to us first may be answered on that channel; the
 * sandbox needs no grant, only the absence of an opt-out.
 */
export function decideChannelPermission(
  consents: readonly ConsentSnapshot[],
  channel: ChannelKind,
  options: { hasLeadWritten: boolean },
): ChannelPermission {
  const medium = channel === 'email' ? 'email' : 'whatsapp';
  const relevant = consents.filter(
    (row) => PURPOSES[medium].includes(row.purpose) && (row.channel === medium || row.channel === 'any'),
  );
  const isOptedOut = relevant.some((row) => !row.isGranted);
  if (isOptedOut) return { isAllowed: false, isOptedOut: true };
  if (channel === 'sandbox') return { isAllowed: true, isOptedOut: false };
  const isGranted = relevant.some((row) => row.isGranted);
  return { isAllowed: isGranted || options.hasLeadWritten, isOptedOut: false };
}
