import fs from 'node:fs';
import path from 'node:path';

// Test support: the recorded webhook payloads and Meta's examples live in shared/fixtures/whatsapp,
// beside the repository (see SOURCE.md there), and are read in place rather than copied in.

export interface RecordedWebhook {
  /** "individual/incoming_text" or "pywa/message.json#referral". */
  name: string;
  payload: unknown;
}

export type FixtureLookup = { dir: string } | { missing: string };

/** Where shared/fixtures/whatsapp is, or why it cannot be used (tests then skip and print the reason). */
export function locateWhatsAppFixtures(): FixtureLookup {
  let dir = import.meta.dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return { missing: 'no package.json above the test file' };
    dir = parent;
  }
  const fixtures = path.resolve(dir, '..', 'shared', 'fixtures', 'whatsapp');
  return fs.existsSync(path.join(fixtures, 'individual'))
    ? { dir: fixtures }
    : { missing: `${fixtures} is absent (shared/ is not beside the repository)` };
}

/** The 14 single-case payloads of individual/*.json. */
export function readIndividualWebhooks(dir: string): RecordedWebhook[] {
  const folder = path.join(dir, 'individual');
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: `individual/${file.replace(/\.json$/, '')}`,
      payload: JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as unknown,
    }));
}

/** Every case of pywa-fixtures/*.json (each file maps case names to full envelopes). */
export function readPywaWebhooks(dir: string): RecordedWebhook[] {
  const folder = path.join(dir, 'pywa-fixtures');
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const cases = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>;
      return Object.entries(cases).map(([name, payload]) => ({ name: `pywa/${file}#${name}`, payload }));
    });
}

/** Meta's request examples for POST /{version}/{phone-number-id}/messages, by example title. */
export function readSendExamples(dir: string): Record<string, Record<string, unknown>> {
  const file = path.join(dir, 'meta-openapi', 'send_message_request_examples.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { examples: Record<string, Record<string, unknown>> })
    .examples;
}
