import { useState } from 'react';
import { api } from '../../../app/api.ts';
import { type Lead, leadName, type Page } from '../../../app/domain.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button, ErrorBanner, SelectField } from '../../../app/ui.tsx';
import { useApi } from '../../../app/use-api.ts';
import { sequencesMessages } from './messages.ts';

/** Renders the saved template for one of the latest leads, in the chosen language. */
export function TemplatePreview({ name }: { name: string }) {
  const t = useT(sequencesMessages);
  const leads = useApi(() => api.get<Page<Lead>>('/api/v1/leads', { limit: 50 }), []);
  const [leadId, setLeadId] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>('fr');
  const [result, setResult] = useState<{ subject?: string; text: string; missingTokens: string[] }>();
  const [failure, setFailure] = useState<unknown>();
  const chosen = leadId || leads.data?.data[0]?.id || '';
  const preview = async () => {
    setFailure(undefined);
    try {
      setResult(
        await api.post(`/api/v1/templates/${encodeURIComponent(name)}/preview`, { leadId: chosen, language }),
      );
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <div className="stack" data-testid="template-preview">
      <h4>{t('preview')}</h4>
      <p className="muted">{t('previewHint')}</p>
      <ErrorBanner error={leads.error} />
      <div className="p2-inline">
        <SelectField
          label={t('previewLead')}
          value={chosen}
          onChange={(event) => setLeadId(event.target.value)}
          options={(leads.data?.data ?? []).map((lead) => ({ value: lead.id, label: leadName(lead) }))}
        />
        <SelectField
          label={t('previewLanguage')}
          value={language}
          onChange={(event) => setLanguage(event.target.value as 'fr' | 'en')}
          options={[
            { value: 'fr', label: t('language_fr') },
            { value: 'en', label: t('language_en') },
          ]}
        />
        <Button onClick={preview} disabled={!chosen} data-testid="template-preview-run">
          {t('showPreview')}
        </Button>
      </div>
      <ErrorBanner error={failure} />
      {result && (
        <div className="p2-preview" aria-live="polite">
          {result.subject && (
            <p>
              <strong>{t('subject')}:</strong> {result.subject}
            </p>
          )}
          <p>{result.text}</p>
          {result.missingTokens.length > 0 && (
            <p className="muted">{t('missingTokens', { tokens: result.missingTokens.join(', ') })}</p>
          )}
        </div>
      )}
    </div>
  );
}
