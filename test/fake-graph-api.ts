import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhookBody } from '../src/modules/conversations/channels/whatsapp/whatsapp-signature.ts';
import { type FakeGraphError, type FakeTemplate, validateMessage } from './fake-graph-api.validation.ts';

export type { FakeGraphError, FakeTemplate } from './fake-graph-api.validation.ts';

// A stand-in for Meta's Graph API on 127.0.0.1: POST /{version}/{phone-number-id}/messages with the
// request and answer formats of business-messaging-api v23.0, Meta-style errors, injectable failures,
// and deliverWebhook() to replay signed webhook payloads at Chaud.

/** Ready-made errors with the codes and messages Meta documents. */
export const GRAPH_ERRORS = {
  throughput: { httpStatus: 429, code: 130429, message: '(#130429) Rate limit hit' },
  businessRateLimit: {
    httpStatus: 429,
    code: 80007,
    subcode: 2446079,
    message: 'Business request limit reached',
  },
  pairRate: { code: 131056, message: '(#131056) (Business Account, Consumer Account) pair rate limit hit' },
  reEngagement: { code: 131047, message: '(#131047) Re-engagement message' },
  undeliverable: { code: 131026, message: '(#131026) Message Undeliverable' },
  marketingOptOut: { code: 131050, message: '(#131050) User has stopped receipt of marketing messages' },
  serviceUnavailable: { httpStatus: 503, code: 131016, message: '(#131016) Service unavailable' },
  somethingWrong: { httpStatus: 500, code: 131000, message: '(#131000) Something went wrong' },
} satisfies Record<string, FakeGraphError>;

export interface RecordedRequest {
  /** Arrival time, Date.now() milliseconds. */
  receivedAt: number;
  method: string;
  path: string;
  version?: string;
  phoneNumberId?: string;
  authorization?: string;
  body: unknown;
  /** The HTTP status the fake answered. */
  status: number;
}

export interface FakeGraphApiOptions {
  accessToken: string;
  /** Phone number ids this token may send from; any id when omitted. */
  phoneNumberIds?: readonly string[];
  /** Approved templates; any template is accepted when omitted. */
  templates?: readonly FakeTemplate[];
}

interface ScheduledFailure {
  error: FakeGraphError;
  remaining: number;
}

export class FakeGraphApi {
  readonly requests: RecordedRequest[] = [];
  private readonly options: FakeGraphApiOptions;
  private readonly server: Server;
  private nextFailures: ScheduledFailure[] = [];
  private readonly recipientFailures = new Map<string, ScheduledFailure>();
  private latencyMs = 0;

