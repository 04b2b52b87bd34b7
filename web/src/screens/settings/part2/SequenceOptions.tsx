import { useT } from '../../../app/i18n.tsx';
import { SelectField, TextField } from '../../../app/ui.tsx';
import { sequencesMessages } from './messages.ts';
import { type SequenceDraft, SIMPLE_GOALS, TRIGGERS } from './sequence-draft.ts';
import {
  errorsAt,
  FieldErrors,
  LIFECYCLE,
  type PathError,
  TEMPERATURE_NAMES,
  WEEKDAY_KEYS,
} from './shared.tsx';

interface Props {
  draft: SequenceDraft;
  errors: readonly PathError[];
  onChange: (patch: Partial<SequenceDraft>) => void;
}

// The parameter each trigger takes, with the value a new trigger starts with.
const TRIGGER_DEFAULTS: Record<string, Record<string, unknown>> = {
  stage_entered: { stage: 'mql' },
  temperature_changed: { to: 'warm' },
  event_received: { type: 'demo_requested' },
  form_submitted: {},
  manual: {},
  api: {},
};

/** Trigger, goals, send window and daily cap of a sequence. */
export function SequenceOptions({ draft, errors, onChange }: Props) {
  const t = useT(sequencesMessages);
  const trigger = draft.trigger;
  const on = String(trigger?.on ?? '');
  const hasGoal = (name: string) => draft.goals.some((goal) => goal.on === name);
  const stageGoal = draft.goals.find((goal) => goal.on === 'stage_reached');
  const toggleGoal = (name: string, checked: boolean) =>
    onChange({
      goals: checked ? [...draft.goals, { on: name }] : draft.goals.filter((goal) => goal.on !== name),
    });
  const setStageGoal = (stage: string) =>
    onChange({
      goals: [
        ...draft.goals.filter((goal) => goal.on !== 'stage_reached'),
        ...(stage ? [{ on: 'stage_reached', stage }] : []),
      ],
    });
  const window = draft.sendWindow;
  return (
    <div className="stack">
      <div className="p2-inline">
        <SelectField
          label={t('trigger')}
          value={on}
          onChange={(event) =>
            onChange({
              trigger: event.target.value
                ? { on: event.target.value, ...TRIGGER_DEFAULTS[event.target.value] }
                : null,
            })
          }
          options={[
            { value: '', label: t('trigger_none') },
            ...TRIGGERS.map((value) => ({ value, label: t(`trigger_${value}`) })),
          ]}
          data-testid="sequence-trigger"
        />
        {on === 'stage_entered' && (
          <SelectField
            label={t('stage')}
            value={String(trigger?.stage ?? '')}
            onChange={(event) => onChange({ trigger: { on, stage: event.target.value } })}
            options={LIFECYCLE.map((value) => ({ value, label: value }))}
          />
        )}
        {on === 'temperature_changed' && (
          <SelectField
            label={t('temperature')}
            value={String(trigger?.to ?? '')}
            onChange={(event) => onChange({ trigger: { on, to: event.target.value } })}
            options={TEMPERATURE_NAMES.map((value) => ({ value, label: value }))}
          />
        )}
        {on === 'event_received' && (
          <TextField
            label={t('eventType')}
            hint={t('eventTypeHint')}
            value={String(trigger?.type ?? '')}
            onChange={(event) => onChange({ trigger: { on, type: event.target.value } })}
          />
        )}
        {on === 'form_submitted' && (
          <TextField
            label={t('formId')}
            value={String(trigger?.formId ?? '')}
            onChange={(event) =>
              onChange({ trigger: event.target.value ? { on, formId: event.target.value } : { on } })
            }
          />
        )}
      </div>
      <FieldErrors messages={errorsAt(errors, 'trigger')} />

      <fieldset className="p2-checks">
        <legend>{t('goals')}</legend>
        {SIMPLE_GOALS.map((goal) => (
          <label key={goal}>
            <input
              type="checkbox"
              checked={hasGoal(goal)}
              onChange={(event) => toggleGoal(goal, event.target.checked)}
            />
            {t(`goal_${goal}`)}
          </label>
        ))}
        <SelectField
          label={t('goalStage')}
          value={String(stageGoal?.stage ?? '')}
          onChange={(event) => setStageGoal(event.target.value)}
          options={[{ value: '', label: t('none') }, ...LIFECYCLE.map((value) => ({ value, label: value }))]}
        />
      </fieldset>
      <FieldErrors messages={errorsAt(errors, 'goals')} />

      <fieldset className="p2-checks">
        <legend>{t('sendWindow')}</legend>
        <label>
          <input
            type="checkbox"
            checked={window === null}
            onChange={(event) =>
              onChange({
                sendWindow: event.target.checked
                  ? null
                  : { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '19:00' },
              })
            }
          />
          {t('anyHour')}
        </label>
        {window &&
          WEEKDAY_KEYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={window.days.includes(day)}
                onChange={(event) =>
                  onChange({
                    sendWindow: {
                      ...window,
                      days: event.target.checked
                        ? WEEKDAY_KEYS.filter((key) => key === day || window.days.includes(key))
                        : window.days.filter((key) => key !== day),
                    },
                  })
                }
              />
              {t(`day_${day}`)}
            </label>
          ))}
        {window && (
          <>
            <TextField
              label={t('windowStart')}
              type="time"
              value={window.start}
              onChange={(event) => onChange({ sendWindow: { ...window, start: event.target.value } })}
            />
            <TextField
              label={t('windowEnd')}
              type="time"
              value={window.end}
              onChange={(event) => onChange({ sendWindow: { ...window, end: event.target.value } })}
            />
          </>
        )}
      </fieldset>
      <p className="muted">{t('sendWindowHint')}</p>
      <FieldErrors messages={errorsAt(errors, 'sendWindow')} />

      <TextField
        label={t('dailyCap')}
        hint={t('dailyCapHint')}
        type="number"
        min={1}
        max={100}
        value={draft.dailyCap ?? ''}
        onChange={(event) =>
          onChange({ dailyCap: event.target.value === '' ? null : Number(event.target.value) })
        }
      />
      <FieldErrors messages={errorsAt(errors, 'dailyCap')} />
    </div>
  );
}
