import type { Catalogue } from '../../app/i18n.tsx';

export const loginMessages = {
  en: {
    title: 'Log in to Chaud',
    email: 'E-mail',
    password: 'Password',
    submit: 'Log in',
    failed: 'Wrong e-mail or password.',
    firstStart: 'First start? The login and password were printed in the terminal running Chaud.',
  },
  fr: {
    title: 'Connexion à Chaud',
    email: 'E-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    failed: 'E-mail ou mot de passe incorrect.',
    firstStart:
      "Premier démarrage ? L'identifiant et le mot de passe ont été affichés dans le terminal qui lance Chaud.",
  },
} satisfies Catalogue;
