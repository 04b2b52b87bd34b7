import { useId } from 'react';
import { useT } from '../../../app/i18n.tsx';
import { SelectField, TextField } from '../../../app/ui.tsx';
import { sequencesMessages } from './messages.ts';
import {
  type DurationUnit,
  joinDuration,
  type StepDraft,
  splitDuration,
  UPDATABLE_FIELDS,
} from './sequence-draft.ts';
import { LIFECYCLE } from './shared.tsx';

// The fields of the two step kinds with several ways to fill them: a wait (duration, business days or a
// time of day) and an update (stage, field and/or tag).

interface FieldsProps {
  step: StepDraft;
  index: number;
  onChange: (patch: Record<string, unknown>) => void;
}

type WaitMode = 'duration' | 'businessDays' | 'until';

export function WaitStepFields({ step, index, onChange }: FieldsProps) {
  const t = useT(sequencesMessages);
  const mode: WaitMode =
    step.businessDays !== undefined ? 'businessDays' : step.until !== undefined ? 'until' : 'duration';
  const split = splitDuration(step.duration);
  const amount = split.amount;
  const unit = step.unit ?? split.unit;
  const setMode = (next: WaitMode) =>
    onChange({
      duration: next === 'duration' ? 'P1D' : undefined,
      businessDays: next === 'businessDays' ? 1 : undefined,
      until: next === 'until' ? '09:00' : undefined,
    });
  return (
    <div className="p2-inline">
      <SelectField
        label={t('waitMode')}
        value={mode}
        onChange={(event) => setMode(event.target.value as WaitMode)}
        options={[
          { value: 'duration', label: t('waitDuration') },
          { value: 'businessDays', label: t('waitBusinessDays') },
          { value: 'until', label: t('waitUntil') },
        ]}
        data-testid={`step-${index}-wait-mode`}
      />
      {mode === 'duration' && (
        <>
          <TextField
            label={t('amount')}
            type="number"
            min={1}
            value={amount}
            onChange={(event) => onChange({ duration: joinDuration(Number(event.target.value), unit), unit })}
            data-testid={`step-${index}-duration`}
          />
          <SelectField
            label={t('unit')}
            value={unit}
            onChange={(event) =>
              onChange({
                duration: joinDuration(amount, event.target.value as DurationUnit),
                unit: event.target.value as DurationUnit,
              })
            }
            options={(['minutes', 'hours', 'days'] as const).map((value) => ({
              value,
              label: t(`unit_${value}`),
            }))}
          />
        </>
      )}
      {mode === 'businessDays' && (
        <TextField
          label={t('businessDays')}
          type="number"
          min={1}
          max={60}
          value={Number(step.businessDays ?? 1)}
          onChange={(event) => onChange({ businessDays: Number(event.target.value) })}
        />
      )}
      {mode === 'until' && (
        <TextField
          label={t('untilTime')}
          type="time"
          value={String(step.until ?? '09:00')}
          onChange={(event) => onChange({ until: event.target.value })}
        />
      )}
    </div>
  );
}

export function UpdateStepFields({ step, onChange }: FieldsProps) {
  const t = useT(sequencesMessages);
  const listId = useId();
  const stage = step.stage as { to?: string; reason?: string } | undefined;
  const field = step.field as { name?: string; value?: unknown } | undefined;
  return (
    <div className="stack">
      <p className="muted">{t('updateHint')}</p>
      <div className="p2-inline">
        <SelectField
          label={t('updateStage')}
          value={stage?.to ?? ''}
          onChange={(event) =>
            onChange({
              stage: event.target.value ? { to: event.target.value, reason: stage?.reason ?? '' } : undefined,
            })
          }
          options={[
            { value: '', label: t('unchanged') },
            ...LIFECYCLE.map((value) => ({ value, label: value })),
          ]}
        />
        {stage?.to && (
          <TextField
            label={t('stageReason')}
            value={stage.reason ?? ''}
            onChange={(event) => onChange({ stage: { to: stage.to, reason: event.target.value } })}
          />
        )}
      </div>
      <div className="p2-inline">
        <TextField
          label={t('updateField')}
          hint={t('updateFieldHint')}
          list={listId}
          value={field?.name ?? ''}
          onChange={(event) =>
            onChange({
              field: event.target.value ? { name: event.target.value, value: field?.value ?? '' } : undefined,
            })
          }
        />
        <datalist id={listId}>
          {UPDATABLE_FIELDS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {field?.name && (
          <TextField
            label={t('fieldValue')}
            value={String(field.value ?? '')}
            onChange={(event) => onChange({ field: { name: field.name, value: event.target.value } })}
          />
        )}
        <TextField
          label={t('tag')}
          value={String(step.tag ?? '')}
          onChange={(event) => onChange({ tag: event.target.value })}
        />
      </div>
    </div>
  );
}
