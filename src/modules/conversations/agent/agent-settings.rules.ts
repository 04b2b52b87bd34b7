import { z } from 'zod';
import { type AgentSettings, DEFAULT_AGENT_SETTINGS } from './agent.types.ts';

const ZText = z.string().trim().min(1);
const ZBilingual = z.object({ fr: ZText.max(2000), en: ZText.max(2000) });

const ZFaqEntry = z.object({
  topic: ZText.max(100),
  answer: ZBilingual,
  keywords: z.array(ZText.max(100)).max(50).optional(),
});

const defaults = DEFAULT_AGENT_SETTINGS;

// Field by field, so one bad value (say a typo in `tone`) keeps every other setting the workspace chose.
const ZStoredSettings = z.object({
  tone: z.enum(['tu', 'vous']).catch(defaults.tone),
  style: z.enum(['formal', 'casual']).catch(defaults.style),
  companyName: ZText.max(100).catch(defaults.companyName),
  agentName: ZText.max(60).catch(defaults.agentName),
  signature: ZText.max(300).nullable().catch(defaults.signature),
  defaultLanguage: z.enum(['fr', 'en']).catch(defaults.defaultLanguage),
  // A list the workspace wrote replaces the defaults: leaving a topic out means "let a person answer it".
  faq: z
    .array(z.unknown())
    .transform((entries) =>
      entries.flatMap((entry) => {
        const parsed = ZFaqEntry.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }),
    )
    .catch(defaults.faq),
  contentOffer: z
    .object({ title: z.object({ fr: ZText.max(200), en: ZText.max(200) }), url: z.url().max(2000) })
    .nullable()
    .catch(defaults.contentOffer),
});

/** The agent settings stored for a workspace, with the defaults for whatever is missing or invalid. */
export function parseAgentSettings(stored: unknown): AgentSettings {
  const record = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return ZStoredSettings.parse({ ...defaults, ...record });
}
