/** The shape rules every reply obeys, whatever the channel: choice limits, name hygiene, typography. */
import type { AgentChoice, AgentLanguage, AgentReply } from './agent.types.ts';
import { applyFrenchTypography } from './agent-format.ts';

/** WhatsApp: up to 3 reply buttons (titles ≤ 20 characters), else a list of up to 10 rows (≤ 24). */
export const MAX_CHOICES = 10;
export const MAX_BUTTONS = 3;
export const MAX_BUTTON_TITLE = 20;
export const MAX_LIST_TITLE = 24;

/** A choices reply within the channel limits: extra choices dropped, long titles cut with "…". */
export function buildChoicesReply(text: string, choices: readonly AgentChoice[]): AgentReply {
  const kept = choices.slice(0, MAX_CHOICES);
  const maxTitle = kept.length <= MAX_BUTTONS ? MAX_BUTTON_TITLE : MAX_LIST_TITLE;
  return {
    kind: 'choices',
    text,
    choices: kept.map((choice) => ({ id: choice.id, title: fitTitle(choice.title, maxTitle) })),
  };
}

function fitTitle(title: string, max: number): string {
  const characters = [...title.trim()];
  if (characters.length <= max) return characters.join('');
  return `${characters
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

/** A usable first name or null: "  marie " → "marie"; e-mail-like or overlong values are not names. */
export function cleanFirstName(firstName: string | null): string | null {
  const name = (firstName ?? '').trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > 40 || /[@\d]/.test(name)) return null;
  return name;
}

/** Collapses spaces and applies the language's typography. */
export function finishText(text: string, language: AgentLanguage): string {
  const tidy = text
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
  return language === 'fr' ? applyFrenchTypography(tidy) : tidy;
}
