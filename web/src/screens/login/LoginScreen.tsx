import { type FormEvent, useState } from 'react';
import { ApiError } from '../../app/api.ts';
import { LOCALES, type Locale, useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Button, Card, ErrorBanner, SelectField, TextField } from '../../app/ui.tsx';
import { loginMessages } from './messages.ts';

export function LoginScreen() {
  const t = useT(loginMessages);
  const { locale, setLocale } = useLocale();
  const { logIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await logIn(email, password);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 401 ? new Error(t('failed')) : failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" id="main">
      <Card>
        <form className="stack" onSubmit={submit}>
          <h1>{t('title')}</h1>
          <TextField
            label={t('email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
          <TextField
            label={t('password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <ErrorBanner error={error} />
          <Button type="submit" variant="primary" disabled={busy}>
            {t('submit')}
          </Button>
          <p className="muted">{t('firstStart')}</p>
          <SelectField
            label="Language / Langue"
            value={locale}
            onChange={(event) => setLocale(event.target.value as Locale)}
            options={LOCALES.map((value) => ({ value, label: value === 'fr' ? 'Français' : 'English' }))}
          />
        </form>
      </Card>
    </main>
  );
}
