import type { Catalogue } from '../../app/i18n.tsx';

export const qualificationMessages = {
  en: {
    thresholdsTitle: 'Thresholds and temperature bands',
    thresholdsHint: 'Scores are fit + engagement points; these limits decide the temperature and the stage.',
    warm: 'Warm from (score)',
    hot: 'Hot from (score)',
    mql: 'MQL threshold (score)',
    sql: 'SQL threshold (score)',
    saveThresholds: 'Save thresholds and bands',
    checklistTitle: 'Qualification checklist',
    icpFitMinScore: 'Minimum fit score to tick “ICP fit”',
    autoLifecycle: 'Move leads through the stages automatically (MQL, SQL)',
    needCategories: 'Need categories',
    needCategoriesHint:
      'The agent and the BANT form file a lead’s need under one of these, found by keywords.',
    categoryName: 'Category',
    categoryKeywords: 'Keywords (comma-separated)',
    addCategory: 'Add a category',
    removeCategory: 'Remove category',
    noCategories: 'No need categories yet.',
    saveChecklist: 'Save the checklist',
    lastSaved: 'Last saved {when}',
  },
  fr: {
    thresholdsTitle: 'Seuils et températures',
    thresholdsHint:
      'Le score additionne les points de profil et d’engagement ; ces limites décident de la température et de l’étape.',
    warm: 'Tiède à partir de (score)',
    hot: 'Chaud à partir de (score)',
    mql: 'Seuil MQL (score)',
    sql: 'Seuil SQL (score)',
    saveThresholds: 'Enregistrer les seuils et températures',
    checklistTitle: 'Grille de qualification',
    icpFitMinScore: 'Score de profil minimal pour cocher « correspond au profil cible »',
    autoLifecycle: 'Faire avancer les leads automatiquement dans les étapes (MQL, SQL)',
    needCategories: 'Catégories de besoin',
    needCategoriesHint:
      'L’agent et le formulaire BANT rangent le besoin d’un lead dans l’une de ces catégories, repérée par mots-clés.',
    categoryName: 'Catégorie',
    categoryKeywords: 'Mots-clés (séparés par des virgules)',
    addCategory: 'Ajouter une catégorie',
    removeCategory: 'Supprimer la catégorie',
    noCategories: 'Aucune catégorie de besoin pour l’instant.',
    saveChecklist: 'Enregistrer la grille',
    lastSaved: 'Dernier enregistrement : {when}',
  },
} satisfies Catalogue;
