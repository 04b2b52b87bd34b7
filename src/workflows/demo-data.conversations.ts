import { NEEDS, pick, type Random } from './demo-data.catalogue.ts';
import type { PlannedLead } from './demo-data.generate.ts';

const MINUTE_MS = 60_000;

export interface PlannedMessage {
  direction: 'inbound' | 'outbound';
  author: 'lead' | 'agent';
  body: string;
  at: Date;
  status: 'received' | 'sent' | 'delivered' | 'read';
}

export interface PlannedConversation {
  channel: 'whatsapp' | 'sandbox';
  mode: 'agent' | 'human';
  needsHuman: boolean;
  handoffReason: string | null;
  status: 'open' | 'closed';
  createdAt: Date;
  messages: PlannedMessage[];
}

const LINES = {
  fr: {
    greeting: (name: string) =>
      `Bonjour ${name}, merci pour votre intérêt ! Puis-je vous poser deux ou trois questions sur votre projet ?`,
    yes: ['Oui, bien sûr', 'Allez-y', 'Oui, avec plaisir'],
    askNeed: 'Qu’aimeriez-vous améliorer en priorité dans le suivi de vos leads ?',
    askBudget: 'Avez-vous déjà une idée du budget annuel envisagé ?',
    budget: [
      'Entre 10 et 20 k€ par an',
      'Autour de 5 000 € pour commencer',
      'Pas encore défini, plutôt 15 k€',
    ],
    askMeeting: 'Je vous propose un échange de 30 minutes avec un conseiller. Mardi 10 h ou jeudi 14 h ?',
    meeting: ['Jeudi 14 h me va', 'Mardi 10 h, parfait'],
    confirm: 'C’est noté, vous recevez l’invitation par e-mail. À bientôt !',
    handoff: [
      'Pouvez-vous me faire un devis sur mesure pour trois équipes ?',
      'Je préférerais parler directement à un commercial.',
      'Est-ce que ça s’intègre avec notre ERP maison ?',
    ],
    handoffAck: 'Je transmets votre demande à un conseiller qui vous répond rapidement.',
  },
  en: {
    greeting: (name: string) =>
      `Hello ${name}, thanks for your interest! May I ask you two or three questions about your project?`,
    yes: ['Sure', 'Yes, go ahead', 'Of course'],
    askNeed: 'What would you most like to improve in how you follow up leads?',
    askBudget: 'Do you already have a yearly budget in mind?',
    budget: ['Between €10k and €20k a year', 'About €5,000 to start with', 'Not set yet, around €15k'],
    askMeeting: 'Shall we book a 30-minute call with an advisor? Tuesday 10 am or Thursday 2 pm?',
    meeting: ['Thursday 2 pm works', 'Tuesday 10 am, perfect'],
    confirm: 'Noted, the invitation is on its way by e-mail. Talk soon!',
    handoff: [
      'Could you send me a custom quote for three teams?',
      'I would rather speak to a salesperson directly.',
      'Does it integrate with our in-house ERP?',
    ],
    handoffAck: 'I am passing your request to an advisor who will get back to you shortly.',
  },
} as const;

/**
 * A short qualification exchange with the agent: greeting, need, budget, then either a meeting,
 * a handoff to a person (shown in the inbox as needing a human) or silence.
 */
export function planConversation(
  random: Random,
  lead: PlannedLead,
  nowMs: number,
  handoffReason: string,
): PlannedConversation {
  const lines = LINES[lead.fields.language];
  const channel = lead.fields.whatsappId ? 'whatsapp' : 'sandbox';
  let cursor = lead.createdAt.getTime() + (1 + Math.floor(random() * 4)) * MINUTE_MS;
  const messages: PlannedMessage[] = [];
  const say = (direction: PlannedMessage['direction'], body: string) => {
    cursor = Math.min(nowMs - MINUTE_MS, cursor + (1 + Math.floor(random() * 30)) * MINUTE_MS);
    const outboundStatus = channel === 'whatsapp' ? (random() < 0.7 ? 'read' : 'delivered') : 'sent';
    messages.push({
      direction,
      author: direction === 'inbound' ? 'lead' : 'agent',
      body,
      at: new Date(cursor),
      status: direction === 'inbound' ? 'received' : outboundStatus,
    });
  };
  say('outbound', lines.greeting(lead.fields.firstName));
  const isRecent = nowMs - lead.createdAt.getTime() < 21 * 86_400_000;
  const outcome = lead.booking
    ? 'meeting'
    : isRecent && random() < 0.35
      ? 'handoff'
      : random() < 0.3
        ? 'silent'
        : 'qualified';
  if (outcome !== 'silent') {
    say('inbound', pick(random, lines.yes));
    say('outbound', lines.askNeed);
    say('inbound', lead.fields.language === 'fr' ? pick(random, NEEDS) : 'Qualify inbound requests faster');
    say('outbound', lines.askBudget);
    say('inbound', pick(random, lines.budget));
  }
  if (outcome === 'meeting') {
    say('outbound', lines.askMeeting);
    say('inbound', pick(random, lines.meeting));
    say('outbound', lines.confirm);
  }
  if (outcome === 'handoff') {
    say('inbound', pick(random, lines.handoff));
    say('outbound', lines.handoffAck);
  }
  const isHandoff = outcome === 'handoff';
  return {
    channel,
    mode: isHandoff ? 'human' : 'agent',
    needsHuman: isHandoff,
    handoffReason: isHandoff ? handoffReason : null,
    status: outcome === 'meeting' || outcome === 'silent' ? 'closed' : 'open',
    createdAt: new Date(messages[0]!.at.getTime() - MINUTE_MS),
    messages,
  };
}
