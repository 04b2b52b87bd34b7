import type { Catalogue } from '../../app/i18n.tsx';

type Key =
  | 'title'
  | 'periodLabel'
  | 'period30'
  | 'period90'
  | 'period365'
  | 'periodRange'
  | 'scopeOwn'
  | 'kpiLeads'
  | 'kpiMql'
  | 'kpiSql'
  | 'kpiCustomers'
  | 'kpiMedianSpeed'
  | 'kpiMeetingsHeld'
  | 'kpiSummary'
  | 'funnelTitle'
  | 'funnelCaption'
  | 'funnelRate'
  | 'funnelNoRate'
  | 'stageColumn'
  | 'leadsColumn'
  | 'rateColumn'
  | 'speedTitle'
  | 'speedCaption'
  | 'speedCaptionNone'
  | 'speedContacted'
  | 'bucketColumn'
  | 'bucket_under_1m'
  | 'bucket_1m_5m'
  | 'bucket_5m_30m'
  | 'bucket_30m_2h'
  | 'bucket_2h_24h'
  | 'bucket_over_24h'
  | 'bucket_never'
  | 'sourceTitle'
  | 'sourceCaption'
  | 'sourceOther'
  | 'sourceUnknown'
  | 'temperatureTitle'
  | 'temperatureCaption'
  | 'weekColumn'
  | 'meetingsTitle'
  | 'meetingsCaption'
  | 'meetingsBooked'
  | 'meetingsHeld'
  | 'meetingsNoShow'
  | 'conversationsTitle'
  | 'conversationsCaption'
  | 'outcomeColumn'
  | 'countColumn'
  | 'outcome_total'
  | 'outcome_open'
  | 'outcome_closed'
  | 'outcome_replied'
  | 'outcome_needsHuman'
  | 'outcome_handedOff'
  | 'outcome_optedOut'
  | 'outcome_qualifiedToSql'
  | 'outcome_hot'
  | 'outcome_warm'
  | 'outcome_cold'
  | 'outcome_notInterested'
  | 'outcome_noVerdict'
  | 'verdictsTitle'
  | 'emptyWorkspaceTitle'
  | 'emptyWorkspaceText'
  | 'emptyWorkspaceLink'
  | 'emptyPeriod';

