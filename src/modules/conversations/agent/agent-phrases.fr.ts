/**
 * French wording. Tone decides tutoiement or vouvoiement everywhere (a "tu" reply never says
 * "vous", hence no "rendez-vous" either); style only changes greetings and acknowledgements.
 * Phrases avoid gendered adjectives about the agent ("navré·e"): its name is the workspace's choice.
 */
import type { BantField } from '../../qualification/index.ts';
import { formatDeadline, formatMoney, joinList } from './agent-format.ts';
import { type AgentPhrases, type PhraseContext, pickVariant } from './agent-phrases.shared.ts';

const byTone = (ctx: PhraseContext, tu: string, vous: string): string => (ctx.tone === 'tu' ? tu : vous);
const isCasual = (ctx: PhraseContext): boolean => ctx.style === 'casual';
/** " Marie" or '' : for "Merci Marie !". */
const name = (ctx: PhraseContext): string => (ctx.firstName ? ` ${ctx.firstName}` : '');

type Questions = Record<BantField, { first: [string, ...string[]]; again: string }>;

const QUESTIONS_VOUS: Questions = {
  need: {
    first: [
      "Pour bien vous orienter : quel est votre besoin principal aujourd'hui ?",
      'Pour commencer, quel est le projet ou le besoin qui vous amène ?',
    ],
    again: 'Pour être sûr de bien comprendre : quel problème souhaitez-vous résoudre en priorité ?',
  },
  timeline: {
    first: [
      'Quand aimeriez-vous avoir une solution en place ?',
      'Avez-vous une échéance en tête pour ce projet ?',
    ],
    again: "Ce serait plutôt dans le mois, d'ici la fin du trimestre, ou plus tard ?",
  },
  budget: {
    first: [
      'Avez-vous déjà une enveloppe budgétaire en tête pour ce projet ?',
      'Un budget est-il déjà prévu pour ce projet ?',
    ],
    again: 'Quel ordre de grandeur de budget envisagez-vous ? Une fourchette approximative suffit.',
  },
  authority: {
    first: [
      'Êtes-vous la personne qui décide pour ce projet ?',
      "C'est vous qui prendrez la décision pour ce projet ?",
    ],
    again: "Pour m'adresser à la bonne personne : la décision finale vous revient-elle ?",
  },
};

const QUESTIONS_TU: Questions = {
  need: {
    first: [
      "Pour bien t'orienter : quel est ton besoin principal aujourd'hui ?",
      "Pour commencer, quel est le projet ou le besoin qui t'amène ?",
    ],
    again: 'Pour être sûr de bien comprendre : quel problème veux-tu résoudre en priorité ?',
  },
  timeline: {
    first: ['Quand aimerais-tu avoir une solution en place ?', 'Tu as une échéance en tête pour ce projet ?'],
    again: "Ce serait plutôt dans le mois, d'ici la fin du trimestre, ou plus tard ?",
  },
  budget: {
    first: ['As-tu déjà un budget en tête pour ce projet ?', 'Un budget est-il déjà prévu pour ce projet ?'],
    again: 'Quel ordre de grandeur de budget envisages-tu ? Une fourchette approximative suffit.',
  },
  authority: {
    first: [
      'Es-tu la personne qui décide pour ce projet ?',
      "C'est toi qui prendras la décision pour ce projet ?",
    ],
    again: "Pour m'adresser à la bonne personne : la décision finale te revient-elle ?",
  },
};

const REMINDERS: Record<BantField, { tu: string; vous: string }> = {
  need: { tu: 'Quel est ton besoin principal ?', vous: 'Quel est votre besoin principal ?' },
  timeline: {
    tu: "Quelle serait l'échéance idéale pour ce projet ?",
    vous: "Quelle serait l'échéance idéale pour ce projet ?",
  },
  budget: { tu: 'As-tu une idée du budget ?', vous: 'Avez-vous une idée du budget ?' },
  authority: {
    tu: 'Es-tu la personne qui décide pour ce projet ?',
    vous: 'Êtes-vous la personne qui décide pour ce projet ?',
  },
};

