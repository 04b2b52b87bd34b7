import type { Channel, ChannelDelivery, ChannelSendResult } from '../../channel.ts';

/**
 * The built-in channel used when no WhatsApp number is connected: nothing leaves the server, the
 * message is "delivered" to the conversation, where the web app and the API show it.
 */
export class SandboxChannel implements Channel {
  readonly kind = 'sandbox' as const;

  async send(_delivery: ChannelDelivery): Promise<ChannelSendResult> {
    return { providerMessageId: null, status: 'delivered' };
  }
}
