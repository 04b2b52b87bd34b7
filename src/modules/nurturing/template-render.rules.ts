import type { MessageTemplate, TemplateLanguage } from './message-template.schemas.ts';

/** The tokens a template may use; anything else is refused when the template or sequence is saved. */
export const KNOWN_TOKENS = [
  'lead.firstName',
  'lead.lastName',
  'lead.jobTitle',
  'lead.company.name',
  'owner.name',
  'owner.email',
  'workspace.name',
  'content.title',
  'content.url',
] as const;
export type KnownToken = (typeof KNOWN_TOKENS)[number];

/** What tokens read; any part may be missing (the token then takes its fallback or is reported). */
export interface TemplateContext {
  lead?: {
    firstName?: string | null;
    lastName?: string | null;
    jobTitle?: string | null;
    company?: { name?: string | null } | null;
  } | null;
  owner?: { name?: string | null; email?: string | null } | null;
  workspace?: { name?: string | null } | null;
  content?: { title?: string | null; url?: string | null } | null;
}

export interface TokenUse {
  /** The dotted path, `lead.firstName`. */
  token: string;
  /** The literal after `|`, when given (`""` is a fallback too). */
  fallback?: string;
  /** The token as written, `{{lead.firstName | "Bonjour"}}`. */
  raw: string;
  index: number;
}

export interface TemplateTokenUse extends TokenUse {
  /** Which text holds it: `subject.fr`, `body.en`… */
  where: string;
}

export interface RenderedMessage {
  subject?: string;
  text: string;
  /** Tokens without a value nor a fallback (rendered empty), in order of first use. */
  missingTokens: string[];
  /** For a Meta-approved template: its name, language code and the body's token values in order. */
  whatsapp?: { name: string; languageCode: string; parameters: string[] };
}

// {{ path }} or {{ path | "fallback" }}; a fallback may hold \" and \\.
const TOKEN = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g;
// Values are names and titles: one line, bounded, so they cannot reshape a subject or a message.
const MAX_VALUE_LENGTH = 300;

/** The tokens of one text, in order, and the `{{…}}` pieces that are not well-formed tokens. */
export function scanTokens(text: string): { tokens: TokenUse[]; malformed: string[] } {
  const tokens: TokenUse[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const [raw, token = '', fallback] = match;
    tokens.push({
      token,
      raw,
      index: match.index,
      ...(fallback === undefined ? {} : { fallback: fallback.replace(/\\(["\\])/g, '$1') }),
    });
  }
  const rest = text.replace(TOKEN, '');
  const malformed = [...rest.matchAll(/\{\{[^}]{0,40}(?:\}\})?|\}\}/g)].map((match) => match[0]);
  return { tokens, malformed };
}

/** Problems of one text's tokens: unknown names and malformed `{{…}}`. */
export function findTokenProblems(text: string): string[] {
  const { tokens, malformed } = scanTokens(text);
  const known: readonly string[] = KNOWN_TOKENS;
  return [
    ...tokens.filter((use) => !known.includes(use.token)).map((use) => `unknown token {{${use.token}}}`),
    ...malformed.map((piece) => `malformed token "${piece}"`),
  ];
}

function textsOf(template: MessageTemplate): [string, string][] {
  const texts: [string, string][] = [];
  if (template.subject) texts.push(['subject.fr', template.subject.fr], ['subject.en', template.subject.en]);
  texts.push(['body.fr', template.body.fr], ['body.en', template.body.en]);
  return texts;
}

/** Every token of a template with where it is, to check names when the template is saved. */
export function listTokens(template: MessageTemplate): TemplateTokenUse[] {
  return textsOf(template).flatMap(([where, text]) =>
    scanTokens(text).tokens.map((use) => ({ ...use, where })),
  );
}

/** `fr` or `en` from a lead's language ("fr", "en-GB", null…), French when unknown. */
export function templateLanguage(language: string | null | undefined): TemplateLanguage {
  return language?.trim().toLowerCase().startsWith('en') ? 'en' : 'fr';
}

function lookUp(context: TemplateContext, token: string): string | undefined {
  let value: unknown = context;
  for (const key of token.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const clean = String(value).replace(/\s+/g, ' ').trim().slice(0, MAX_VALUE_LENGTH);
  return clean === '' ? undefined : clean;
}

/**
 * Fills the tokens of one text as plain text: a value is inserted once, never read again as a
 * token. An empty result also drops the space before it when punctuation follows
 * ("Bonjour {{lead.firstName | ""}}," → "Bonjour,").
 */
export function renderText(
  text: string,
  context: TemplateContext,
): { text: string; missingTokens: string[]; values: string[] } {
  const missing: string[] = [];
  const values: string[] = [];
  let output = '';
  let cursor = 0;
  for (const use of scanTokens(text).tokens) {
    output += text.slice(cursor, use.index);
    cursor = use.index + use.raw.length;
    const value = lookUp(context, use.token) ?? use.fallback;
    if (value === undefined && !missing.includes(use.token)) missing.push(use.token);
    const filled = value ?? '';
    values.push(filled);
    const next = text.charAt(cursor);
    if (filled === '' && output.endsWith(' ') && !/[\p{L}\p{N}]/u.test(next)) output = output.slice(0, -1);
    output += filled;
  }
  output += text.slice(cursor);
  return { text: output, missingTokens: missing, values };
}

/** The subject and body of a template in `language`, with the values of `context`. */
export function renderTemplate(
  template: MessageTemplate,
  language: TemplateLanguage,
  context: TemplateContext,
): RenderedMessage {
  const body = renderText(template.body[language], context);
  const subject = template.subject ? renderText(template.subject[language], context) : undefined;
  const missingTokens = [...new Set([...(subject?.missingTokens ?? []), ...body.missingTokens])];
  return {
    ...(subject ? { subject: subject.text } : {}),
    text: body.text,
    missingTokens,
    ...(template.whatsappTemplate
      ? {
          whatsapp: {
            name: template.whatsappTemplate.name,
            languageCode: template.whatsappTemplate.languageCode[language],
            parameters: body.values,
          },
        }
      : {}),
  };
}