  private constructor(options: FakeGraphApiOptions) {
    this.options = options;
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  /** Starts on 127.0.0.1 with a random port. */
  static async start(options: FakeGraphApiOptions): Promise<FakeGraphApi> {
    const fake = new FakeGraphApi(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL to give the client as `graphUrl`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Message requests (not read receipts) that were accepted, in arrival order. */
  get sentMessages(): RecordedRequest[] {
    return this.requests.filter(
      (item) => item.status === 200 && (item.body as { type?: unknown })?.type !== undefined,
    );
  }

  /** Answers the next `count` valid send requests with `error`. */
  failNext(count: number, error: FakeGraphError): void {
    this.nextFailures.push({ error, remaining: count });
  }

  /** Answers sends to `to` with `error`, `times` times (always by default). */
  failRecipient(to: string, error: FakeGraphError, times = Number.POSITIVE_INFINITY): void {
    this.recipientFailures.set(digitsOf(to), { error, remaining: times });
  }

  /** Delays every answer, to test client timeouts. */
  setLatency(milliseconds: number): void {
    this.latencyMs = milliseconds;
  }

  reset(): void {
    this.requests.length = 0;
    this.nextFailures = [];
    this.recipientFailures.clear();
    this.latencyMs = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const raw = await readBody(request);
    const body = parseJson(raw);
    const path = (request.url ?? '/').split('?')[0]!;
    const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(path);
    const recorded: RecordedRequest = {
      receivedAt,
      method: request.method ?? 'GET',
      path,
      ...(match ? { version: match[1], phoneNumberId: decodeURIComponent(match[2]!) } : {}),
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
      body: body === PARSE_FAILED ? raw : body,
      status: 0,
    };
    this.requests.push(recorded);
    const [status, answer, headers] = this.answer(request, match, body);
    recorded.status = status;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (response.destroyed) return;
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(answer));
  }

  private answer(
    request: IncomingMessage,
    match: RegExpExecArray | null,
    body: unknown,
  ): [number, unknown, Record<string, string>?] {
    const phoneLookup = /^\/(v\d+\.\d+)\/(\d+)$/.exec((request.url ?? '/').split('?')[0]!);
    if (request.method === 'GET' && phoneLookup) return this.answerPhoneNumber(request, phoneLookup[2]!);
    if (request.method !== 'POST' || !match) {
      return graphError({
        httpStatus: 400,
        code: 100,
        type: 'GraphMethodException',
        message: 'Unsupported request',
      });
    }
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) {
      return graphError({
        httpStatus: 401,
        code: 104,
        message: 'An access token is required to request this resource.',
      });
    }
    if (token !== this.options.accessToken) {
      return graphError({
        httpStatus: 401,
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    }
    const phoneNumberId = decodeURIComponent(match[2]!);
    if (this.options.phoneNumberIds && !this.options.phoneNumberIds.includes(phoneNumberId)) {
      return graphError({
        httpStatus: 400,
        code: 100,
        subcode: 33,
        type: 'GraphMethodException',
        message: `Unsupported post request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      });
    }
    const problem =
      body === PARSE_FAILED
        ? { code: 100, message: '(#100) Invalid parameter', details: 'The request body is not JSON.' }
        : validateMessage(body, this.options.templates);
    if (problem) return graphError(problem);
    const message = body as Record<string, unknown>;
    if (message.status === 'read') return [200, { success: true }];
    const failure = this.takeFailure(String(message.to));
    if (failure) return graphError(failure);
    const to = String(message.to);
    const wamid = `wamid.${randomBytes(24).toString('base64url')}`;
    return [
      200,
      {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: digitsOf(to) }],
        messages: [{ id: wamid, ...(message.type === 'template' ? { message_status: 'accepted' } : {}) }],
      },
    ];
  }

  /** GET /{version}/{phone-number-id}: the number's profile, as a "test connection" reads it. */
  private answerPhoneNumber(
    request: IncomingMessage,
    phoneNumberId: string,
  ): [number, unknown, Record<string, string>?] {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token !== this.options.accessToken)
      return graphError({
        httpStatus: 401,
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      });
    if (this.options.phoneNumberIds && !this.options.phoneNumberIds.includes(phoneNumberId))
      return graphError({
        httpStatus: 400,
        code: 100,
        subcode: 33,
        type: 'GraphMethodException',
        message: `Unsupported get request. Object with ID '${phoneNumberId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      });
    return [
      200,
      {
        id: phoneNumberId,
        display_phone_number: '+33 1 23 45 67 89',
        verified_name: 'Chaud Test',
        quality_rating: 'GREEN',
      },
    ];
  }

  private takeFailure(to: string): FakeGraphError | undefined {
    const forRecipient = this.recipientFailures.get(digitsOf(to));
    const scheduled =
      forRecipient && forRecipient.remaining > 0
        ? forRecipient
        : this.nextFailures.find((item) => item.remaining > 0);
    if (!scheduled) return undefined;
    scheduled.remaining -= 1;
    return scheduled.error;
  }
}

export interface WebhookDelivery {
  status: number;
  body: string;
  durationMs: number;
}

/**
 * POSTs a webhook payload to `targetUrl` signed like Meta does (X-Hub-Signature-256 over the raw bytes).
 * Objects are serialised Meta's way, non-ASCII as \uXXXX and "/" as "\/", so a receiver that re-serialises
 * parsed JSON instead of hashing the raw body fails as it would in production. A string is sent byte for byte.
 */
export async function deliverWebhook(
  targetUrl: string,
  payload: unknown,
  appSecret: string,
  options: { signature?: string | null; headers?: Record<string, string> } = {},
): Promise<WebhookDelivery> {
  const raw = typeof payload === 'string' ? payload : serializeLikeMeta(payload);
  const signature = options.signature === undefined ? signWebhookBody(raw, appSecret) : options.signature;
  const started = performance.now();
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-hub-signature-256': signature }),
      ...options.headers,
    },
    body: raw,
  });
  const body = await response.text();
  return { status: response.status, body, durationMs: performance.now() - started };
}

export function serializeLikeMeta(payload: unknown): string {
  return JSON.stringify(payload)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const PARSE_FAILED = Symbol('parse failed');

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return PARSE_FAILED;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function digitsOf(to: string): string {
  return to.replace(/\D/g, '');
}

function graphError(error: FakeGraphError): [number, unknown, Record<string, string>?] {
  const headers =
    error.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(error.retryAfterSeconds) };
  return [
    error.httpStatus ?? 400,
    {
      error: {
        message: error.message ?? `(#${error.code}) Error`,
        type: error.type ?? 'OAuthException',
        code: error.code,
        ...(error.subcode === undefined ? {} : { error_subcode: error.subcode }),
        ...(error.details === undefined
          ? {}
          : { error_data: { messaging_product: 'whatsapp', details: error.details } }),
        fbtrace_id: randomBytes(9).toString('base64url'),
      },
    },
    headers,
  ];
}