const HORIZONS = {
  lt_1m: 'un lancement dans le mois',
  '1_3m': "un lancement d'ici 1 à 3 mois",
  '3_6m': "un lancement d'ici 3 à 6 mois",
  gt_6m: 'un lancement dans plus de 6 mois',
  unknown: 'pas encore de date arrêtée',
} as const;

export const PHRASES_FR: AgentPhrases = {
  hello: (ctx) => {
    if (isCasual(ctx)) return `${byTone(ctx, 'Salut', 'Hello')}${name(ctx)} !`;
    return `Bonjour${name(ctx)} !`;
  },
  introduce: (agentName, companyName) => `Ici ${agentName}, l'agent virtuel de ${companyName}.`,
  question: (field, attempt, ctx) => {
    const questions = (ctx.tone === 'tu' ? QUESTIONS_TU : QUESTIONS_VOUS)[field];
    return attempt === 2 ? questions.again : pickVariant(questions.first, ctx.variant);
  },
  reminderQuestion: (field, ctx) => {
    if (field === null)
      return byTone(
        ctx,
        'As-tu eu le temps de lire mon message ?',
        'Avez-vous eu le temps de lire mon message ?',
      );
    return REMINDERS[field][ctx.tone];
  },
  noted: (items, ctx) => {
    const opening = isCasual(ctx)
      ? pickVariant(['Top, noté :', 'Super, je note :'], ctx.variant)
      : pickVariant(['Noté :', "Merci, c'est noté :"], ctx.variant);
    return `${opening} ${joinList(items, 'fr')}.`;
  },
  thanksForDetails: (ctx) => (isCasual(ctx) ? "Merci, c'est clair !" : 'Merci pour ces précisions.'),
  notUnderstood: (ctx) => `Pardon, je n'ai pas bien compris ${byTone(ctx, 'ton', 'votre')} message.`,
  budgetItem: (budget) => {
    if (budget.kind === 'none') return 'pas encore de budget défini';
    if (budget.kind === 'amount')
      return `un budget d'environ ${formatMoney(budget.amount, budget.currency, 'fr')}`;
    return `un budget entre ${formatMoney(budget.min, budget.currency, 'fr')} et ${formatMoney(budget.max, budget.currency, 'fr')}`;
  },
  timelineItem: (timeline, dates) => {
    if (timeline.kind === 'horizon') return HORIZONS[timeline.horizon];
    return `un lancement d'ici ${formatDeadline(timeline.date, 'fr', dates.now, dates.timezone)}`;
  },
  authorityItem: (authority, ctx) => {
    if (authority === 'decision_maker') return byTone(ctx, "c'est toi qui décides", "c'est vous qui décidez");
    if (authority === 'influencer') return 'une décision prise à plusieurs';
    if (authority === 'user')
      return byTone(
        ctx,
        'tu utiliseras la solution au quotidien',
        'vous utiliserez la solution au quotidien',
      );
    return null;
  },
  needItem: (need) => (need.category ? `un besoin autour de « ${need.category} »` : null),
  offerSlots: (zone, ctx) =>
    `Le mieux serait d'en parler directement avec un conseiller. Voici quelques créneaux pour un premier échange (heure de ${zone}) : lequel ${byTone(ctx, 'te', 'vous')} convient ?`,
  slotConfirmed: (slot, ctx) =>
    `Parfait, c'est noté pour ${slot}. ${byTone(ctx, 'Tu recevras', 'Vous recevrez')} une confirmation juste après. À très vite !`,
  slotReminder: (ctx) =>
    byTone(
      ctx,
      'Un des créneaux proposés te convient ? Sinon, dis-le-moi et un conseiller te proposera un autre horaire.',
      'Un des créneaux proposés vous convient-il ? Sinon, dites-le-moi et un conseiller vous proposera un autre horaire.',
    ),
  slotNotFound: () => 'Je ne trouve pas cet horaire parmi les créneaux proposés.',
  salesWillCall: (ctx) =>
    `Merci${name(ctx)} ! Un conseiller va ${byTone(ctx, 'te', 'vous')} contacter très rapidement pour en parler de vive voix.`,
  scheduleByHand: (ctx) =>
    byTone(
      ctx,
      'Pas de souci : un conseiller te contacte rapidement pour trouver un horaire qui te convient.',
      'Pas de souci : un conseiller vous contacte rapidement pour trouver un horaire qui vous convient.',
    ),
  afterBooking: (slot) => `Merci ! Le créneau est bien réservé : ${slot}. À très vite !`,
  warmClose: (offer, ctx) => {
    const thanks = `Merci beaucoup pour ces réponses${name(ctx)} !`;
    const content = offer
      ? ` En attendant, ce contenu pourrait ${byTone(ctx, "t'intéresser", 'vous intéresser')} : « ${offer.title} »\n${offer.url}\n`
      : '';
    const stay = byTone(
      ctx,
      " On reste en contact : n'hésite pas à m'écrire ici si tu as la moindre question.",
      " Nous restons en contact : n'hésitez pas à m'écrire ici si vous avez la moindre question.",
    );
    return `${thanks}${content}${stay}`;
  },
  coldClose: (ctx) =>
    `Merci pour ces réponses${name(ctx)}. Je les transmets à l'équipe, et je reste disponible ici si besoin. À bientôt !`,
  notInterestedClose: (ctx) =>
    byTone(
      ctx,
      `Merci pour ton retour${name(ctx)}, c'est bien noté : je ne te relancerai pas. Si ton besoin évolue, il suffit de répondre à ce message. Bonne continuation !`,
      `Merci pour votre retour${name(ctx)}, c'est bien noté : je ne vous relancerai pas. Si votre besoin évolue, il suffit de répondre à ce message. Bonne continuation !`,
    ),
  laterAck: (ctx) =>
    `Pas de souci, ce n'est peut-être pas le bon moment. Je me permettrai de revenir vers ${byTone(ctx, 'toi', 'vous')} un peu plus tard ; d'ici là, il suffit de répondre ici si besoin.`,
  nurtureAck: (ctx) =>
    byTone(
      ctx,
      'Merci pour ton message ! Je reste disponible ici si tu as la moindre question.',
      'Merci pour votre message ! Je reste disponible ici si vous avez la moindre question.',
    ),
  handoff: (reason, ctx) => {
    const you = byTone(ctx, 'te', 'vous');
    if (reason === 'negative_sentiment')
      return `Toutes mes excuses pour ce désagrément. Je passe le relais à un membre de l'équipe, qui ${you} répond rapidement.`;
    if (reason === 'low_confidence')
      return `Je préfère qu'un membre de l'équipe ${you} réponde directement : il revient vers ${byTone(ctx, 'toi', 'vous')} très vite ici.`;
    if (reason === 'out_of_scope')
      return `Bonne question ! Je la transmets à un membre de l'équipe, qui ${you} répond très vite ici.`;
    return `Bien sûr ! Je transmets à un membre de l'équipe, qui ${you} répond très vite ici.`;
  },
  optOut: (ctx) =>
    `C'est noté : ${byTone(ctx, 'tu ne recevras', 'vous ne recevrez')} plus de messages de notre part. Bonne continuation.`,
  firstContact: (parts, ctx) => {
    const greeting = isCasual(ctx) && ctx.tone === 'tu' ? 'Salut' : 'Bonjour';
    const request = byTone(ctx, 'ta demande', 'votre demande');
    return `${greeting}${name(ctx)}, ici ${parts.agentName}, l'agent virtuel de ${parts.companyName}. Merci pour ${request}${parts.source} ! ${parts.question}`;
  },
  firstContactSubject: (companyName, ctx) =>
    `${byTone(ctx, 'Ta demande', 'Votre demande')} auprès de ${companyName}`,
  followUp: (attempt, question, ctx) => {
    if (attempt === 1) {
      if (isCasual(ctx)) return `Petite relance : ${question}`;
      return `Je me permets de revenir vers ${byTone(ctx, 'toi', 'vous')}${ctx.firstName ? `, ${ctx.firstName}` : ''} : ${question}`;
    }
    return `Dernier petit message de ma part : ${question} Si ce n'est pas le bon moment, aucun souci, je ne ${byTone(ctx, 'te', 'vous')} relancerai plus.`;
  },
  nameFallback: 'à vous',
};
