import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api.ts';
import { useT } from '../../../app/i18n.tsx';
import { Button, ErrorBanner, SelectField, TextField } from '../../../app/ui.tsx';
import { sequencesMessages } from './messages.ts';
import { SequenceOptions } from './SequenceOptions.tsx';
import { StepEditor, type TemplateSummary } from './StepEditor.tsx';
import {
  emptyStep,
  moveStep,
  type SequenceDraft,
  STEP_TYPES,
  type StepType,
  toDefinition,
  toDraft,
} from './sequence-draft.ts';
import { errorDetails, errorsAt, FieldErrors, type PathError } from './shared.tsx';

interface Props {
  /** null: a new sequence. */
  sequence: { id: string; version: number; definition: Record<string, unknown> } | null;
  templates: readonly TemplateSummary[];
  onSaved: (saved: { id: string; version: number }) => void;
  onCancel: () => void;
}

/** Form-based editor of a sequence definition; each save stores a new version. */
export function SequenceEditor({ sequence, templates, onSaved, onCancel }: Props) {
  const t = useT(sequencesMessages);
  const [draft, setDraft] = useState<SequenceDraft>(() => toDraft(sequence?.definition ?? null));
  const [newType, setNewType] = useState<StepType>('send');
  const [errors, setErrors] = useState<PathError[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const update = (patch: Partial<SequenceDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const updateStep = (index: number, patch: Record<string, unknown>) =>
    setDraft((current) => ({
      ...current,
      steps: current.steps.map((step, position) => (position === index ? { ...step, ...patch } : step)),
    }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { definition, errors: local } = toDefinition(draft);
    setFailure(undefined);
    if (local.length > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      const saved = sequence
        ? await api.put<{ id: string; version: number }>(`/api/v1/sequences/${sequence.id}`, definition)
        : await api.post<{ id: string; version: number }>('/api/v1/sequences', definition);
      setErrors([]);
      onSaved(saved);
    } catch (error) {
      setErrors(errorDetails(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  // Errors about steps that no longer exist (or the whole list) stay visible at the top of the list.
  const stepListErrors = errors
    .filter(
      (error) =>
        error.path === 'steps' ||
        (error.path.startsWith('steps.') && Number(error.path.split('.')[1]) >= draft.steps.length),
    )
    .map((error) => error.message);

  return (
    <form
      onSubmit={save}
      className="stack"
      aria-label={sequence ? t('editSequence') : t('newSequence')}
      noValidate
    >
      <h3>{sequence ? t('editSequenceVersion', { version: sequence.version }) : t('newSequence')}</h3>
      <p className="p2-note">{t('versionNote')}</p>
      <TextField
        label={t('name')}
        value={draft.name}
        onChange={(event) => update({ name: event.target.value })}
        required
        data-testid="sequence-name"
      />
      <FieldErrors messages={errorsAt(errors, 'name')} />
      <TextField
        label={t('description')}
        value={draft.description}
        onChange={(event) => update({ description: event.target.value })}
      />
      <FieldErrors messages={errorsAt(errors, 'description')} />
      <SequenceOptions draft={draft} errors={errors} onChange={update} />

      <h4>{t('steps')}</h4>
      <FieldErrors messages={stepListErrors} />
      <ol className="p2-steps" aria-label={t('steps')}>
        {draft.steps.map((step, index) => (
          <StepEditor
            key={step.key}
            step={step}
            index={index}
            steps={draft.steps}
            templates={templates}
            errors={errorsAt(errors, `steps.${index}`)}
            onChange={(patch) => updateStep(index, patch)}
            onReplace={(type) =>
              setDraft((current) => ({
                ...current,
                steps: current.steps.map((other, position) =>
                  position === index
                    ? { ...emptyStep(type), key: other.key, ...(other.id ? { id: other.id } : {}) }
                    : other,
                ),
              }))
            }
            onMove={(offset) =>
              setDraft((current) => ({ ...current, steps: moveStep(current.steps, index, index + offset) }))
            }
            onRemove={() =>
              setDraft((current) => ({
                ...current,
                steps: current.steps.filter((_, position) => position !== index),
              }))
            }
          />
        ))}
      </ol>
      <div className="p2-inline">
        <SelectField
          label={t('newStepKind')}
          value={newType}
          onChange={(event) => setNewType(event.target.value as StepType)}
          options={STEP_TYPES.map((type) => ({ value: type, label: t(`stepType_${type}`) }))}
          data-testid="add-step-type"
        />
        <Button
          onClick={() => update({ steps: [...draft.steps, emptyStep(newType)] })}
          data-testid="add-step"
        >
          {t('addStep')}
        </Button>
      </div>

      <ErrorBanner error={failure} />
      <div className="row end">
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button type="submit" variant="primary" disabled={busy} data-testid="sequence-save">
          {busy ? t('saving') : sequence ? t('saveNewVersion') : t('create')}
        </Button>
      </div>
    </form>
  );
}
