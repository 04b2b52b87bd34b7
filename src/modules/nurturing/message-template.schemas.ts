import { z } from 'zod';
import { type DefinitionError, issuesToErrors } from './definition-errors.rules.ts';
import { findTokenProblems, scanTokens } from './template-render.rules.ts';

export const TEMPLATE_LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export const TEMPLATE_CHANNELS = ['email', 'whatsapp'] as const;
export const FUNNEL_STAGES = ['tofu', 'mofu', 'bofu'] as const;

/** A template or message name: letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
export const ZTemplateName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'a name of letters, digits, "-", "_" and "." (at most 100)');

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** The same text in French and in English. */
export const ZLocalizedText = z.object({ fr: text(4096), en: text(4096) }).strict();
export type LocalizedText = z.infer<typeof ZLocalizedText>;

export const ZMessageTemplate = z
  .object({
    name: ZTemplateName,
    channel: z.enum(TEMPLATE_CHANNELS),
    /** Where the template sits in the funnel, for people choosing one; no effect on sending. */
    funnelStage: z.enum(FUNNEL_STAGES).optional(),
    description: text(500).optional(),
    subject: z
      .object({ fr: text(200), en: text(200) })
      .strict()
      .optional(),
    body: ZLocalizedText,
    /** The Meta-approved template to send outside WhatsApp's 24-hour window; its body is `body`. */
    whatsappTemplate: z
      .object({
        name: z
          .string()
          .regex(/^[a-z0-9_]{1,512}$/, 'a Meta template name: lower-case letters, digits and _'),
        languageCode: z
          .object({
            fr: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a Meta language code such as fr or en_US'),
            en: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a Meta language code such as fr or en_US'),
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((template, ctx) => {
    if (template.channel === 'email' && !template.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email template needs a subject' });
    }
    if (template.channel === 'whatsapp' && template.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'a WhatsApp message has no subject' });
    }
    if (template.channel === 'email' && template.whatsappTemplate) {
      ctx.addIssue({
        code: 'custom',
        path: ['whatsappTemplate'],
        message: 'only WhatsApp templates have one',
      });
    }
    for (const part of ['subject', 'body'] as const) {
      for (const language of TEMPLATE_LANGUAGES) {
        const value = template[part]?.[language];
        if (value === undefined) continue;
        for (const message of findTokenProblems(value)) {
          ctx.addIssue({ code: 'custom', path: [part, language], message });
        }
        // Meta refuses a template parameter that is empty.
        if (part === 'body' && template.whatsappTemplate) {
          for (const use of scanTokens(value).tokens.filter((token) => !token.fallback)) {
            ctx.addIssue({
              code: 'custom',
              path: [part, language],
              message: `{{${use.token}}} needs a non-empty fallback in a WhatsApp template`,
            });
          }
        }
      }
    }
  });
export type MessageTemplate = z.infer<typeof ZMessageTemplate>;

/** Checks a template; errors name their path (`body.fr: unknown token {{lead.nom}}`). */
export function parseMessageTemplate(
  input: unknown,
): { ok: true; template: MessageTemplate } | { ok: false; errors: DefinitionError[] } {
  const parsed = ZMessageTemplate.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, template: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues, input, () => undefined) };
}
