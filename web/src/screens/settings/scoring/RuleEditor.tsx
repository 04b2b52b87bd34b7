import { useT } from '../../../app/i18n.tsx';
import { Button, TextField } from '../../../app/ui.tsx';
import { CheckboxField, errorsAt, FieldErrors, type PathError } from '../settings-kit.tsx';
import { EngagementConditionFields } from './EngagementConditionFields.tsx';
import { FitConditionFields } from './FitConditionFields.tsx';
import type { ScoringRule } from './grid-types.ts';
import { scoringMessages } from './scoring.messages.ts';

/** Paths the editor shows next to a field; any other error of the rule is listed at its top. */
const PLACED = [
  '.name',
  '.points',
  '.condition.op',
  '.condition.field',
  '.condition.value',
  '.condition.values',
  '.condition.min',
  '.condition.max',
  '.condition.eventType',
  '.condition.withinDays',
  '.condition.minCount',
  '.condition.filters[',
  '.frequency.periodDays',
  '.frequency.max',
];

/** The form of one rule; `index` is its position in the grid, which the server's error paths use. */
export function RuleEditor({
  rule,
  index,
  errors,
  onChange,
  onClose,
}: {
  rule: ScoringRule;
  index: number;
  errors: readonly PathError[];
  onChange: (rule: ScoringRule) => void;
  onClose: () => void;
}) {
  const t = useT(scoringMessages);
  const path = `rules[${index}]`;
  const mine = errorsAt(errors, path);
  const unplaced = mine.filter(
    (error) => !PLACED.some((suffix) => error.path.startsWith(`${path}${suffix}`)),
  );
  return (
    <div
      className={`rule-editor stack ${mine.length > 0 ? 'has-errors' : ''}`}
      data-testid={`rule-editor-${rule.id}`}
    >
      {unplaced.length > 0 && (
        <div role="alert">
          <ul className="field-errors">
            {unplaced.map((error) => (
              <li key={`${error.path}:${error.message}`}>
                <code>{error.path}</code> {error.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid-3">
        <div>
          <TextField
            label={t('ruleName')}
            value={rule.name}
            required
            onChange={(event) => onChange({ ...rule, name: event.target.value })}
          />
          <FieldErrors errors={errors} path={`${path}.name`} />
        </div>
        <div>
          <TextField
            label={t('rulePoints')}
            hint={t('pointsHint')}
            type="number"
            min={-1000}
            max={1000}
            step={1}
            value={Number.isNaN(rule.points) ? '' : rule.points}
            onChange={(event) => onChange({ ...rule, points: Number(event.target.value) })}
          />
          <FieldErrors errors={errors} path={`${path}.points`} />
        </div>
        <CheckboxField
          label={t('ruleEnabled')}
          checked={rule.isEnabled}
          onChange={(event) => onChange({ ...rule, isEnabled: event.target.checked })}
        />
      </div>
      {rule.group === 'fit' ? (
        <FitConditionFields
          condition={rule.condition}
          onChange={(condition) => onChange({ ...rule, condition })}
          errors={errors}
          path={`${path}.condition`}
        />
      ) : (
        <EngagementConditionFields rule={rule} onChange={onChange} errors={errors} path={path} />
      )}
      <div className="row end">
        <Button onClick={onClose}>{t('closeRule')}</Button>
      </div>
    </div>
  );
}
