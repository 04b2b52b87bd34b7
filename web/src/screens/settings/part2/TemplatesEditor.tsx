import { type FormEvent, useId, useState } from 'react';
import { api } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { Badge, Button, ErrorBanner, Loading, SelectField, TextField } from '../../../app/ui.tsx';
import type { Loaded } from '../../../app/use-api.ts';
import { sequencesMessages } from './messages.ts';
import { errorDetails, errorsAt, FieldErrors, type PathError } from './shared.tsx';
import { TemplatePreview } from './TemplatePreview.tsx';

type Template = Record<string, unknown> & { name: string; channel: string; isDefault?: boolean };
type Localized = { fr: string; en: string };

/** The workspace's message templates: list, edit (FR and EN) and preview for a real lead. */
export function TemplatesEditor({
  templates,
  canWrite,
}: {
  templates: Loaded<{ data: Template[] }>;
  canWrite: boolean;
}) {
  const t = useT(sequencesMessages);
  const [editing, setEditing] = useState<Template | 'new' | null>(null);
  return (
    <div className="stack" data-testid="templates">
      <h3>{t('templates')}</h3>
      {templates.loading && !templates.data && <Loading />}
      <ErrorBanner error={templates.error} onRetry={templates.reload} />
      {templates.data && (
        <table className="data">
          <caption className="sr-only">{t('templates')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('channel')}</th>
              <th scope="col">{t('funnelStage')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {templates.data.data.map((template) => (
              <tr key={template.name}>
                <th scope="row">
                  {template.name} {template.isDefault && <Badge kind="stage">{t('shipped')}</Badge>}
                </th>
                <td>{t(`channel_${template.channel === 'whatsapp' ? 'whatsapp' : 'email'}`)}</td>
                <td>{String(template.funnelStage ?? '—').toUpperCase()}</td>
                <td>
                  <Button
                    onClick={() => setEditing(template)}
                    aria-label={t('editNamed', { name: template.name })}
                    data-testid={`template-edit-${template.name}`}
                  >
                    {t('edit')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null ? (
        canWrite && (
          <div>
            <Button onClick={() => setEditing('new')} data-testid="template-new">
              {t('newTemplate')}
            </Button>
          </div>
        )
      ) : (
        <div className="card">
          <TemplateForm
            key={editing === 'new' ? 'new' : editing.name}
            template={editing === 'new' ? null : editing}
            canWrite={canWrite}
            onSaved={templates.reload}
            onDone={() => {
              setEditing(null);
              templates.reload();
            }}
          />
        </div>
      )}
    </div>
  );
}

function TemplateForm({
  template,
  canWrite,
  onSaved,
  onDone,
}: {
  template: Template | null;
  canWrite: boolean;
  onSaved: () => void;
  onDone: () => void;
}) {
  const t = useT(sequencesMessages);
  const [name, setName] = useState(template?.name ?? '');
  const [channel, setChannel] = useState(template?.channel ?? 'email');
  const [funnelStage, setFunnelStage] = useState(String(template?.funnelStage ?? ''));
  const [description, setDescription] = useState(String(template?.description ?? ''));
  const [subject, setSubject] = useState<Localized>(
    (template?.subject as Localized | undefined) ?? { fr: '', en: '' },
  );
  const [body, setBody] = useState<Localized>(
    (template?.body as Localized | undefined) ?? { fr: '', en: '' },
  );
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(template !== null);
  const [status, setStatus] = useState('');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const {
      isDefault: _default,
      name: _name,
      subject: _subject,
      funnelStage: _stage,
      description: _description,
      ...kept
    } = template ?? ({} as Template);
    const payload: Record<string, unknown> = { ...kept, channel, body };
    if (channel === 'email') payload.subject = subject;
    else delete payload.subject;
    if (channel === 'email') delete payload.whatsappTemplate;
    if (funnelStage) payload.funnelStage = funnelStage;
    if (description.trim()) payload.description = description;
    setBusy(true);
    setFailure(undefined);
    setStatus('');
    try {
      await api.put(`/api/v1/templates/${encodeURIComponent(name)}`, payload);
      setErrors([]);
      setSaved(true);
      setStatus(t('templateSaved'));
      onSaved();
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <form onSubmit={save} className="stack" aria-label={t('editTemplate')} noValidate>
        <h4>{template ? t('editNamed', { name: template.name }) : t('newTemplate')}</h4>
        {template?.isDefault && <p className="p2-note">{t('shippedNote')}</p>}
        <div className="p2-inline">
          <TextField
            label={t('templateName')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            disabled={template !== null}
            required
            data-testid="template-name"
          />
          <SelectField
            label={t('channel')}
            value={channel}
            onChange={(event) => setChannel(event.target.value)}
            options={[
              { value: 'email', label: t('channel_email') },
              { value: 'whatsapp', label: t('channel_whatsapp') },
            ]}
          />
          <SelectField
            label={t('funnelStage')}
            value={funnelStage}
            onChange={(event) => setFunnelStage(event.target.value)}
            options={[
              { value: '', label: t('none') },
              ...['tofu', 'mofu', 'bofu'].map((value) => ({ value, label: value.toUpperCase() })),
            ]}
          />
        </div>
        <TextField
          label={t('description')}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        <p className="muted">{t('tokensHint')}</p>
        {(['fr', 'en'] as const).map((language) => (
          <fieldset key={language} className="stack">
            <legend>{t(`language_${language}`)}</legend>
            {channel === 'email' && (
              <>
                <TextField
                  label={t('subjectIn', { language: t(`language_${language}`) })}
                  value={subject[language]}
                  onChange={(event) => setSubject({ ...subject, [language]: event.target.value })}
                />
                <FieldErrors messages={errorsAt(errors, `subject.${language}`)} />
              </>
            )}
            <TextArea
              label={t('bodyIn', { language: t(`language_${language}`) })}
              value={body[language]}
              onChange={(value) => setBody({ ...body, [language]: value })}
              testId={`template-body-${language}`}
            />
            <FieldErrors messages={errorsAt(errors, `body.${language}`)} />
          </fieldset>
        ))}
        <FieldErrors
          messages={errors
            .filter((error) => !/^(subject|body)\.(fr|en)/.test(error.path))
            .map((error) => (error.path ? `${error.path}: ${error.message}` : error.message))}
        />
        <ErrorBanner error={failure} />
        <p role="status">{status}</p>
        <div className="row end">
          <Button onClick={onDone}>{t('close')}</Button>
          {canWrite && (
            <Button type="submit" variant="primary" disabled={busy || !name} data-testid="template-save">
              {busy ? t('saving') : t('save')}
            </Button>
          )}
        </div>
      </form>
      {saved && <TemplatePreview name={name} />}
    </div>
  );
}

function TextArea({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="p2-textarea"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
    </div>
  );
}
