import { useId } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { Button, SelectField, TextField } from '../../../app/ui.tsx';
import { sequencesMessages } from './messages.ts';
import { STEP_TYPES, type StepDraft, type StepType } from './sequence-draft.ts';
import { FieldErrors } from './shared.tsx';
import { UpdateStepFields, WaitStepFields } from './WaitUpdateFields.tsx';

export interface TemplateSummary {
  name: string;
  channel: string;
}

interface Props {
  step: StepDraft;
  index: number;
  steps: readonly StepDraft[];
  templates: readonly TemplateSummary[];
  errors: readonly string[];
  onChange: (patch: Record<string, unknown>) => void;
  onReplace: (type: StepType) => void;
  onMove: (offset: number) => void;
  onRemove: () => void;
}

/** One step of the sequence: its kind and the fields that kind takes (see sequence-definition.schemas.ts). */
export function StepEditor({
  step,
  index,
  steps,
  templates,
  errors,
  onChange,
  onReplace,
  onMove,
  onRemove,
}: Props) {
  const t = useT(sequencesMessages);
  const headingId = useId();
  const number = index + 1;
  return (
    <li
      className={`p2-step${errors.length > 0 ? ' has-error' : ''}`}
      aria-labelledby={headingId}
      data-testid={`step-${index}`}
    >
      <div className="p2-step-header">
        <h5 id={headingId}>
          {t('stepNumber', { number })} — {t(`stepType_${step.type}`)}
        </h5>
        <div className="row">
          <Button
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={t('moveUp', { number })}
            data-testid={`step-${index}-up`}
          >
            ↑
          </Button>
          <Button
            onClick={() => onMove(1)}
            disabled={index === steps.length - 1}
            aria-label={t('moveDown', { number })}
            data-testid={`step-${index}-down`}
          >
            ↓
          </Button>
          <Button
            variant="danger"
            onClick={onRemove}
            aria-label={t('removeStep', { number })}
            data-testid={`step-${index}-remove`}
          >
            {t('remove')}
          </Button>
        </div>
      </div>
      <div className="p2-inline">
        <SelectField
          label={t('stepKind')}
          value={step.type}
          onChange={(event) => onReplace(event.target.value as StepType)}
          options={STEP_TYPES.map((type) => ({ value: type, label: t(`stepType_${type}`) }))}
          data-testid={`step-${index}-type`}
        />
        <TextField
          label={t('stepLabel')}
          hint={t('stepLabelHint')}
          value={String(step.id ?? '')}
          onChange={(event) => onChange({ id: event.target.value })}
        />
      </div>
      <StepFields step={step} index={index} steps={steps} templates={templates} onChange={onChange} />
      <FieldErrors messages={errors} testId={`step-${index}-errors`} />
    </li>
  );
}

function StepFields({
  step,
  index,
  steps,
  templates,
  onChange,
}: Pick<Props, 'step' | 'index' | 'steps' | 'templates' | 'onChange'>) {
  const t = useT(sequencesMessages);
  const conditionId = useId();
  switch (step.type) {
    case 'send': {
      const channel = String(step.channel ?? 'email');
      const choices = templates.filter((template) => template.channel === channel);
      return (
        <div className="p2-inline">
          <SelectField
            label={t('channel')}
            value={channel}
            onChange={(event) =>
              onChange({
                channel: event.target.value,
                text: event.target.value === 'email' ? undefined : step.text,
              })
            }
            options={[
              { value: 'email', label: t('channel_email') },
              { value: 'whatsapp', label: t('channel_whatsapp') },
            ]}
          />
          <SelectField
            label={t('template')}
            value={String(step.template ?? '')}
            onChange={(event) => onChange({ template: event.target.value || undefined })}
            options={[
              { value: '', label: t('noTemplate') },
              ...choices.map((template) => ({ value: template.name, label: template.name })),
            ]}
            data-testid={`step-${index}-template`}
          />
          {channel === 'whatsapp' && (
            <TextField
              label={t('freeText')}
              hint={t('freeTextHint')}
              value={String(step.text ?? '')}
              onChange={(event) => onChange({ text: event.target.value })}
            />
          )}
        </div>
      );
    }
    case 'wait':
      return <WaitStepFields step={step} index={index} onChange={onChange} />;
    case 'branch': {
      const targets = steps.map((other, position) => ({
        value: other.id ? String(other.id) : String(position),
        label: `${t('stepNumber', { number: position + 1 })} — ${t(`stepType_${other.type}`)}${other.id ? ` (${String(other.id)})` : ''}`,
      }));
      const toTarget = (value: string) => (/^\d+$/.test(value) ? Number(value) : value);
      return (
        <div className="stack">
          <div className="field">
            <label htmlFor={conditionId}>{t('condition')}</label>
            <textarea
              id={conditionId}
              className="p2-textarea p2-code"
              value={step.conditionText ?? ''}
              onChange={(event) => onChange({ conditionText: event.target.value })}
              aria-describedby={`${conditionId}-hint`}
              data-testid={`step-${index}-condition`}
            />
            <small id={`${conditionId}-hint`} className="hint">
              {t('conditionHint')}
            </small>
          </div>
          <div className="p2-inline">
            <SelectField
              label={t('thenGoTo')}
              value={String(step.then ?? '')}
              // biome-ignore lint/suspicious/noThenProperty: a branch step's target key in the contract, never awaited
              onChange={(event) => onChange({ then: toTarget(event.target.value) })}
              options={targets}
            />
            <SelectField
              label={t('elseGoTo')}
              value={String(step.else ?? '')}
              onChange={(event) => onChange({ else: toTarget(event.target.value) })}
              options={targets}
            />
          </div>
        </div>
      );
    }
    case 'update':
      return <UpdateStepFields step={step} index={index} onChange={onChange} />;
    case 'notify':
      return (
        <div className="p2-inline">
          <label>
            <input
              type="checkbox"
              checked={step.email === true}
              onChange={(event) => onChange({ email: event.target.checked })}
            />{' '}
            {t('notifyByEmail')}
          </label>
          <TextField
            label={t('notifyMessage')}
            value={String(step.message ?? '')}
            onChange={(event) => onChange({ message: event.target.value })}
          />
          <TextField
            label={t('webhook')}
            type="url"
            value={String(step.webhook ?? '')}
            onChange={(event) => onChange({ webhook: event.target.value })}
          />
        </div>
      );
    case 'exit':
      return (
        <TextField
          label={t('exitReason')}
          value={String(step.reason ?? '')}
          onChange={(event) => onChange({ reason: event.target.value })}
        />
      );
  }
}
