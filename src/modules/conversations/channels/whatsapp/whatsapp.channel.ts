import type { Channel, ChannelDelivery, ChannelSendResult } from '../../channel.ts';
import { chooseOutboundForm, type PurposeTemplates } from './customer-service-window.rules.ts';
import { DEFAULT_THROUGHPUT_PER_SECOND } from './send-pacing.rules.ts';
import { WhatsAppSendError } from './whatsapp.errors.ts';
import { DEFAULT_GRAPH_API_VERSION, WhatsAppGraphClient } from './whatsapp-graph.client.ts';

/** The connection of one workspace to its business phone number. */
export interface WhatsAppAccount {
  phoneNumberId: string;
  accessToken: string;
  /** `https://graph.facebook.com/v23.0`: base URL with or without the API version. */
  graphUrl: string;
  templates: PurposeTemplates;
}

export type WhatsAppAccountLookup = (workspaceId: string) => Promise<WhatsAppAccount | null>;

/** Splits `…/v23.0` off a configured Graph URL, as WHATSAPP_GRAPH_URL carries it. */
export function splitGraphUrl(graphUrl: string): { baseUrl: string; apiVersion: string } {
  const trimmed = graphUrl.replace(/\/+$/, '');
  const match = /^(.*)\/(v\d+\.\d+)$/.exec(trimmed);
  return match
    ? { baseUrl: match[1]!, apiVersion: match[2]! }
    : { baseUrl: trimmed, apiVersion: DEFAULT_GRAPH_API_VERSION };
}

// Sends of one number within the last second, kept per process: N processes share Meta's limit,
// so each takes an equal share (CHAUD's deployment guide sets the number of sending processes).
class ThroughputGate {
  private readonly sends: number[] = [];
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  async pass(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sends.length > 0 && this.sends[0]! <= now - 1_000) this.sends.shift();
      if (this.sends.length < this.limit) {
        this.sends.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, this.sends[0]! + 1_000 - now));
    }
  }
}

/** WhatsApp Cloud API channel: text, reply buttons (≤ 3), lists and approved templates. */
export class WhatsAppChannel implements Channel {
  readonly kind = 'whatsapp' as const;
  private readonly lookup: WhatsAppAccountLookup;
  private readonly clients = new Map<string, { key: string; client: WhatsAppGraphClient }>();
  private readonly gates = new Map<string, ThroughputGate>();
  private readonly throughputPerSecond: number;

  constructor(lookup: WhatsAppAccountLookup, options: { throughputPerSecond?: number } = {}) {
    this.lookup = lookup;
    this.throughputPerSecond = options.throughputPerSecond ?? DEFAULT_THROUGHPUT_PER_SECOND;
  }

  async send(delivery: ChannelDelivery): Promise<ChannelSendResult> {
    const account = await this.lookup(delivery.workspaceId);
    if (!account) {
      throw new WhatsAppSendError('No WhatsApp number is connected to this workspace.', {
        code: 0,
        kind: 'auth',
        permanent: true,
      });
    }
    const client = this.clientFor(delivery.workspaceId, account);
    await this.gateFor(account.phoneNumberId).pass();
    const result = await this.sendContent(client, account, delivery);
    return { providerMessageId: result.wamid, status: 'sent' };
  }

  private sendContent(client: WhatsAppGraphClient, account: WhatsAppAccount, delivery: ChannelDelivery) {
    const { content, to } = delivery;
    switch (content.kind) {
      case 'text':
        return client.sendText(to, content.text);
      case 'email':
        return client.sendText(to, content.text);
      case 'choices':
        if (content.choices.length <= 3)
          return client.sendButtons(to, { body: content.text }, content.choices);
        return client.sendList(
          to,
          { body: content.text },
          delivery.language === 'fr' ? 'Choisir' : 'Choose',
          [{ rows: content.choices }],
        );
      case 'template': {
        if (content.templateName) {
          return client.sendTemplate(to, {
            name: content.templateName,
            languageCode: content.languageCode ?? delivery.language,
            bodyParameters: content.parameters,
          });
        }
        const form = chooseOutboundForm({
          lastInboundAt: undefined,
          now: delivery.now,
          purpose: content.purpose,
          templates: account.templates,
          preferredLanguage: delivery.language,
        });
        if (form.form !== 'template') {
          throw new WhatsAppSendError(
            `No approved template for ${content.purpose} (${'reason' in form ? form.reason : form.form}).`,
            {
              code: 0,
              kind: 'template',
              permanent: true,
            },
          );
        }
        return client.sendTemplate(to, {
          name: form.template.name,
          languageCode: form.template.languageCode,
          bodyParameters: content.parameters,
        });
      }
    }
  }

  private clientFor(workspaceId: string, account: WhatsAppAccount): WhatsAppGraphClient {
    const key = `${account.graphUrl}|${account.phoneNumberId}|${account.accessToken}`;
    const cached = this.clients.get(workspaceId);
    if (cached?.key === key) return cached.client;
    const { baseUrl, apiVersion } = splitGraphUrl(account.graphUrl);
    const client = new WhatsAppGraphClient({
      graphUrl: baseUrl,
      apiVersion,
      phoneNumberId: account.phoneNumberId,
      accessToken: account.accessToken,
    });
    this.clients.set(workspaceId, { key, client });
    return client;
  }

  private gateFor(phoneNumberId: string): ThroughputGate {
    let gate = this.gates.get(phoneNumberId);
    if (!gate) {
      gate = new ThroughputGate(this.throughputPerSecond);
      this.gates.set(phoneNumberId, gate);
    }
    return gate;
  }
}
