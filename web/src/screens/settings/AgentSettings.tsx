import { useEffect, useState } from 'react';
import { api } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Button, Card, EmptyState, ErrorBanner, Loading, SelectField, TextField } from '../../app/ui.tsx';
import { useApi } from '../../app/use-api.ts';
import { agentMessages } from './agent.messages.ts';
import { settingsMessages } from './messages.ts';
import { CheckboxField, FieldErrors, pathErrorsOf, TextAreaField } from './settings-kit.tsx';

interface Localized {
  fr: string;
  en: string;
}
interface AgentSettingsDto {
  isEnabled: boolean;
  tone: 'tu' | 'vous';
  style: 'formal' | 'casual';
  companyName: string;
  agentName: string;
  signature: string | null;
  defaultLanguage: 'fr' | 'en';
  faq: { topic: string; answer: Localized }[];
  contentOffer: { title: Localized; url: string } | null;
  followUpAfterMinutes: number;
}

export function AgentSettings() {
  const t = useT(agentMessages);
  const ts = useT(settingsMessages);
  const { me } = useSession();
  const canEdit = me?.role === 'admin' || me?.role === 'marketer';
  const loaded = useApi(() => api.get<AgentSettingsDto>('/api/v1/settings/agent'), []);
  const [form, setForm] = useState<AgentSettingsDto>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(loaded.data), [loaded.data]);
  if (loaded.error) return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  if (!form) return <Loading />;
  const errors = pathErrorsOf(error);
  const edit = (patch: Partial<AgentSettingsDto>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };
  const setFaq = (index: number, patch: Partial<AgentSettingsDto['faq'][number]>) =>
    edit({ faq: form.faq.map((item, at) => (at === index ? { ...item, ...patch } : item)) });
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // Only the fields the API takes (the body is checked strictly).
      const { isEnabled, tone, style, companyName, agentName, defaultLanguage, faq, contentOffer } = form;
      const body = {
        isEnabled,
        tone,
        style,
        companyName,
        agentName,
        defaultLanguage,
        faq,
        contentOffer,
        followUpAfterMinutes: form.followUpAfterMinutes,
        signature: form.signature?.trim() ? form.signature : null,
      };
      setForm(await api.put<AgentSettingsDto>('/api/v1/settings/agent', body));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const offer = form.contentOffer;
  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {!canEdit && <p className="muted">{ts('readOnly')}</p>}
      <fieldset className="stack" disabled={!canEdit}>
        <Card title={t('identityTitle')}>
          <div className="stack">
            <CheckboxField
              label={t('isEnabled')}
              checked={form.isEnabled}
              onChange={(event) => edit({ isEnabled: event.target.checked })}
            />
            <div className="grid-2">
              <div>
                <TextField
                  label={t('agentName')}
                  value={form.agentName}
                  onChange={(event) => edit({ agentName: event.target.value })}
                />
                <FieldErrors errors={errors} path="body.agentName" />
              </div>
              <div>
                <TextField
                  label={t('companyName')}
                  value={form.companyName}
                  onChange={(event) => edit({ companyName: event.target.value })}
                />
                <FieldErrors errors={errors} path="body.companyName" />
              </div>
              <SelectField
                label={t('tone')}
                value={form.tone}
                data-testid="agent-tone"
                options={[
                  { value: 'vous', label: t('tone_vous') },
                  { value: 'tu', label: t('tone_tu') },
                ]}
                onChange={(event) => edit({ tone: event.target.value as AgentSettingsDto['tone'] })}
              />
              <SelectField
                label={t('style')}
                value={form.style}
                options={[
                  { value: 'formal', label: t('style_formal') },
                  { value: 'casual', label: t('style_casual') },
                ]}
                onChange={(event) => edit({ style: event.target.value as AgentSettingsDto['style'] })}
              />
              <SelectField
                label={t('defaultLanguage')}
                value={form.defaultLanguage}
                options={[
                  { value: 'fr', label: t('language_fr') },
                  { value: 'en', label: t('language_en') },
                ]}
                onChange={(event) =>
                  edit({ defaultLanguage: event.target.value as AgentSettingsDto['defaultLanguage'] })
                }
              />
              <div>
                <TextField
                  label={t('followUp')}
                  hint={t('followUpHint')}
                  type="number"
                  min={1}
                  value={Number.isNaN(form.followUpAfterMinutes) ? '' : form.followUpAfterMinutes}
                  onChange={(event) => edit({ followUpAfterMinutes: Number(event.target.value) })}
                />
                <FieldErrors errors={errors} path="body.followUpAfterMinutes" />
              </div>
            </div>
            <TextAreaField
              label={t('signature')}
              value={form.signature ?? ''}
              onChange={(event) => edit({ signature: event.target.value })}
            />
            <FieldErrors errors={errors} path="body.signature" />
          </div>
        </Card>
        <Card title={t('faqTitle')}>
          <div className="stack">
            <p className="muted">{t('faqHint')}</p>
            {form.faq.length === 0 && <EmptyState>{t('noFaq')}</EmptyState>}
            {form.faq.map((entry, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place.
              <div className="stack faq-entry" key={index}>
                <TextField
                  label={t('faqTopic')}
                  value={entry.topic}
                  onChange={(event) => setFaq(index, { topic: event.target.value })}
                />
                <div className="grid-2">
                  <TextAreaField
                    label={t('faqAnswerFr')}
                    value={entry.answer.fr}
                    onChange={(event) =>
                      setFaq(index, { answer: { ...entry.answer, fr: event.target.value } })
                    }
                  />
                  <TextAreaField
                    label={t('faqAnswerEn')}
                    value={entry.answer.en}
                    onChange={(event) =>
                      setFaq(index, { answer: { ...entry.answer, en: event.target.value } })
                    }
                  />
                </div>
                <FieldErrors errors={errors} path={`body.faq.${index}`} nested />
                <div>
                  <Button
                    variant="ghost"
                    onClick={() => edit({ faq: form.faq.filter((_, at) => at !== index) })}
                  >
                    {t('removeFaq')}
                  </Button>
                </div>
              </div>
            ))}
            <div>
              <Button onClick={() => edit({ faq: [...form.faq, { topic: '', answer: { fr: '', en: '' } }] })}>
                {t('addFaq')}
              </Button>
            </div>
          </div>
        </Card>
        <Card title={t('offerTitle')}>
          <div className="stack">
            <p className="muted">{t('offerHint')}</p>
            <CheckboxField
              label={t('hasOffer')}
              checked={offer !== null}
              onChange={(event) =>
                edit({ contentOffer: event.target.checked ? { title: { fr: '', en: '' }, url: '' } : null })
              }
            />
            {offer && (
              <div className="grid-3">
                <TextField
                  label={t('offerTitleFr')}
                  value={offer.title.fr}
                  onChange={(event) =>
                    edit({ contentOffer: { ...offer, title: { ...offer.title, fr: event.target.value } } })
                  }
                />
                <TextField
                  label={t('offerTitleEn')}
                  value={offer.title.en}
                  onChange={(event) =>
                    edit({ contentOffer: { ...offer, title: { ...offer.title, en: event.target.value } } })
                  }
                />
                <TextField
                  label={t('offerUrl')}
                  type="url"
                  value={offer.url}
                  onChange={(event) => edit({ contentOffer: { ...offer, url: event.target.value } })}
                />
              </div>
            )}
            <FieldErrors errors={errors} path="body.contentOffer" nested />
          </div>
        </Card>
      </fieldset>
      <ErrorBanner error={error} />
      {canEdit && (
        <div className="row end">
          {saved && (
            <p role="status" className="status-ok">
              {ts('savedAt')}
            </p>
          )}
          <Button type="submit" variant="primary" disabled={busy} data-testid="save-agent">
            {t('saveAgent')}
          </Button>
        </div>
      )}
    </form>
  );
}
