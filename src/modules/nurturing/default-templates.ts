import type { MessageTemplate } from './message-template.schemas.ts';

// Sign-offs shared by the e-mails: the owner's name, else the team, then the workspace.
const SIGNATURE_FR = 'Bien à vous,\n{{owner.name | "L’équipe commerciale"}}\n{{workspace.name | ""}}';
const SIGNATURE_EN = 'Best regards,\n{{owner.name | "The sales team"}}\n{{workspace.name | ""}}';

/**
 * The templates every workspace starts with, French (in "vous") and English. A workspace template
 * of the same name replaces one. The first and the post-demo ones adapt the seed's copy-paste
 * models ("Nurturing après contenu téléchargé", "Relance post-démo").
 */
export const DEFAULT_TEMPLATES: readonly MessageTemplate[] = [
  {
    name: 'tofu-content-follow-up',
    channel: 'email',
    funnelStage: 'tofu',
    description: 'After a content download: the questions teams ask, a guide on request, 15 minutes.',
    subject: {
      fr: 'Ressource utile : {{content.title | "qualifier vos leads"}}',
      en: 'Useful resource: {{content.title | "qualifying your leads"}}',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Vous avez consulté « {{content.title | "notre guide"}} ». Les équipes comme la vôtre s’interrogent souvent sur trois points : quels leads traiter en priorité, à quel moment relancer, et quand passer le relais aux ventes.

Nous avons résumé nos réponses dans un guide de 3 minutes : il vous suffit de répondre à cet e-mail pour le recevoir.

Auriez-vous 15 minutes pour passer en revue vos critères ensemble et voir ce que vous pourriez y gagner ?

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

You looked at “{{content.title | "our guide"}}”. Teams like yours often wonder about three things: which leads to handle first, when to follow up, and when to hand over to sales.

We summed up our answers in a 3-minute guide: just reply to this email to get it.

Would you have 15 minutes to go through your criteria together and see what you could gain?

${SIGNATURE_EN}`,
    },
  },
  {
    name: 'mofu-practical-case',
    channel: 'email',
    funnelStage: 'mofu',
    description: 'Middle of the funnel: how to tell a curious lead from a buyer, an example on request.',
    subject: {
      fr: 'Lead curieux ou prospect prêt à acheter ?',
      en: 'Curious lead or ready-to-buy prospect?',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Une question revient souvent dans des équipes comme celle de {{lead.company.name | "votre entreprise"}} : comment distinguer un lead curieux d’un prospect prêt à acheter ?

Trois signaux font la différence : un besoin formulé, la personne qui décide impliquée, et un calendrier. Quand deux d’entre eux sont réunis, un appel court suffit souvent à valider le reste.

Si vous le souhaitez, je vous envoie un exemple concret : les seuils de score et les relances d’une équipe proche de la vôtre. Répondez simplement à cet e-mail.

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

A question often comes up in teams like the one at {{lead.company.name | "your company"}}: how do you tell a curious lead from a prospect ready to buy?

Three signals make the difference: a stated need, the decision-maker involved, and a timeline. When two of them are there, a short call is often enough to confirm the rest.

If you wish, I can send you a concrete example: the score thresholds and follow-ups of a team close to yours. Just reply to this email.

${SIGNATURE_EN}`,
    },
  },
  {
    name: 'bofu-meeting-offer',
    channel: 'email',
    funnelStage: 'bofu',
    description: 'Bottom of the funnel: a 15-minute call about the project.',
    subject: {
      fr: '15 minutes pour faire le point sur votre projet ?',
      en: '15 minutes to talk about your project?',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Depuis quelques semaines, vous suivez nos contenus sur la qualification des leads. Si le sujet est d’actualité chez {{lead.company.name | "vous"}}, le plus simple est d’en parler 15 minutes : vos objectifs, votre organisation actuelle et ce qui pourrait être amélioré.

Quel créneau vous conviendrait dans les prochains jours ? Il vous suffit de répondre à cet e-mail.

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

Over the past few weeks you have been reading our content on lead qualification. If the topic is on the agenda at {{lead.company.name | "your company"}}, the simplest is to talk for 15 minutes: your goals, how you work today and what could be improved.

Which time would suit you in the next few days? Just reply to this email.

${SIGNATURE_EN}`,
    },
  },
  {
    name: 'post-demo-next-steps',
    channel: 'email',
    funnelStage: 'bofu',
    description: 'Right after a demo: recap and a 30-minute scoping workshop with the decision-maker.',
    subject: {
      fr: 'Étapes suivantes — {{lead.company.name | "votre projet"}}',
      en: 'Next steps — {{lead.company.name | "your project"}}',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Merci pour le temps accordé lors de la démonstration. Récapitulatif : 1/ votre objectif, 2/ le périmètre concerné, 3/ les livrables attendus.

Je vous propose un atelier de cadrage de 30 minutes avec la personne qui décide, pour valider ensemble le budget et le calendrier.

Quel créneau vous conviendrait ?

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

Thank you for your time during the demo. To sum up: 1/ your goal, 2/ the scope, 3/ the expected deliverables.

I suggest a 30-minute scoping workshop with the decision-maker, to confirm budget and timeline together.

Which time would suit you?

${SIGNATURE_EN}`,
    },
  },
  {
    name: 'post-demo-reminder',
    channel: 'email',
    funnelStage: 'bofu',
    description: 'Reminder a few business days after the demo recap.',
    subject: {
      fr: 'Re : Étapes suivantes — {{lead.company.name | "votre projet"}}',
      en: 'Re: Next steps — {{lead.company.name | "your project"}}',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Je me permets de revenir vers vous au sujet de l’atelier de cadrage proposé après la démonstration : 30 minutes suffisent pour valider budget et calendrier avec la personne qui décide.

Si le moment n’est pas opportun, dites-le-moi simplement : je reviendrai vers vous plus tard.

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

I am following up on the scoping workshop suggested after the demo: 30 minutes are enough to confirm budget and timeline with the decision-maker.

If now is not the right time, just let me know and I will get back to you later.

${SIGNATURE_EN}`,
    },
  },
  {
    name: 'silent-follow-up-email',
    channel: 'email',
    description: 'The WhatsApp conversation went silent: pick it up again by e-mail.',
    subject: {
      fr: 'Suite à notre échange sur WhatsApp',
      en: 'Following up on our WhatsApp conversation',
    },
    body: {
      fr: `Bonjour {{lead.firstName | ""}},

Nous avons commencé à échanger sur WhatsApp, puis la conversation s’est interrompue — rien de plus normal, les journées sont chargées.

Si votre projet est toujours d’actualité, répondez simplement à cet e-mail ou à notre dernier message WhatsApp : nous reprendrons là où nous nous étions arrêtés.

${SIGNATURE_FR}`,
      en: `Hello {{lead.firstName | ""}},

We started talking on WhatsApp, then the conversation stopped — perfectly normal, days are busy.

If your project is still on the agenda, just reply to this email or to our last WhatsApp message: we will pick up where we left off.

${SIGNATURE_EN}`,
    },
  },
  {
    // Free text: WhatsApp sends it only inside the 24-hour window that follows the lead's last message.
    name: 'whatsapp-silent-nudge',
    channel: 'whatsapp',
    description: 'A short WhatsApp nudge a couple of hours after the lead went quiet.',
    body: {
      fr: 'Bonjour {{lead.firstName | ""}}, je me permets de revenir vers vous : avez-vous eu le temps de regarder ma dernière question ? Je reste disponible si vous en avez d’autres.',
      en: 'Hello {{lead.firstName | ""}}, just checking in: did you have a chance to look at my last question? Happy to help if you have any others.',
    },
  },
  {
    // Outside the window WhatsApp only takes an approved template: create `chaud_follow_up` in
    // WhatsApp Manager with this body, the first name as its one parameter.
    name: 'whatsapp-follow-up',
    channel: 'whatsapp',
    description:
      'Next-day WhatsApp follow-up; an approved template, so it goes out after the 24-hour window.',
    body: {
      fr: 'Bonjour {{lead.firstName | "à vous"}}, je reviens vers vous suite à notre échange d’hier. Votre projet est-il toujours d’actualité ? Répondez ici, je m’occupe du reste.',
      en: 'Hello {{lead.firstName | "there"}}, following up on our conversation yesterday. Is your project still on the agenda? Just reply here and I will take it from there.',
    },
    whatsappTemplate: { name: 'chaud_follow_up', languageCode: { fr: 'fr', en: 'en' } },
  },
];
