import { expect } from 'vitest';
import { locateWhatsAppFixtures, type RecordedWebhook } from './whatsapp.fixtures.ts';
import type { InboundMessage, ParsedWebhook } from './whatsapp-inbound.types.ts';
import { parseWebhook } from './whatsapp-webhook.parser.ts';

// Shared by the parseWebhook suites (Meta's individual payloads, pywa's cases): where the recorded
// payloads are, and short reads of one parsed case.

const fixtures = locateWhatsAppFixtures();
if ('missing' in fixtures) console.warn(`[whatsapp] recorded-payload tests skipped: ${fixtures.missing}`);
/** shared/fixtures/whatsapp, or '' when it is absent (the recorded-payload suites then skip). */
export const recordedDir = 'dir' in fixtures ? fixtures.dir : '';

export function parsed(list: RecordedWebhook[], name: string): ParsedWebhook {
  const found = list.find((item) => item.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return parseWebhook(found.payload);
}

export function onlyMessage(result: ParsedWebhook): InboundMessage {
  expect(result.entries).toHaveLength(1);
  expect(result.entries[0]!.messages).toHaveLength(1);
  return result.entries[0]!.messages[0]!;
}

export const at = (seconds: number) => new Date(seconds * 1000);
