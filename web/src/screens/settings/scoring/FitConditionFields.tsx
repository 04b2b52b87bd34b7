import { useT } from '../../../app/i18n.tsx';
import { SelectField, TextField } from '../../../app/ui.tsx';
import { FieldErrors, ListField, numberOrNull, type PathError } from '../settings-kit.tsx';
import {
  FIELD_OPS,
  FIT_FIELDS,
  FIT_OPS,
  type FitCondition,
  fitConditionFor,
  LIST_OPS,
} from './grid-types.ts';
import { scoringMessages } from './scoring.messages.ts';

/** Field / operator / value of a fit rule; `path` is the rule's condition path for server errors. */
export function FitConditionFields({
  condition,
  onChange,
  errors,
  path,
}: {
  condition: FitCondition;
  onChange: (condition: FitCondition) => void;
  errors: readonly PathError[];
  path: string;
}) {
  const t = useT(scoringMessages);
  const usesField = FIELD_OPS.includes(condition.op);
  const field = condition.field ?? 'jobTitle';
  const isCustom = field.startsWith('attributes.');
  return (
    <div className="stack">
      <div className="grid-2">
        <div>
          <SelectField
            label={t('operator')}
            value={condition.op}
            options={FIT_OPS.map((op) => ({ value: op, label: t(`op_${op}` as 'op_equals') }))}
            onChange={(event) =>
              onChange(fitConditionFor(event.target.value as FitCondition['op'], condition))
            }
          />
          <FieldErrors errors={errors} path={`${path}.op`} />
        </div>
        {usesField && (
          <div>
            <SelectField
              label={t('field')}
              value={isCustom ? 'custom' : field}
              options={[
                ...FIT_FIELDS.map((name) => ({ value: name, label: name })),
                { value: 'custom', label: t('custom') },
              ]}
              onChange={(event) =>
                onChange({
                  ...condition,
                  field: event.target.value === 'custom' ? 'attributes.' : event.target.value,
                })
              }
            />
            {isCustom && (
              <TextField
                label={t('customField')}
                hint={t('customFieldHint')}
                value={field.slice('attributes.'.length)}
                onChange={(event) => onChange({ ...condition, field: `attributes.${event.target.value}` })}
              />
            )}
            <FieldErrors errors={errors} path={`${path}.field`} />
          </div>
        )}
      </div>
      {condition.op === 'equals' && (
        <div>
          <TextField
            label={t('value')}
            value={condition.value ?? ''}
            onChange={(event) => onChange({ ...condition, value: event.target.value })}
          />
          <FieldErrors errors={errors} path={`${path}.value`} />
        </div>
      )}
      {LIST_OPS.includes(condition.op) && (
        <div>
          <ListField
            label={t('values')}
            values={condition.values ?? []}
            onChange={(values) => onChange({ ...condition, values })}
          />
          <FieldErrors errors={errors} path={`${path}.values`} />
        </div>
      )}
      {condition.op === 'employees_between' && (
        <div className="grid-2">
          <div>
            <TextField
              label={t('minEmployees')}
              type="number"
              min={0}
              value={condition.min ?? 0}
              onChange={(event) => onChange({ ...condition, min: Number(event.target.value) })}
            />
            <FieldErrors errors={errors} path={`${path}.min`} />
          </div>
          <div>
            <TextField
              label={t('maxEmployees')}
              type="number"
              min={0}
              value={condition.max ?? ''}
              onChange={(event) => onChange({ ...condition, max: numberOrNull(event.target.value) })}
            />
            <FieldErrors errors={errors} path={`${path}.max`} />
          </div>
        </div>
      )}
    </div>
  );
}
