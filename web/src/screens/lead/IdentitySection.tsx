import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import type { Lead } from '../../app/domain.ts';
import { useFormat, useT } from '../../app/i18n.tsx';
import { Button, Card, ErrorBanner, SelectField, TextField } from '../../app/ui.tsx';
import { asTouch, type TouchPoint } from './lead-data.ts';
import { type LeadMessageKey, leadMessages } from './messages.ts';

const PERSON_FIELDS = ['firstName', 'lastName', 'jobTitle', 'email', 'phone', 'whatsappId'] as const;
const PLACE_FIELDS = ['country', 'timezone'] as const;
const COMPANY_FIELDS = ['name', 'domain', 'size', 'industry'] as const;
const COMPANY_LABELS: Record<(typeof COMPANY_FIELDS)[number], LeadMessageKey> = {
  name: 'companyName',
  domain: 'companyDomain',
  size: 'companySize',
  industry: 'companyIndustry',
};

type Draft = Record<string, string>;

function draftOf(lead: Lead): Draft {
  const draft: Draft = { language: lead.language ?? '' };
  for (const key of [...PERSON_FIELDS, ...PLACE_FIELDS]) draft[key] = lead[key] ?? '';
  for (const key of COMPANY_FIELDS) draft[`company.${key}`] = lead.company?.[key] ?? '';
  return draft;
}

/** Only what changed is sent: re-sending an identity the lead already has would re-run deduplication. */
function changesOf(before: Draft, after: Draft): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of [...PERSON_FIELDS, ...PLACE_FIELDS, 'language'])
    if (before[key] !== after[key]) body[key] = after[key]?.trim() || null;
  if (COMPANY_FIELDS.some((key) => before[`company.${key}`] !== after[`company.${key}`]))
    body.company = Object.fromEntries(
      COMPANY_FIELDS.map((key) => [key, after[`company.${key}`]?.trim() || null]),
    );
  return body;
}

/** Field errors from the server: Zod issues carry `body.company.domain`, lead errors `{ field }`. */
function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const details = error.details;
  const errors: Record<string, string> = {};
  if (Array.isArray(details))
    for (const issue of details as { path?: string; message?: string }[])
      if (issue.path) errors[issue.path.replace(/^body\./, '')] = issue.message ?? error.message;
  if (details && typeof details === 'object' && 'field' in details)
    errors[String((details as { field: unknown }).field)] = error.message;
  return errors;
}

export function IdentitySection({ lead, onSaved }: { lead: Lead; onSaved: (lead: Lead) => void }) {
  const t = useT(leadMessages);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldErrors = fieldErrorsOf(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const body = changesOf(draftOf(lead), draft);
    if (Object.keys(body).length === 0) return setDraft(null);
    setBusy(true);
    try {
      onSaved(await api.patch<Lead>(`/api/v1/leads/${lead.id}`, body));
      setDraft(null);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const field = (key: string, label: LeadMessageKey, type = 'text') => (
    <TextField
      key={key}
      name={key}
      type={type}
      label={t(label)}
      value={draft?.[key] ?? ''}
      onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      aria-invalid={fieldErrors[key] ? true : undefined}
      hint={fieldErrors[key]}
    />
  );

  return (
    <Card
      title={t('identityTitle')}
      actions={
        !draft && (
          <Button data-testid="identity-edit" onClick={() => setDraft(draftOf(lead))}>
            {t('edit')}
          </Button>
        )
      }
    >
      {draft ? (
        <form className="stack" onSubmit={submit} noValidate>
          <div className="grid-2 lead-form">
            {PERSON_FIELDS.map((key) => field(key, key, key === 'email' ? 'email' : 'text'))}
            <SelectField
              label={t('language')}
              value={draft.language ?? ''}
              onChange={(event) => setDraft({ ...draft, language: event.target.value })}
              options={[
                { value: '', label: '—' },
                { value: 'fr', label: 'Français' },
                { value: 'en', label: 'English' },
              ]}
            />
            {PLACE_FIELDS.map((key) => field(key, key))}
            {COMPANY_FIELDS.map((key) => field(`company.${key}`, COMPANY_LABELS[key]))}
          </div>
          {Object.keys(fieldErrors).length > 0 && <p className="lead-error-text">{t('fixErrors')}</p>}
          <ErrorBanner error={error} />
          <div className="row end">
            <Button
              onClick={() => {
                setDraft(null);
                setError(undefined);
              }}
            >
              {t('cancelEdit')}
            </Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {t('saveIdentity')}
            </Button>
          </div>
        </form>
      ) : (
        <IdentityView lead={lead} />
      )}
    </Card>
  );
}

function IdentityView({ lead }: { lead: Lead }) {
  const t = useT(leadMessages);
  const rows: [LeadMessageKey, string | null | undefined][] = [
    ['firstName', lead.firstName],
    ['lastName', lead.lastName],
    ['jobTitle', lead.jobTitle],
    ['email', lead.email],
    ['phone', lead.phone],
    ['whatsappId', lead.whatsappId],
    ['language', lead.language],
    ['country', lead.country],
    ['timezone', lead.timezone],
    ['companyName', lead.company?.name],
    ['companyDomain', lead.company?.domain],
    ['companySize', lead.company?.size],
    ['companyIndustry', lead.company?.industry],
    ['source', lead.source],
  ];
  return (
    <>
      <dl className="lead-facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value || '—'}</dd>
          </div>
        ))}
      </dl>
      <div className="grid-2">
        <Touch title={t('firstTouch')} touch={asTouch(lead.firstTouch)} />
        <Touch title={t('lastTouch')} touch={asTouch(lead.lastTouch)} />
      </div>
    </>
  );
}

function Touch({ title, touch }: { title: string; touch: TouchPoint | null }) {
  const t = useT(leadMessages);
  const format = useFormat();
  const utm = Object.entries(touch?.utm ?? {}).filter(([, value]) => value);
  return (
    <div>
      <h3>{title}</h3>
      {touch ? (
        <dl className="lead-facts compact">
          <div>
            <dt>{t('when')}</dt>
            <dd>{format.dateTime(touch.at)}</dd>
          </div>
          <div>
            <dt>{t('source')}</dt>
            <dd>{touch.source || '—'}</dd>
          </div>
          {utm.map(([key, value]) => (
            <div key={key}>
              <dt>utm_{key}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          {touch.referrer && (
            <div>
              <dt>{t('referrer')}</dt>
              <dd className="lead-break">{touch.referrer}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">{t('noTouch')}</p>
      )}
    </div>
  );
}
