import type { AgentLanguage } from './agent.types.ts';
import { PHRASES_EN } from './agent-phrases.en.ts';
import { PHRASES_FR } from './agent-phrases.fr.ts';
import type { AgentPhrases } from './agent-phrases.shared.ts';

const PHRASES: Record<AgentLanguage, AgentPhrases> = { fr: PHRASES_FR, en: PHRASES_EN };

/** The wording of every message the agent sends, in the conversation's language. */
export function phrasesFor(language: AgentLanguage): AgentPhrases {
  return PHRASES[language];
}
