// The conversations bench's fixtures: a Chaud server with workers and a WhatsApp number pointed at a
// FakeGraphApi in the bench process, webhook payloads, and the first send the fake saw per recipient.
import type { FakeGraphApi } from '../test/fake-graph-api.ts';
import { inboundTextPayload as buildInboundText } from '../test/whatsapp-payloads.ts';
import {
  BENCH_API_KEY,
  type ChaudServer,
  findFreePort,
  LOOPBACK,
  startChild,
  waitForHttp,
} from './processes.ts';

export const PHONE_NUMBER_ID = '1122334455667';
export const ACCESS_TOKEN = 'EAAG-bench-access-token';
export const APP_SECRET = 'bench-app-secret-not-secret';
const VERIFY_TOKEN = 'bench-verify-token';
export const FIRST_CONTACT_TEMPLATE = 'chaud_first_contact';

/** `chaud serve` (workers on) with sends unthrottled up to 1000/s, so pacing does not hide the pipeline's cost. */
export async function startConversationServer(
  database: { databaseUrl: string } | { dataDir: string },
  nodeArgs: string[] = [],
): Promise<ChaudServer> {
  const port = await findFreePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: LOOPBACK,
    CHAUD_ADMIN_API_KEY: BENCH_API_KEY,
    CHAUD_ADMIN_PASSWORD: 'bench-password-not-secret',
    CHAUD_LOG_LEVEL: 'warn',
    WHATSAPP_THROUGHPUT_PER_SECOND: '1000',
    ...('databaseUrl' in database
      ? { DATABASE_URL: database.databaseUrl }
      : { CHAUD_DATA_DIR: database.dataDir }),
  };
  const child = startChild(process.execPath, [...nodeArgs, 'bin/chaud.mjs', 'serve'], env);
  const url = `http://${LOOPBACK}:${port}`;
  await waitForHttp(`${url}/health`, child);
  return { url, child };
}

export async function apiRequest(
  server: ChaudServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${BENCH_API_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Connects the bench workspace's WhatsApp number to the fake Graph API. */
export async function connectWhatsApp(server: ChaudServer, fake: FakeGraphApi): Promise<void> {
  const response = await apiRequest(server, 'PUT', '/api/v1/settings/whatsapp', {
    phoneNumberId: PHONE_NUMBER_ID,
    accessToken: ACCESS_TOKEN,
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    graphUrl: `${fake.url}/v23.0`,
    templates: {
      first_contact: [{ name: FIRST_CONTACT_TEMPLATE, languageCode: 'fr' }],
      follow_up: [{ name: 'chaud_follow_up', languageCode: 'fr' }],
    },
  });
  if (!response.ok)
    throw new Error(`PUT /api/v1/settings/whatsapp answered ${response.status}: ${await response.text()}`);
}

/** A French mobile number, distinct per (series, index): `+33 6 <series, 2 digits><index, 6 digits>`. */
export function benchPhone(series: number, index: number): string {
  return `+336${String(series).padStart(2, '0')}${String(index).padStart(6, '0')}`;
}

export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** An inbound text message from `from` (a wa_id), shaped like Meta's webhook. */
export function inboundTextPayload(wamid: string, from: string, body: string) {
  return buildInboundText(PHONE_NUMBER_ID, { wamid, from, body });
}

export interface FirstSends {
  /** Arrival (Date.now() ms) of the first template sent to these digits. */
  template?: number;
  /** Arrival of the first other message (the agent's reply). */
  reply?: number;
}

/** First accepted sends per recipient, read incrementally from the fake's request log. */
export class SendWatcher {
  private readonly fake: FakeGraphApi;
  private readonly byRecipient = new Map<string, FirstSends>();
  private cursor = 0;
  /** Accepted message requests seen (read receipts excluded). */
  messages = 0;

  constructor(fake: FakeGraphApi) {
    this.fake = fake;
  }

  update(): void {
    const requests = this.fake.requests;
    for (; this.cursor < requests.length; this.cursor++) {
      const request = requests[this.cursor]!;
      const body = request.body as { to?: unknown; type?: unknown; status?: unknown } | null;
      if (request.status !== 200 || typeof body?.to !== 'string' || body.type === undefined) continue;
      this.messages += 1;
      const digits = digitsOf(body.to);
      const sends = this.byRecipient.get(digits) ?? {};
      if (body.type === 'template') sends.template ??= request.receivedAt;
      else sends.reply ??= request.receivedAt;
      this.byRecipient.set(digits, sends);
    }
  }

  of(digits: string): FirstSends {
    this.update();
    return this.byRecipient.get(digits) ?? {};
  }
}
