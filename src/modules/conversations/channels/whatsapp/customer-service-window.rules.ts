/** Meta's customer-service window: free-form messages are allowed for 24 h after the user's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * A send is planned as closed this long before the real end: the message still waits in the outbox
 * and the pacing queue, and Meta judges the window on its own clock. 5 minutes.
 */
export const DEFAULT_WINDOW_SAFETY_MARGIN_MS = 5 * 60 * 1000;

/** Why Chaud writes outside a conversation the user is driving; each purpose has its own approved template. */
export type TemplatePurpose = 'first_contact' | 'follow_up' | 'booking_reminder';

/** An approved template configured for a purpose, with its language (Meta approves each language apart). */
export interface ConfiguredTemplate {
  name: string;
  languageCode: string;
  /** Meta's review status when known; only APPROVED templates are sent. */
  status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
}

export type PurposeTemplates = Partial<Record<TemplatePurpose, readonly ConfiguredTemplate[]>>;

export type OutboundForm =
  | { form: 'free_form'; windowClosesAt: Date }
  | { form: 'template'; template: ConfiguredTemplate; reason: 'WINDOW_CLOSED' | 'NO_INBOUND_MESSAGE' }
  | {
      form: 'cannot_send';
      reason: 'NO_TEMPLATE_FOR_PURPOSE' | 'TEMPLATE_NOT_APPROVED';
      windowState: 'closed' | 'never_opened';
    };

/** When the window of a user who last wrote at `lastInboundAt` closes; undefined if they never wrote. */
export function windowClosesAt(lastInboundAt: Date | undefined): Date | undefined {
  return lastInboundAt ? new Date(lastInboundAt.getTime() + CUSTOMER_SERVICE_WINDOW_MS) : undefined;
}

/** True while free-form messages may be sent, `marginMs` before Meta's real deadline. */
export function isWindowOpen(lastInboundAt: Date | undefined, now: Date, marginMs = 0): boolean {
  const closesAt = windowClosesAt(lastInboundAt);
  return closesAt !== undefined && now.getTime() < closesAt.getTime() - marginMs;
}

export interface OutboundFormInput {
  /** Time of the user's last inbound message (Meta's timestamp), undefined if they never wrote. */
  lastInboundAt: Date | undefined;
  now: Date;
  purpose: TemplatePurpose;
  templates: PurposeTemplates;
  /** The lead's language ("fr", "en_US"…), to pick among the languages of the purpose's templates. */
  preferredLanguage?: string;
  marginMs?: number;
}

/**
 * Decides how a message may go out: free-form inside the window, otherwise only the approved template
 * configured for the purpose (first contact, follow-up, booking reminder), otherwise not at all.
 */
export function chooseOutboundForm(input: OutboundFormInput): OutboundForm {
  const margin = input.marginMs ?? DEFAULT_WINDOW_SAFETY_MARGIN_MS;
  if (isWindowOpen(input.lastInboundAt, input.now, margin)) {
    return { form: 'free_form', windowClosesAt: windowClosesAt(input.lastInboundAt)! };
  }
  const windowState = input.lastInboundAt ? 'closed' : 'never_opened';
  const configured = input.templates[input.purpose] ?? [];
  if (configured.length === 0) return { form: 'cannot_send', reason: 'NO_TEMPLATE_FOR_PURPOSE', windowState };
  // A template without a known status was approved when configured; any other status is not sendable.
  const approved = configured.filter(
    (template) => template.status === undefined || template.status === 'APPROVED',
  );
  const template = pickLanguage(approved, input.preferredLanguage);
  if (!template) return { form: 'cannot_send', reason: 'TEMPLATE_NOT_APPROVED', windowState };
  return { form: 'template', template, reason: input.lastInboundAt ? 'WINDOW_CLOSED' : 'NO_INBOUND_MESSAGE' };
}

// Exact locale first ("fr_FR"), then the same language ("fr" for "fr_CA"), then the first configured.
function pickLanguage(
  templates: readonly ConfiguredTemplate[],
  preferred: string | undefined,
): ConfiguredTemplate | undefined {
  if (!preferred) return templates[0];
  const wanted = normalizeLocale(preferred);
  const language = wanted.split('_')[0];
  return (
    templates.find((template) => normalizeLocale(template.languageCode) === wanted) ??
    templates.find((template) => normalizeLocale(template.languageCode).split('_')[0] === language) ??
    templates[0]
  );
}

function normalizeLocale(code: string): string {
  return code.trim().replace('-', '_').toLowerCase();
}