export const dashboardMessages: Catalogue<Key> = {
  en: {
    title: 'Dashboard',
    periodLabel: 'Period',
    period30: 'Last 30 days',
    period90: 'Last 90 days',
    period365: 'Last 12 months',
    periodRange: 'From {from} to {to}',
    scopeOwn: 'These figures cover the leads you own.',
    kpiLeads: 'Leads',
    kpiMql: 'MQL',
    kpiSql: 'SQL',
    kpiCustomers: 'Customers',
    kpiMedianSpeed: 'Median speed to lead',
    kpiMeetingsHeld: 'Meetings held',
    kpiSummary: 'Key figures',
    funnelTitle: 'Funnel',
    funnelCaption:
      'Leads that reached each stage in the period, and the share that went on to the next stage.',
    funnelRate: '{from} → {to}: {rate}',
    funnelNoRate: '{from} → {to}: no lead to convert',
    stageColumn: 'Stage',
    leadsColumn: 'Leads',
    rateColumn: 'Conversion to next stage',
    speedTitle: 'Speed to lead',
    speedCaption:
      'Time from capture to the first message sent to leads captured in the period. Median {p50}, 90th percentile {p90}.',
    speedCaptionNone:
      'Time from capture to the first message sent to leads captured in the period. No lead contacted yet.',
    speedContacted: '{contacted} contacted, {never} not contacted, out of {captured} captured.',
    bucketColumn: 'Time to first message',
    bucket_under_1m: '< 1 min',
    bucket_1m_5m: '1–5 min',
    bucket_5m_30m: '5–30 min',
    bucket_30m_2h: '30 min–2 h',
    bucket_2h_24h: '2–24 h',
    bucket_over_24h: '> 24 h',
    bucket_never: 'Never',
    sourceTitle: 'Leads by source',
    sourceCaption: 'New leads per week (weeks start on Monday, UTC), by source.',
    sourceOther: 'Other sources',
    sourceUnknown: 'Unknown',
    temperatureTitle: 'Leads by temperature',
    temperatureCaption: 'New leads per week by their current temperature.',
    weekColumn: 'Week of',
    meetingsTitle: 'Meetings',
    meetingsCaption: 'Meetings booked per week, and meetings held or missed by the week they took place.',
    meetingsBooked: 'Booked',
    meetingsHeld: 'Held',
    meetingsNoShow: 'No-show',
    conversationsTitle: 'Conversation outcomes',
    conversationsCaption: 'Conversations started in the period and where they stand now.',
    outcomeColumn: 'Outcome',
    countColumn: 'Conversations',
    outcome_total: 'Started',
    outcome_open: 'Open',
    outcome_closed: 'Closed',
    outcome_replied: 'Lead replied',
    outcome_needsHuman: 'Waiting for a person',
    outcome_handedOff: 'Handed to a person',
    outcome_optedOut: 'Opted out',
    outcome_qualifiedToSql: 'Qualified to SQL',
    outcome_hot: 'Verdict: hot',
    outcome_warm: 'Verdict: warm',
    outcome_cold: 'Verdict: cold',
    outcome_notInterested: 'Verdict: not interested',
    outcome_noVerdict: 'No verdict yet',
    verdictsTitle: "Agent's verdicts",
    emptyWorkspaceTitle: 'No leads yet',
    emptyWorkspaceText:
      'Capture leads with a form or the API, or load the demo data to explore the dashboard.',
    emptyWorkspaceLink: 'Settings → Demo data',
    emptyPeriod: 'Nothing happened in this period. Try a longer period.',
  },
  fr: {
    title: 'Tableau de bord',
    periodLabel: 'Période',
    period30: '30 derniers jours',
    period90: '90 derniers jours',
    period365: '12 derniers mois',
    periodRange: 'Du {from} au {to}',
    scopeOwn: 'Ces chiffres portent sur les leads dont vous êtes responsable.',
    kpiLeads: 'Leads',
    kpiMql: 'MQL',
    kpiSql: 'SQL',
    kpiCustomers: 'Clients',
    kpiMedianSpeed: 'Délai médian de premier contact',
    kpiMeetingsHeld: 'Rendez-vous tenus',
    kpiSummary: 'Chiffres clés',
    funnelTitle: 'Entonnoir',
    funnelCaption:
      "Leads ayant atteint chaque étape sur la période, et part de ceux qui sont passés à l'étape suivante.",
    funnelRate: '{from} → {to} : {rate}',
    funnelNoRate: '{from} → {to} : aucun lead à convertir',
    stageColumn: 'Étape',
    leadsColumn: 'Leads',
    rateColumn: "Conversion vers l'étape suivante",
    speedTitle: 'Délai de premier contact',
    speedCaption:
      'Temps entre la capture et le premier message envoyé, pour les leads captés sur la période. Médiane {p50}, 90e centile {p90}.',
    speedCaptionNone:
      'Temps entre la capture et le premier message envoyé, pour les leads captés sur la période. Aucun lead contacté pour le moment.',
    speedContacted: '{contacted} contactés, {never} non contactés, sur {captured} captés.',
    bucketColumn: 'Délai avant le premier message',
    bucket_under_1m: '< 1 min',
    bucket_1m_5m: '1 à 5 min',
    bucket_5m_30m: '5 à 30 min',
    bucket_30m_2h: '30 min à 2 h',
    bucket_2h_24h: '2 à 24 h',
    bucket_over_24h: '> 24 h',
    bucket_never: 'Jamais',
    sourceTitle: 'Leads par source',
    sourceCaption: 'Nouveaux leads par semaine (semaines commençant le lundi, UTC), par source.',
    sourceOther: 'Autres sources',
    sourceUnknown: 'Inconnue',
    temperatureTitle: 'Leads par température',
    temperatureCaption: 'Nouveaux leads par semaine selon leur température actuelle.',
    weekColumn: 'Semaine du',
    meetingsTitle: 'Rendez-vous',
    meetingsCaption:
      'Rendez-vous pris par semaine, et rendez-vous tenus ou manqués selon la semaine où ils ont eu lieu.',
    meetingsBooked: 'Pris',
    meetingsHeld: 'Tenus',
    meetingsNoShow: 'Absences',
    conversationsTitle: 'Issue des conversations',
    conversationsCaption: 'Conversations commencées sur la période et leur état actuel.',
    outcomeColumn: 'Issue',
    countColumn: 'Conversations',
    outcome_total: 'Commencées',
    outcome_open: 'Ouvertes',
    outcome_closed: 'Closes',
    outcome_replied: 'Le lead a répondu',
    outcome_needsHuman: 'En attente d’un conseiller',
    outcome_handedOff: 'Transmises à un conseiller',
    outcome_optedOut: 'Désinscriptions',
    outcome_qualifiedToSql: 'Qualifiées en SQL',
    outcome_hot: 'Verdict : chaud',
    outcome_warm: 'Verdict : tiède',
    outcome_cold: 'Verdict : froid',
    outcome_notInterested: 'Verdict : pas intéressé',
    outcome_noVerdict: 'Pas encore de verdict',
    verdictsTitle: "Verdicts de l'agent",
    emptyWorkspaceTitle: 'Aucun lead pour le moment',
    emptyWorkspaceText:
      "Captez des leads avec un formulaire ou l'API, ou chargez les données de démonstration pour découvrir le tableau de bord.",
    emptyWorkspaceLink: 'Paramètres → Données de démonstration',
    emptyPeriod: "Rien ne s'est passé sur cette période. Essayez une période plus longue.",
  },
};
