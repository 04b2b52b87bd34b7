import { z } from 'zod';
import { WhatsAppSendError } from './whatsapp.errors.ts';
import {
  buildButtonsMessage,
  buildListMessage,
  buildReadReceipt,
  buildTemplateMessage,
  buildTextMessage,
  type InteractiveFrame,
  type ListSection,
  type MessageRequest,
  type ReplyButton,
  type TemplateInput,
} from './whatsapp-outbound.rules.ts';
import { classifySendError, describeErrorCode, type GraphErrorBody } from './whatsapp-send-errors.rules.ts';

/** Graph API version the request formats follow (business-messaging-api_v23.0). */
export const DEFAULT_GRAPH_API_VERSION = 'v23.0';
const DEFAULT_TIMEOUT_MS = 15_000;

export interface WhatsAppGraphClientOptions {
  /** e.g. https://graph.facebook.com, or the fake Graph API in tests. */
  graphUrl: string;
  apiVersion?: string;
  /** The business phone number's id (not the number itself). */
  phoneNumberId: string;
  /** System-user access token with whatsapp_business_messaging. */
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface SendResult {
  /** The wamid that statuses and replies will refer to. */
  wamid: string;
  /** The recipient's canonical WhatsApp id, which may differ from the number sent to. */
  waId?: string;
  /** `accepted`, `held_for_quality_assessment` or `paused`, when Meta says (templates). */
  messageStatus?: string;
}

const ZSendResponse = z.object({
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
  messages: z.array(z.object({ id: z.string().min(1), message_status: z.string().optional() })).min(1),
});

const ZErrorResponse = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/** Sends messages through the WhatsApp Cloud API for one business phone number. */
export class WhatsAppGraphClient {
  private readonly endpoint: string;
  private readonly accessToken: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: WhatsAppGraphClientOptions) {
    const base = options.graphUrl.replace(/\/+$/, '');
    const version = options.apiVersion ?? DEFAULT_GRAPH_API_VERSION;
    this.endpoint = `${base}/${version}/${encodeURIComponent(options.phoneNumberId)}/messages`;
    this.accessToken = options.accessToken;
    this.fetchImpl = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async sendText(
    to: string,
    body: string,
    options: { previewUrl?: boolean; replyTo?: string } = {},
  ): Promise<SendResult> {
    return this.send(buildTextMessage(to, body, options));
  }

  /** Up to 3 reply buttons (titles ≤ 20 characters); a tap comes back as a `button_reply`. */
  async sendButtons(
    to: string,
    frame: InteractiveFrame,
    buttons: readonly ReplyButton[],
  ): Promise<SendResult> {
    return this.send(buildButtonsMessage(to, frame, buttons));
  }

  /** A list of up to 10 rows in all (titles ≤ 24 characters); a choice comes back as a `list_reply`. */
  async sendList(
    to: string,
    frame: InteractiveFrame,
    buttonText: string,
    sections: readonly ListSection[],
  ): Promise<SendResult> {
    return this.send(buildListMessage(to, frame, buttonText, sections));
  }

  /** An approved template: the only form allowed outside the 24-hour customer-service window. */
  async sendTemplate(to: string, template: TemplateInput): Promise<SendResult> {
    return this.send(buildTemplateMessage(to, template));
  }

  /** Marks an inbound message (and the earlier ones of the chat) read. */
  async markRead(messageId: string, options: { showTyping?: boolean } = {}): Promise<void> {
    await this.post(buildReadReceipt(messageId, options));
  }

  /** Sends a request body built by whatsapp-outbound.rules.ts (or any other documented message type). */
  async send(request: MessageRequest): Promise<SendResult> {
    const answer = await this.post(request);
    const parsed = ZSendResponse.safeParse(answer);
    if (!parsed.success) {
      // Meta answered 200 without a message id: the message may be out, so retrying could send it twice.
      throw new WhatsAppSendError('The Graph API accepted the request but returned no message id.', {
        code: 0,
        kind: 'permanent',
        permanent: true,
        httpStatus: 200,
      });
    }
    const [message] = parsed.data.messages;
    const waId = parsed.data.contacts?.[0]?.wa_id?.trim();
    return {
      wamid: message!.id,
      ...(waId ? { waId } : {}),
      ...(message!.message_status ? { messageStatus: message!.message_status } : {}),
    };
  }

  private async post(request: MessageRequest): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      // Connection refused, reset or timed out: Meta may or may not have the message; the caller's
      // idempotency key decides whether a retry is safe.
      throw new WhatsAppSendError(
        `The Graph API could not be reached: ${String(cause)}`,
        {
          code: 0,
          kind: 'temporary',
          permanent: false,
        },
        { cause },
      );
    }
    const text = await response.text();
    const json = parseJson(text);
    if (response.ok) return json;
    const graphError = ZErrorResponse.safeParse(json);
    const error: GraphErrorBody | undefined = graphError.success ? graphError.data.error : undefined;
    const fields = classifySendError(response.status, error, response.headers.get('retry-after'));
    const meaning = describeErrorCode(fields.code);
    const message = error?.message ?? `HTTP ${response.status} from the Graph API`;
    throw new WhatsAppSendError(
      meaning && !message.includes(meaning) ? `${message} (${meaning})` : message,
      fields,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
