import { type FormEvent, useId, useState } from 'react';
import { api } from '../../app/api.ts';
import type { Lead } from '../../app/domain.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Button, Card, ErrorBanner, SelectField, TextField } from '../../app/ui.tsx';
import { sandboxMessages } from './messages.ts';

export interface StartedLead {
  lead: Lead;
  firstMessage: string;
}

/**
 * Creates the lead the user will play. No consent is recorded on purpose: with one, the first-contact
 * workflow would greet the lead by e-mail (or WhatsApp on a connected number). Here the lead writes
 * first, which is also how an inbound WhatsApp conversation starts.
 */
export function SandboxStart({ onStarted }: { onStarted: (started: StartedLead) => Promise<void> }) {
  const t = useT(sandboxMessages);
  const { locale } = useLocale();
  const { me } = useSession();
  const needId = useId();
  const [firstName, setFirstName] = useState('');
  const [company, setCompany] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<string>(locale);
  const [need, setNeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      let lead = await api.post<Lead>('/api/v1/leads', {
        firstName: firstName.trim(),
        email: email.trim(),
        language,
        ...(company.trim() ? { company: { name: company.trim() } } : {}),
        source: 'sandbox',
        attributes: { sandbox: true },
      });
      // The agent offers times from the owner's calendar: without routing, the person trying it owns the lead.
      const canAssign = me?.role === 'admin' || me?.role === 'marketer';
      if (!lead.ownerId && me?.user && canAssign)
        lead = await api.put<Lead>(`/api/v1/leads/${lead.id}/owner`, {
          ownerId: me.user.id,
          reason: 'Sandbox: the person trying the agent',
        });
      await onStarted({ lead, firstMessage: need.trim() });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <Card>
      <p>{t('intro')}</p>
      <form className="stack sandbox-form" onSubmit={submit}>
        <div className="grid-2">
          <TextField
            label={t('firstName')}
            value={firstName}
            required
            maxLength={100}
            autoComplete="off"
            onChange={(event) => setFirstName(event.target.value)}
          />
          <TextField
            label={t('company')}
            value={company}
            maxLength={200}
            autoComplete="off"
            onChange={(event) => setCompany(event.target.value)}
          />
          <TextField
            label={t('email')}
            type="email"
            value={email}
            required
            maxLength={320}
            autoComplete="off"
            hint={t('emailHint')}
            onChange={(event) => setEmail(event.target.value)}
          />
          <SelectField
            label={t('language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value)}
            options={[
              { value: 'fr', label: t('french') },
              { value: 'en', label: t('english') },
            ]}
          />
        </div>
        <div className="field">
          <label htmlFor={needId}>{t('need')}</label>
          <textarea
            id={needId}
            value={need}
            required
            rows={3}
            maxLength={4096}
            aria-describedby={`${needId}-hint`}
            onChange={(event) => setNeed(event.target.value)}
          />
          <small id={`${needId}-hint`} className="hint">
            {t('needHint')}
          </small>
        </div>
        <ErrorBanner error={error} />
        <div className="row end">
          <Button type="submit" variant="primary" data-testid="sandbox-start" disabled={busy}>
            {busy ? t('starting') : t('start')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
