// Webhook bodies shaped like Meta's (business-messaging-api v23.0), for tests and benchmarks.

function envelope(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1234567890',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '33100000000', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** A text message from `from` (a wa_id) to the business number `phoneNumberId`. */
export function inboundTextPayload(
  phoneNumberId: string,
  message: { wamid: string; from: string; body: string; sentAt?: Date; name?: string },
) {
  const timestamp = String(Math.floor((message.sentAt ?? new Date()).getTime() / 1000));
  return envelope(phoneNumberId, {
    contacts: [{ profile: { name: message.name ?? 'Léa Martin' }, wa_id: message.from }],
    messages: [
      { from: message.from, id: message.wamid, timestamp, type: 'text', text: { body: message.body } },
    ],
  });
}

/** A delivery status of a message the business sent. */
export function statusPayload(
  phoneNumberId: string,
  status: {
    wamid: string;
    status: 'sent' | 'delivered' | 'read' | 'failed';
    recipient: string;
    at?: Date;
    errors?: { code: number; title: string }[];
  },
) {
  const timestamp = String(Math.floor((status.at ?? new Date()).getTime() / 1000));
  return envelope(phoneNumberId, {
    statuses: [
      {
        id: status.wamid,
        status: status.status,
        timestamp,
        recipient_id: status.recipient,
        ...(status.errors ? { errors: status.errors } : {}),
      },
    ],
  });
}
