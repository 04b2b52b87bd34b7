import type { Catalogue } from '../../app/i18n.tsx';

export const demoMessages = {
  en: {
    demoTitle: 'Demo data',
    demoHint:
      'Fills this workspace with realistic leads, events, conversations and meetings over the last 90 days, marked “Demo”, to try Chaud. Removing it deletes only demo rows.',
    loaded: 'Demo data is loaded.',
    notLoaded: 'No demo data in this workspace.',
    count_leads: 'Leads',
    count_events: 'Events',
    count_conversations: 'Conversations',
    count_messages: 'Messages',
    count_bookings: 'Meetings',
    count_users: 'Demo reps',
    kind: 'Kind',
    count: 'Count',
    loadDemo: 'Load demo data',
    removeDemo: 'Remove demo data',
    loading: 'Loading the demo data… this can take a minute.',
    removing: 'Removing the demo data…',
    loadTitle: 'Load demo data?',
    loadConfirm:
      'Demo leads will appear in every list and dashboard of this workspace until you remove them.',
    removeTitle: 'Remove demo data?',
    removeConfirm:
      'Every demo lead, with its events, conversations and meetings, and the demo reps will be deleted.',
    doneLoaded: 'Demo data loaded.',
    doneRemoved: 'Demo data removed: {leads} leads.',
  },
  fr: {
    demoTitle: 'Données de démonstration',
    demoHint:
      'Remplit cet espace de travail de leads, d’événements, de conversations et de rendez-vous réalistes sur les 90 derniers jours, marqués « Démo », pour essayer Chaud. Les supprimer n’efface que les données de démonstration.',
    loaded: 'Les données de démonstration sont chargées.',
    notLoaded: 'Aucune donnée de démonstration dans cet espace de travail.',
    count_leads: 'Leads',
    count_events: 'Événements',
    count_conversations: 'Conversations',
    count_messages: 'Messages',
    count_bookings: 'Rendez-vous',
    count_users: 'Commerciaux de démonstration',
    kind: 'Type',
    count: 'Nombre',
    loadDemo: 'Charger les données de démonstration',
    removeDemo: 'Supprimer les données de démonstration',
    loading: 'Chargement des données de démonstration… cela peut prendre une minute.',
    removing: 'Suppression des données de démonstration…',
    loadTitle: 'Charger les données de démonstration ?',
    loadConfirm:
      'Les leads de démonstration apparaîtront dans toutes les listes et tous les tableaux de bord de cet espace de travail jusqu’à leur suppression.',
    removeTitle: 'Supprimer les données de démonstration ?',
    removeConfirm:
      'Tous les leads de démonstration, avec leurs événements, conversations et rendez-vous, ainsi que les commerciaux de démonstration seront supprimés.',
    doneLoaded: 'Données de démonstration chargées.',
    doneRemoved: 'Données de démonstration supprimées : {leads} leads.',
  },
} satisfies Catalogue;
