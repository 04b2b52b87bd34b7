import { useT } from '../../../app/i18n.tsx';
import { Button, SelectField, TextField } from '../../../app/ui.tsx';
import { CheckboxField, FieldErrors, numberOrNull, type PathError } from '../settings-kit.tsx';
import {
  type EngagementRule,
  FILTER_OPS,
  FREQUENCY_MODES,
  type Frequency,
  frequencyFor,
  type PropertyFilter,
} from './grid-types.ts';
import { scoringMessages } from './scoring.messages.ts';

/** Event type, filters, window and count, how often it counts and whether it fades, of one rule. */
export function EngagementConditionFields({
  rule,
  onChange,
  errors,
  path,
}: {
  rule: EngagementRule;
  onChange: (rule: EngagementRule) => void;
  errors: readonly PathError[];
  path: string;
}) {
  const t = useT(scoringMessages);
  const { condition, frequency } = rule;
  const setCondition = (patch: Partial<EngagementRule['condition']>) => {
    const next = { ...condition, ...patch };
    // An emptied optional number is left out rather than sent as null (the schema wants it absent).
    if (next.withinDays === undefined || Number.isNaN(next.withinDays)) delete next.withinDays;
    if (next.minCount === undefined || Number.isNaN(next.minCount)) delete next.minCount;
    onChange({ ...rule, condition: next });
  };
  const setFilter = (index: number, patch: Partial<PropertyFilter>) =>
    setCondition({
      filters: condition.filters.map((filter, at) => (at === index ? { ...filter, ...patch } : filter)),
    });
  const optional = (text: string) => numberOrNull(text) ?? undefined;
  return (
    <div className="stack">
      <div className="grid-3">
        <div>
          <TextField
            label={t('eventType')}
            hint={t('eventTypeHint')}
            value={condition.eventType}
            onChange={(event) => setCondition({ eventType: event.target.value })}
          />
          <FieldErrors errors={errors} path={`${path}.condition.eventType`} />
        </div>
        <div>
          <TextField
            label={t('withinDays')}
            type="number"
            min={1}
            value={condition.withinDays ?? ''}
            onChange={(event) => setCondition({ withinDays: optional(event.target.value) })}
          />
          <FieldErrors errors={errors} path={`${path}.condition.withinDays`} />
        </div>
        <div>
          <TextField
            label={t('minCount')}
            type="number"
            min={2}
            value={condition.minCount ?? ''}
            onChange={(event) => setCondition({ minCount: optional(event.target.value) })}
          />
          <FieldErrors errors={errors} path={`${path}.condition.minCount`} />
        </div>
      </div>
      <fieldset className="stack">
        <legend>{t('filters')}</legend>
        {condition.filters.map((filter, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: filters have no id; their position is their identity.
          <div className="row" key={index}>
            <TextField
              label={t('filterProperty')}
              value={filter.property}
              onChange={(event) => setFilter(index, { property: event.target.value })}
            />
            <SelectField
              label={t('filterOp')}
              value={filter.op}
              options={FILTER_OPS.map((op) => ({ value: op, label: t(`filter_${op}` as 'filter_equals') }))}
              onChange={(event) => setFilter(index, { op: event.target.value as PropertyFilter['op'] })}
            />
            {(filter.op === 'equals' || filter.op === 'contains') && (
              <TextField
                label={t('filterValue')}
                value={filter.value ?? ''}
                onChange={(event) => setFilter(index, { value: event.target.value })}
              />
            )}
            <Button
              variant="ghost"
              onClick={() => setCondition({ filters: condition.filters.filter((_, at) => at !== index) })}
            >
              {t('removeFilter')}
            </Button>
            <FieldErrors errors={errors} path={`${path}.condition.filters[${index}]`} nested />
          </div>
        ))}
        <div>
          <Button
            onClick={() => setCondition({ filters: [...condition.filters, { property: '', op: 'is_true' }] })}
          >
            {t('addFilter')}
          </Button>
        </div>
      </fieldset>
      <div className="grid-3">
        <SelectField
          label={t('frequency')}
          value={frequency.mode}
          options={FREQUENCY_MODES.map((mode) => ({
            value: mode,
            label: t(`frequency_${mode}` as 'frequency_once'),
          }))}
          onChange={(event) =>
            onChange({ ...rule, frequency: frequencyFor(event.target.value as Frequency['mode'], frequency) })
          }
        />
        {frequency.mode === 'once_per_period' && (
          <div>
            <TextField
              label={t('periodDays')}
              type="number"
              min={1}
              value={frequency.periodDays ?? ''}
              onChange={(event) =>
                onChange({ ...rule, frequency: { ...frequency, periodDays: Number(event.target.value) } })
              }
            />
            <FieldErrors errors={errors} path={`${path}.frequency.periodDays`} />
          </div>
        )}
        {frequency.mode !== 'once' && (
          <div>
            <TextField
              label={t('frequencyMax')}
              type="number"
              min={1}
              value={frequency.max ?? ''}
              onChange={(event) => {
                const max = optional(event.target.value);
                const { max: _old, ...rest } = frequency;
                onChange({ ...rule, frequency: max === undefined ? rest : { ...rest, max } });
              }}
            />
            <FieldErrors errors={errors} path={`${path}.frequency.max`} />
          </div>
        )}
      </div>
      <CheckboxField
        label={t('decays')}
        checked={rule.decays}
        onChange={(event) => onChange({ ...rule, decays: event.target.checked })}
      />
    </div>
  );
}
